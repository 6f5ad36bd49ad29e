using System.Text.RegularExpressions;
using LandMap.Core.Reports;

namespace LandMap.Core.Extraction;

/// <summary>The land-guarantee column of a report: its heading, entries and what did not add up.</summary>
public sealed record LandColumnResult(LandColumn? Column, IReadOnlyList<LandEntry> Entries, IReadOnlyList<string> Warnings);

/// <summary>
/// Finds the 用地保障重点项目 column and reads its entries, in any of the list styles
/// (<c>- 1、名称：位于…，面积…亩。</c>, <c>▲名称。位置。</c>) or as a table with a header row
/// (序号 | 项目名称 | 位置 | 面积（亩）). List entries may run over several lines and page breaks:
/// a line that starts no entry continues the previous one until that one ends with 。.
/// </summary>
public static partial class LandColumnParser
{
    [GeneratedRegex(@"用地保障重点项目")]
    private static partial Regex HeadingRegex();

    [GeneratedRegex(@"[（(]\s*(?<n>\d+)\s*个\s*[)）]")]
    private static partial Regex DeclaredCountRegex();

    [GeneratedRegex(@"^\s*(?:[-*•]\s*)?(?:(?<num>\d+)\s*[、.．]\s*(?!\d)|(?<tri>▲)\s*)(?<body>.+)$")]
    private static partial Regex EntryStartRegex();

    [GeneratedRegex(@"^\s*(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、|专栏|附表)")]
    private static partial Regex SectionHeadingRegex();

    /// <summary>Parses the column from the report's lines (full-width digits already made ASCII).</summary>
    /// <param name="lines">The report's lines, index 0 = line 1.</param>
    public static LandColumnResult Parse(IReadOnlyList<string> lines)
    {
        var headingIndex = FindHeading(lines);
        if (headingIndex < 0) return new LandColumnResult(null, [], []);

        var heading = lines[headingIndex].Trim();
        int? declared = DeclaredCountRegex().Match(heading) is { Success: true } m && int.TryParse(m.Groups["n"].Value, out var count) ? count : null;
        var warnings = new List<string>();

        var firstContent = NextNonBlank(lines, headingIndex + 1);
        var entries = firstContent >= 0 && LandTableReader.TryReadHeader(lines[firstContent]) is { } table
            ? LandTableReader.ReadRows(lines, firstContent + 1, table, warnings)
            : ReadList(lines, headingIndex + 1, warnings);
        entries = EntryNumbers.RenumberDuplicates(entries, warnings);

        if (declared is { } d && d != entries.Count)
        {
            warnings.Add($"line {headingIndex + 1}: the column declares {d} entries but {entries.Count} were found");
        }
        var column = new LandColumn(TitleOf(heading), declared, entries.Count, headingIndex + 1);
        return new LandColumnResult(column, entries, warnings);
    }

    private static int FindHeading(IReadOnlyList<string> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            // A heading is short; the words also occur inside running prose.
            if (HeadingRegex().IsMatch(lines[i]) && lines[i].Trim().Length <= 40) return i;
        }
        return -1;
    }

    private static string TitleOf(string heading) =>
        heading.StartsWith("专栏") ? heading.TrimStart('专', '栏', '：', ':', ' ') : heading;

    private static int NextNonBlank(IReadOnlyList<string> lines, int from)
    {
        for (var i = from; i < lines.Count; i++)
        {
            if (lines[i].Trim().Length > 0) return i;
        }
        return -1;
    }

    private static List<LandEntry> ReadList(IReadOnlyList<string> lines, int from, List<string> warnings)
    {
        var entries = new List<LandEntry>();
        PendingEntry? pending = null;

        void Complete()
        {
            if (pending is null) return;
            if (pending.Number is { } number && EntryNumbers.Refuse(number, pending.Line, pending.Body, warnings))
            {
                pending = null;
                return;
            }
            entries.Add(LandEntryParser.Parse(pending.Seq, pending.Body, pending.Triangle, pending.Line, warnings));
            pending = null;
        }

        for (var i = from; i < lines.Count; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0) continue;
            var start = EntryStartRegex().Match(line);
            if (start.Success && !SectionHeadingRegex().IsMatch(line))
            {
                Complete();
                var number = start.Groups["num"].Success ? start.Groups["num"].Value : null;
                var seq = number is null ? entries.Count + 1 : int.TryParse(number, out var printed) ? printed : -1;
                pending = new PendingEntry(seq, number, start.Groups["body"].Value.Trim(), start.Groups["tri"].Success, i + 1);
            }
            else if (pending is not null && !pending.Body.EndsWith('。') && !SectionHeadingRegex().IsMatch(line))
            {
                pending = pending with { Body = pending.Body + line };
            }
            else
            {
                break;
            }
        }
        Complete();
        return entries;
    }

    private sealed record PendingEntry(int Seq, string? Number, string Body, bool Triangle, int Line);
}
