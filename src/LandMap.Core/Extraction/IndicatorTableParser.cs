using System.Globalization;
using System.Text.RegularExpressions;
using LandMap.Core.Reports;

namespace LandMap.Core.Extraction;

/// <summary>
/// Reads indicator tables (附表): a header row with 指标名称, 单位 and one column per year and kind
/// (2022年计划, 2022年完成, 2023年计划), optionally a second header row splitting each into
/// 绝对值 / 增长%. Tables continue over page breaks, repeated headers and split markdown tables;
/// rows without values are section headings (一、综合类) and become the category of the rows below.
/// A bracketed value ([4]) is an estimate.
/// </summary>
public static partial class IndicatorTableParser
{
    private sealed record Column(int Year, string Kind, string? Measure);

    [GeneratedRegex(@"(?<year>\d{4})\s*年\s*(?<kind>实际完成|预计完成|完成|实际|预计|计划|目标)?")]
    private static partial Regex YearKindRegex();

    [GeneratedRegex(@"^\s*(?:\d+\s*[.．、]\s*|[（(][一二三四五六七八九十]+[)）]\s*|[一二三四五六七八九十]+、\s*)")]
    private static partial Regex NumberingRegex();

    [GeneratedRegex(@"(?<=\p{IsCJKUnifiedIdeographs})\s+(?=\p{IsCJKUnifiedIdeographs})")]
    private static partial Regex SpaceBetweenHanRegex();

    [GeneratedRegex(@"^\[?\s*(?<v>-?\d+(?:\.\d+)?)")]
    private static partial Regex LeadingNumberRegex();

    /// <summary>Every indicator row of every table in <paramref name="lines"/> (ASCII digits).</summary>
    public static IReadOnlyList<Indicator> Parse(IReadOnlyList<string> lines)
    {
        var indicators = new List<Indicator>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (ReadHeader(lines, i) is not { } header) continue;
            i = ReadTable(lines, header, indicators);
        }
        return indicators;
    }

    private sealed record Header(TableLayout Layout, int Name, int Unit, Column?[] Columns, int FirstRow);

    private static Header? ReadHeader(IReadOnlyList<string> lines, int index)
    {
        var line = lines[index];
        if (TableRows.DetectLayout(line) is not { } layout || TableRows.Split(line, layout) is not { } raw) return null;
        var cells = raw.Select(TableRows.Squash).ToArray();
        var name = Array.FindIndex(cells, c => c.Contains("指标"));
        var unit = Array.FindIndex(cells, c => c.Contains("单位"));
        if (name < 0 || unit < 0) return null;

        var columns = new Column?[cells.Length];
        Column? spanning = null;
        for (var c = 0; c < cells.Length; c++)
        {
            if (c == name || c == unit) continue;
            if (YearKindRegex().Match(cells[c]) is { Success: true } m)
            {
                spanning = new Column(int.Parse(m.Groups["year"].Value), KindOf(m.Groups["kind"].Value), null);
                columns[c] = spanning;
            }
            else if (cells[c].Length == 0)
            {
                columns[c] = spanning;
            }
        }

        // A second header row (绝对值 / 增长%) splits each year column into a value and a growth rate.
        var next = index + 1;
        if (next < lines.Count && TableRows.Split(lines[next], layout) is { } sub && sub.Any(s => s.Contains("增长") || s.Contains("绝对值")))
        {
            for (var c = 0; c < sub.Length && c < columns.Length; c++)
            {
                if (columns[c] is { } col) columns[c] = col with { Measure = sub[c].Contains("增长") ? "growth" : "value" };
            }
            next++;
        }
        return new Header(layout, name, unit, columns, next);
    }

    private static int ReadTable(IReadOnlyList<string> lines, Header header, List<Indicator> indicators)
    {
        string? category = null;
        var i = header.FirstRow;
        for (; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Trim().Length == 0 || TableRows.IsRule(line)) continue;
            if (TableRows.Split(line, header.Layout) is not { } cells) break;
            if (ReadHeader(lines, i) is { } repeated)
            {
                // The header repeats after a page break; keep reading with it.
                header = repeated;
                i = repeated.FirstRow - 1;
                continue;
            }
            var name = Cell(cells, header.Name);
            if (name.Length == 0) continue;
            var values = ValuesOf(cells, header);
            var cleanName = ScriptMarkup.Flatten(SpaceBetweenHanRegex().Replace(NumberingRegex().Replace(name, ""), "")).Trim();
            if (values.Count == 0 && Cell(cells, header.Unit).Length == 0)
            {
                category = cleanName;
                continue;
            }
            indicators.Add(new Indicator
            {
                Name = cleanName,
                Unit = NullIfEmpty(ScriptMarkup.Flatten(Cell(cells, header.Unit))),
                Category = category,
                Values = values,
                Source = new SourceRef(i + 1, line.Trim()),
            });
        }
        return i - 1;
    }

    private static List<IndicatorValue> ValuesOf(string[] cells, Header header)
    {
        var values = new List<IndicatorValue>();
        for (var c = 0; c < cells.Length && c < header.Columns.Length; c++)
        {
            if (header.Columns[c] is not { } column) continue;
            var text = cells[c].Trim();
            if (text.Length == 0 || text is "—" or "-" or "--" or "/" or "——") continue;
            var estimated = text.StartsWith('[');
            // A figure too large for a double keeps its text but no value (JSON cannot write infinity).
            double? value = LeadingNumberRegex().Match(text) is { Success: true } m
                && double.Parse(m.Groups["v"].Value, CultureInfo.InvariantCulture) is var parsed && double.IsFinite(parsed)
                ? parsed
                : null;
            values.Add(new IndicatorValue(column.Year, estimated ? "estimate" : column.Kind, text, value, column.Measure));
        }
        return values;
    }

    private static string KindOf(string printed) => printed switch
    {
        "完成" or "实际" or "实际完成" => "actual",
        "预计" or "预计完成" => "estimate",
        _ => "plan",
    };

    private static string Cell(string[] cells, int index) => index >= 0 && index < cells.Length ? cells[index].Trim() : "";

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}
