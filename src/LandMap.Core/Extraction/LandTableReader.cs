using LandMap.Core.Reports;

namespace LandMap.Core.Extraction;

/// <summary>
/// Reads a land column printed as a table. The header names the columns (序号, 项目名称, 位置, 面积（亩）);
/// the unit in the area header applies to bare numbers in that column.
/// </summary>
public static class LandTableReader
{
    /// <summary>Column positions found in a land table header.</summary>
    public sealed record Header(TableLayout Layout, int Seq, int Name, int Location, int Area, string AreaUnit);

    private static readonly string[] LocationWords = ["位置", "地点", "选址", "坐落", "四至"];

    /// <summary>The header of a land table, or null when <paramref name="line"/> is not one.</summary>
    public static Header? TryReadHeader(string line)
    {
        if (TableRows.DetectLayout(line) is not { } layout || TableRows.Split(line, layout) is not { } raw) return null;
        var cells = raw.Select(TableRows.Squash).ToArray();
        var name = Array.FindIndex(cells, c => c.Contains("名称"));
        if (name < 0) return null;
        var area = Array.FindIndex(cells, c => c.Contains("面积"));
        var unit = area >= 0 && cells[area].Contains("公顷") ? "公顷" : area >= 0 && cells[area].Contains("平方米") ? "平方米" : "亩";
        return new Header(
            layout,
            Array.FindIndex(cells, c => c.Contains("序号")),
            name,
            Array.FindIndex(cells, c => LocationWords.Any(c.Contains)),
            area,
            unit);
    }

    /// <summary>Reads rows from <paramref name="from"/> until a line that is not a row of the table.</summary>
    public static List<LandEntry> ReadRows(IReadOnlyList<string> lines, int from, Header header, List<string> warnings)
    {
        var entries = new List<LandEntry>();
        for (var i = from; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Trim().Length == 0 || TableRows.IsRule(line)) continue;
            if (TableRows.Split(line, header.Layout) is not { } cells) break;
            var name = Cell(cells, header.Name);
            if (name.Length == 0) continue;

            var location = Cell(cells, header.Location);
            var areaCell = Cell(cells, header.Area);
            var seqCell = Cell(cells, header.Seq);
            if (EntryNumbers.Refuse(seqCell, i + 1, name, warnings)) continue;
            var seq = int.TryParse(seqCell, out var printed) ? printed : entries.Count + 1;
            var unreadable = new List<string>();
            var area = AreaOf(areaCell, header.AreaUnit, unreadable);
            warnings.AddRange(unreadable.Take(1).Select(figure => AreaParser.Unreadable(i + 1, seq, name, figure)));
            if (area is null && unreadable.Count == 0) warnings.Add($"line {i + 1}: entry {seq} ({name}) states no area");
            entries.Add(new LandEntry
            {
                Seq = seq,
                Name = name,
                Location = location.Length > 0 ? location : null,
                AreaMu = area?.AreaMu,
                Approx = area?.Approx ?? false,
                AreaQualifier = area?.Qualifier,
                AreaText = areaCell.Length > 0 ? areaCell : null,
                Parts = [],
                Bounds = BoundsParser.Parse(location),
                Source = new SourceRef(i + 1, line.Trim()),
            });
        }
        return entries;
    }

    private static string Cell(string[] cells, int index) => index >= 0 && index < cells.Length ? cells[index].Trim() : "";

    private static AreaMention? AreaOf(string cell, string headerUnit, List<string> unreadable)
    {
        if (cell.Length == 0) return null;
        // A bare figure takes the unit of the header; a figure with its own unit keeps it.
        return AreaParser.FindAll(cell, unreadable).FirstOrDefault() ?? AreaParser.FindAll(cell + headerUnit, unreadable).FirstOrDefault();
    }
}
