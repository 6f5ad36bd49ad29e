using System.Text.RegularExpressions;
using LandMap.Core.Reports;

namespace LandMap.Core.Geocoding.Grammar;

/// <summary>What a location says, as constraints, and the pieces of text no pattern understood.</summary>
public sealed record ParsedLocation(IReadOnlyList<LocationConstraint> Constraints, IReadOnlyList<string> Unparsed);

/// <summary>
/// Reads the location grammar of docs/domain.md into constraints. The text is cut into segments at ，；
/// (and at 、 between statements); each segment is read left to right: administrative prefixes
/// (平顶山市卫东区蒲城街道) are dropped; a crossing (A与B交叉口东北角, A与B向西50米路北6号) is taken first;
/// then both sides (A东段两侧), stretches (X至Y), sides of another entry (…项目南侧), sides of a line
/// (A东段北侧, A以南, A北), road sections (A北段) and the district border (与襄城县交界处); what is left names places
/// (程庄村, 观上村原丁营砖厂). A 四至 box comes from the entry's bounds.
/// </summary>
public static partial class LocationParser
{
    // 街 (樱花园西街, 和平里东街) but not 街道, the sub-district office; ring roads (北三环, 东二环).
    private const string LineSuffix = "(?:大道|路|线|铁路|专用线|渠|河|高速|引线|国道|街(?!道)|[一二三四五六七]环)";

    [GeneratedRegex(@"^(?:平顶山市)?(?:卫东区|湛河区)?(?:[\p{IsCJKUnifiedIdeographs}]{2,4}?(?:街道办事处|街道|办事处))?")]
    private static partial Regex AdminPrefixRegex();

    // 和 joins two roads but also begins names (和平里东街): a name may hold it, the shortest reading wins.
    [GeneratedRegex(@"^(?<a>[^与，、]+?)(?:与|和)(?<b>[^与，、]+?)(?:交叉口|路口|(?=向[东西南北])|$)(?<q>东北|西北|东南|西南|路?[东西南北](?![段侧至]))?(?:角|侧|方向)?")]
    private static partial Regex CrossingRegex();

    [GeneratedRegex(@"^(?<a>.+?" + LineSuffix + @")[东西南北]?(?<b>[^，、]+?" + LineSuffix + @")(?:交叉口|路口)(?<q>东北|西北|东南|西南|路?[东西南北])?(?:角|侧)?")]
    private static partial Regex CrossingWithoutConjunctionRegex();

    [GeneratedRegex(@"向(?<dir>[东西南北])\s*(?<d>\d+(?:\.\d+)?)\s*米")]
    private static partial Regex OffsetRegex();

    [GeneratedRegex(@"(?<=^|村|社区|号)路(?<dir>[东西南北])\s*(?:\d+\s*号)?$")]
    private static partial Regex RoadSideTailRegex();

    [GeneratedRegex(@"^(?<b>.+?)路口对面")]
    private static partial Regex OppositeCornerRegex();

    [GeneratedRegex(@"^[\p{IsCJKUnifiedIdeographs}]{1,5}(?:村|社区)$")]
    private static partial Regex PlainVillageRegex();

    // The longest of the district's forms the segment starts with, dropped, when a name follows: not when the form
    // begins a name itself (朝阳区路, 北京市大道).
    private static string WithoutDistrict(string segment, IReadOnlyList<string> adminPrefixes)
    {
        var form = adminPrefixes.Where(f => f.Length > 0 && segment.Length >= f.Length + 2 && segment.StartsWith(f, StringComparison.Ordinal)
                && !"路街道线河渠桥".Contains(segment[f.Length]) && !segment.AsSpan(f.Length).StartsWith("大道"))
            .MaxBy(f => f.Length);
        return form is null ? segment : segment[form.Length..];
    }

    // The 街道 the admin prefix named (蒲城街道, from 平顶山市卫东区蒲城街道办事处), or null.
    private static string? TownOf(string segment, string rest)
    {
        var prefix = segment[..^rest.Length];
        var at = prefix.LastIndexOfAny(['市', '区']);
        var town = prefix[(at + 1)..];
        if (town.EndsWith("办事处", StringComparison.Ordinal)) town = town[..^3];
        return town.EndsWith("街道", StringComparison.Ordinal) && town.Length > 2 ? town : null;
    }

    // A community named after a village (铁路新村社区) is the community, not the village and a 社区 after it.
    [GeneratedRegex(@"^(?<p>[\p{IsCJKUnifiedIdeographs}]{2,5}?(?:村社区|社区|村(?!社区)))(?=.)(?!小学|学校|幼儿园|委|[东西南北]{1,2}侧)")]
    private static partial Regex LeadingVillageRegex();

    [GeneratedRegex(@"^(?<f>.{2,}?)(?<dir>东北|西北|东南|西南|[东西南北])$")]
    private static partial Regex BareDirectionRegex();

    // Not a community or village named after its street or railway (康复街社区, 建设路村, 铁路新村社区).
    [GeneratedRegex(@"^(?<f>.+?" + LineSuffix + @")(?![东西南北中段两以侧口与和]|社区|村$|[\p{IsCJKUnifiedIdeographs}]{0,4}村社区$)(?=.)")]
    private static partial Regex AlongRegex();

    [GeneratedRegex(@"^(?<f>.+?)(?<sec>[东西南北中]段)?(?:南北|东西)?两侧")]
    private static partial Regex BothSidesRegex();

    [GeneratedRegex(@"^(?<from>[^东西南北].+?)至(?<to>.+)$")]
    private static partial Regex StretchRegex();

    [GeneratedRegex(@"^(?<e>.+?项目)(?<dir>[东西南北])侧")]
    private static partial Regex RelativeRegex();

    [GeneratedRegex(@"^(?<f>.+?)(?<sec>[东西南北中]段)?(?:以(?<dir>[东西南北])|(?<dir>东北|西北|东南|西南|[东西南北])侧|(?<=" + LineSuffix + @")(?<dir>[东西南北])(?!段)(?=$|[\p{IsCJKUnifiedIdeographs}]{2,}村))")]
    private static partial Regex SideRegex();

    [GeneratedRegex(@"^(?<f>.+?" + LineSuffix + @")(?<sec>[东西南北中]段)")]
    private static partial Regex SectionRegex();

    [GeneratedRegex(@"^与(?<n>.+?(?:县|区|市))交界处?")]
    private static partial Regex BorderRegex();

    [GeneratedRegex(@"(?:及其周边区域|及其周边|周边区域|部分区域|周边)$")]
    private static partial Regex VicinityTailRegex();

    [GeneratedRegex(@"(?<=" + LineSuffix + @")$")]
    private static partial Regex EndsLikeLineRegex();

    /// <summary>
    /// Parses <paramref name="location"/>; <paramref name="bounds"/> adds a box constraint. <paramref name="adminPrefixes"/>
    /// are the forms the report's own district may be written in before a place (北京市朝阳区, 朝阳区), dropped as
    /// 平顶山市卫东区 is.
    /// </summary>
    public static ParsedLocation Parse(string? location, Bounds? bounds = null, IReadOnlyList<string>? adminPrefixes = null)
    {
        var constraints = new List<LocationConstraint>();
        var unparsed = new List<string>();
        if (bounds is not null)
        {
            constraints.Add(new BoxConstraint(bounds.West, bounds.East, bounds.South, bounds.North, location ?? ""));
            return new ParsedLocation(constraints, unparsed);
        }
        if (string.IsNullOrWhiteSpace(location)) return new ParsedLocation(constraints, unparsed);

        foreach (var segment in Segments(location))
        {
            ReadSegment(segment, constraints, unparsed, adminPrefixes ?? []);
        }
        return new ParsedLocation(constraints, unparsed);
    }

    /// <summary>
    /// Splits a location with sub-parcels (八矿路与平安大道交叉口东北（一站约47亩）、平安大道东段南侧、八矿路口对面（二站台约68亩）)
    /// into the text that locates each part; empty when the location states no parts.
    /// </summary>
    public static IReadOnlyList<(string Label, string Text)> SplitParts(string location)
    {
        var parts = new List<(string, string)>();
        var start = 0;
        foreach (Match m in PartBracketRegex().Matches(location))
        {
            parts.Add((m.Groups["label"].Value.Trim(), location[start..m.Index].Trim('、', '，', ',', ' ')));
            start = m.Index + m.Length;
        }
        return parts;
    }

    [GeneratedRegex(@"[（(](?<label>[^）)\d约]*?)\s*约?\s*[\d.]+\s*亩[）)]")]
    private static partial Regex PartBracketRegex();

    private static IEnumerable<string> Segments(string location)
    {
        // "东、西两侧" is one statement, and a bracket holds its own location.
        var text = location.Replace("东、西两侧", "两侧").Replace("南、北两侧", "两侧");
        // （原许南路） names the road before it again; （一站约47亩） labels a sub-parcel: neither adds a place.
        text = Regex.Replace(text, @"[（(](?:原|老)[^）)]*[）)]|[（(][^）)]*亩[）)]", "");
        text = Regex.Replace(text, @"[（(]([^）)]*)[）)]", "，$1，");
        foreach (var clause in text.Split(['，', ',', '；', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // 、 separates statements (许南路东侧、建设路南侧蒲城村) and also villages (上张村、吴寨村).
            foreach (var piece in clause.Split('、', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                yield return piece;
            }
        }
    }

    private static void ReadSegment(string segment, List<LocationConstraint> constraints, List<string> unparsed, IReadOnlyList<string> adminPrefixes)
    {
        var spaced = segment.Replace(" ", "");
        var text = AdminPrefixRegex().Replace(WithoutDistrict(spaced, adminPrefixes), "");
        // 蒲城街道新庄村: the 街道 stays with a village named alone, to tell homonyms apart (PlaceResolver splits it off);
        // read as a place at once, as 东安路街道 is no road.
        if (TownOf(spaced, text) is { } town && PlainVillageRegex().IsMatch(text))
        {
            constraints.Add(new PlaceConstraint(town + text, null, segment));
            return;
        }
        var lastLine = constraints.Select(LineOf).LastOrDefault(l => l is not null);

        if ((CrossingRegex().Match(text) is { Success: true } c && LooksLikeLine(c.Groups["b"].Value)) ||
            (CrossingWithoutConjunctionRegex().Match(text) is { Success: true } c2 && (c = c2) is not null))
        {
            var quadrant = c.Groups["q"].Value.TrimStart('路');
            constraints.Add(new CornerConstraint(c.Groups["a"].Value, c.Groups["b"].Value, Directions.Parse(quadrant), segment));
            lastLine = c.Groups["a"].Value;
            text = text[(c.Index + c.Length)..];
        }
        if (OffsetRegex().Match(text) is { Success: true } o)
        {
            constraints.Add(new OffsetConstraint(Directions.Parse(o.Groups["dir"].Value)!.Value, double.Parse(o.Groups["d"].Value, System.Globalization.CultureInfo.InvariantCulture), segment));
            text = text.Remove(o.Index, o.Length);
        }
        Compass? roadSide = null;
        if (RoadSideTailRegex().Match(text) is { Success: true } tail)
        {
            // 路南 / 路北6号: the side of the road named last, once the rest of the segment is read.
            roadSide = Directions.Parse(tail.Groups["dir"].Value);
            text = text[..tail.Index];
        }

        while (text.Length > 0)
        {
            var before = text;
            text = ReadStatement(text, segment, constraints);
            if (text == before) break;
        }
        lastLine = constraints.Select(LineOf).LastOrDefault(l => l is not null) ?? lastLine;
        if (roadSide is { } side && lastLine is not null) constraints.Add(new SideConstraint(lastLine, side, null, true, segment));
        if (text.Length > 0) ReadPlaces(text, segment, constraints, unparsed);
    }

    private static string ReadStatement(string text, string segment, List<LocationConstraint> constraints)
    {
        if (BorderRegex().Match(text) is { Success: true } border)
        {
            constraints.Add(new BorderConstraint(border.Groups["n"].Value, segment));
            return text[border.Length..];
        }
        if (BothSidesRegex().Match(text) is { Success: true } both)
        {
            constraints.Add(new BothSidesConstraint(both.Groups["f"].Value, Directions.ParseSection(both.Groups["sec"].Value), segment));
            return text[both.Length..];
        }
        if (StretchRegex().Match(text) is { Success: true } stretch)
        {
            constraints.Add(new StretchConstraint(stretch.Groups["from"].Value, stretch.Groups["to"].Value, segment));
            return "";
        }
        if (RelativeRegex().Match(text) is { Success: true } relative)
        {
            constraints.Add(new RelativeConstraint(relative.Groups["e"].Value, Directions.Parse(relative.Groups["dir"].Value)!.Value, segment));
            return text[relative.Length..];
        }
        if (LeadingVillageRegex().Match(text) is { Success: true } village)
        {
            constraints.Add(new PlaceConstraint(village.Groups["p"].Value, null, segment));
            return text[village.Length..];
        }
        if (SideRegex().Match(text) is { Success: true } side)
        {
            var feature = side.Groups["f"].Value;
            var dir = Directions.Parse(side.Groups["dir"].Value)!.Value;
            var fronting = !side.Value.Contains('以');
            constraints.Add(LooksLikeLine(feature)
                ? new SideConstraint(feature, dir, Directions.ParseSection(side.Groups["sec"].Value), fronting, segment)
                : new PlaceConstraint(VicinityTailRegex().Replace(feature, ""), dir, segment));
            return text[side.Length..];
        }
        if (SectionRegex().Match(text) is { Success: true } section)
        {
            constraints.Add(new SectionConstraint(section.Groups["f"].Value, Directions.ParseSection(section.Groups["sec"].Value)!.Value, segment));
            return text[section.Length..];
        }
        if (OppositeCornerRegex().Match(text) is { Success: true } opposite && constraints.Select(LineOf).LastOrDefault(l => l is not null) is { } road)
        {
            // 八矿路口对面: across the road named last from its crossing with 八矿路.
            constraints.Add(new CornerConstraint(road, opposite.Groups["b"].Value + "路", null, segment));
            return text[opposite.Length..];
        }
        if (AlongRegex().Match(text) is { Success: true } along)
        {
            constraints.Add(new AlongConstraint(along.Groups["f"].Value, segment));
            return text[along.Length..];
        }
        if (BareDirectionRegex().Match(text) is { Success: true } bare)
        {
            // 北环路北, 韩申线南, 中平能化集团天工有限公司北: beside a line or a place, without 侧.
            var feature = bare.Groups["f"].Value;
            var dir = Directions.Parse(bare.Groups["dir"].Value)!.Value;
            constraints.Add(LooksLikeLine(feature) ? new SideConstraint(feature, dir, null, true, segment) : new PlaceConstraint(feature, dir, segment));
            return "";
        }
        return text;
    }

    private static void ReadPlaces(string text, string segment, List<LocationConstraint> constraints, List<string> unparsed)
    {
        // 观上村原丁营砖厂: a village and a former landmark in it.
        foreach (var part in text.Split('原', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var place = VicinityTailRegex().Replace(part, "");
            if (place.Length >= 2) constraints.Add(new PlaceConstraint(place, null, segment));
            else unparsed.Add(part);
        }
    }

    private static string? LineOf(LocationConstraint constraint) => constraint switch
    {
        SideConstraint s when LooksLikeLine(s.Feature) => s.Feature,
        SectionConstraint s => s.Feature,
        BothSidesConstraint b => b.Feature,
        AlongConstraint a => a.Feature,
        CornerConstraint c => c.RoadA,
        _ => null,
    };

    private static bool LooksLikeLine(string name) => EndsLikeLineRegex().IsMatch(name) || name.EndsWith("线");
}
