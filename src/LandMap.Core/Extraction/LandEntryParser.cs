using System.Text.RegularExpressions;
using LandMap.Core.Reports;

namespace LandMap.Core.Extraction;

/// <summary>
/// Splits one land entry into name, location, area clause, sub-parcels, bounds and note.
/// Name and location: numbered entries split at the first ：, ▲ entries at the first 。, else at 位于.
/// The stated area is the last area outside brackets, preferring one whose clause says 面积;
/// areas inside the location are sub-parcels (一站约47亩).
/// </summary>
public static partial class LandEntryParser
{
    private const string ClauseSeparators = "，,；;。";

    [GeneratedRegex(@"(?<label>[^（(、，,；;）)]*?)\s*$")]
    private static partial Regex LabelRegex();

    /// <summary>Parses the entry text <paramref name="body"/> printed at <paramref name="line"/>.</summary>
    public static LandEntry Parse(int seq, string body, bool triangleStyle, int line, List<string> warnings)
    {
        var (name, rest) = SplitName(body, triangleStyle);
        rest = rest.Trim().TrimEnd('。', '.', '；', ';');
        if (rest.StartsWith("位于")) rest = rest[2..];

        var unreadable = new List<string>();
        var mentions = AreaParser.FindAll(rest, unreadable);
        warnings.AddRange(unreadable.Select(figure => AreaParser.Unreadable(line, seq, name, figure)));
        var main = mentions.Where(a => !InsideBrackets(rest, a.Index) && ClauseOf(rest, a.Index).Contains("面积")).LastOrDefault()
            ?? mentions.Where(a => !InsideBrackets(rest, a.Index)).LastOrDefault();

        string location = rest, note = "", areaText = "";
        if (main is not null)
        {
            var clauseStart = LastSeparatorBefore(rest, main.Index);
            var clauseEnd = NextSeparatorAfter(rest, main.Index + main.Length);
            location = rest[..clauseStart];
            areaText = rest[clauseStart..clauseEnd].Trim(ClauseSeparators.ToCharArray()).Trim();
            note = clauseEnd < rest.Length ? rest[clauseEnd..].Trim(ClauseSeparators.ToCharArray()).Trim() : "";
        }
        location = location.Trim().Trim(ClauseSeparators.ToCharArray()).Trim();

        var parts = mentions.Where(a => a != main && a.Index < location.Length).Select(a => PartOf(location, a)).ToList();
        if (main is not null && parts.Count > 0)
        {
            var sum = parts.Sum(p => p.AreaMu);
            if (Math.Abs(sum - main.AreaMu) > Math.Max(0.5, main.AreaMu * 0.01))
            {
                warnings.Add($"line {line}: entry {seq} ({name}) has parts summing to {sum:0.##} 亩 but states {main.AreaMu:0.##} 亩");
            }
        }
        if (main is null && unreadable.Count == 0) warnings.Add($"line {line}: entry {seq} ({name}) states no area");

        return new LandEntry
        {
            Seq = seq,
            Name = name,
            Location = location.Length > 0 ? location : null,
            AreaMu = main?.AreaMu,
            Approx = main?.Approx ?? false,
            AreaQualifier = main?.Qualifier,
            AreaText = areaText.Length > 0 ? areaText : null,
            Parts = parts,
            Bounds = BoundsParser.Parse(location),
            Note = note.Length > 0 ? note : null,
            Source = new SourceRef(line, body),
        };
    }

    private static (string Name, string Remainder) SplitName(string body, bool triangleStyle)
    {
        char[] separators = triangleStyle ? ['。'] : ['：', ':'];
        var at = body.IndexOfAny(separators);
        if (at < 0 && !triangleStyle) at = body.IndexOf('。');
        if (at > 0) return (body[..at].Trim(), body[(at + 1)..]);
        var located = body.IndexOf("位于", StringComparison.Ordinal);
        return located > 0 ? (body[..located].Trim().TrimEnd('，', ','), body[located..]) : (body.Trim().TrimEnd('。'), "");
    }

    private static AreaPart PartOf(string location, AreaMention area)
    {
        var label = LabelRegex().Match(location[..area.Index]).Groups["label"].Value.Trim();
        return new AreaPart(label, area.AreaMu, area.Approx);
    }

    private static bool InsideBrackets(string text, int index)
    {
        var open = text.LastIndexOfAny(['（', '('], index);
        return open >= 0 && text.IndexOfAny(['）', ')'], open) is var close && (close < 0 || close > index);
    }

    private static string ClauseOf(string text, int index) =>
        text[LastSeparatorBefore(text, index)..NextSeparatorAfter(text, index)];

    private static int LastSeparatorBefore(string text, int index)
    {
        var at = text.LastIndexOfAny(ClauseSeparators.ToCharArray(), Math.Max(0, index - 1));
        return at < 0 ? 0 : at;
    }

    private static int NextSeparatorAfter(string text, int index)
    {
        var at = index < text.Length ? text.IndexOfAny(ClauseSeparators.ToCharArray(), index) : -1;
        return at < 0 ? text.Length : at;
    }
}
