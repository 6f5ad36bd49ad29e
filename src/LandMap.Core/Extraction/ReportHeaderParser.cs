using System.Text.RegularExpressions;
using LandMap.Core.Extraction.Input;

namespace LandMap.Core.Extraction;

/// <summary>What a report's title says: district and years.</summary>
public sealed record ReportHeader(string? District, int? ReviewYear, int? PlanYear, IReadOnlyList<string> Warnings);

/// <summary>
/// Reads district, review year and plan year from the title block (the lines before 各位代表).
/// Fallbacks, in order: the district named in the title block; a misread form there (漯河区); the district
/// named most often in the whole text. Years: "YYYY年…执行情况与YYYY年"; else the section headings
/// (YYYY年工作回顾, YYYY年重点工作安排); a year missing from one is derived from the other, with a warning.
/// </summary>
public static partial class ReportHeaderParser
{
    [GeneratedRegex(@"(?<review>\d{4})\s*年[^\d]{0,40}?执行情况[^\d]{0,6}(?<plan>\d{4})\s*年")]
    private static partial Regex TitleYearsRegex();

    [GeneratedRegex(@"(?<y>\d{4})\s*年\s*(?:工作回顾|国民经济和社会发展(?:规划|计划)执行情况)")]
    private static partial Regex ReviewHeadingRegex();

    [GeneratedRegex(@"(?<y>\d{4})\s*年\s*(?:重点工作安排|总体要求|经济社会发展的总体要求|经济社会发展的主要任务|全区重点项目计划安排)")]
    private static partial Regex PlanHeadingRegex();

    /// <summary>Parses the header of <paramref name="report"/>.</summary>
    public static ReportHeader Parse(ReportText report)
    {
        var warnings = new List<string>();
        var titleEnd = TitleBlockEnd(report.Lines);
        var title = NumberText.ToHalfWidth(string.Join("\n", report.Lines.Take(titleEnd)));
        var all = NumberText.ToHalfWidth(string.Join("\n", report.Lines));

        var district = Districts.All.FirstOrDefault(title.Contains)
            ?? Districts.OcrVariants.Where(v => title.Contains(v.Key)).Select(v => v.Value).FirstOrDefault()
            ?? Districts.All.Select(d => (d, n: Count(all, d))).Where(x => x.n > 0).OrderByDescending(x => x.n).Select(x => x.d).FirstOrDefault();
        if (district is null) warnings.Add("no district named in the report: district left empty");

        int? review = null, plan = null;
        if (TitleYearsRegex().Match(title) is { Success: true } m)
        {
            review = int.Parse(m.Groups["review"].Value);
            plan = int.Parse(m.Groups["plan"].Value);
        }
        else
        {
            review = FirstYear(ReviewHeadingRegex(), all);
            plan = FirstYear(PlanHeadingRegex(), all);
            if (review is null && plan is not null)
            {
                review = plan - 1;
                warnings.Add($"review year not stated: taken as {review}, the year before the plan year");
            }
            else if (plan is null && review is not null)
            {
                plan = review + 1;
                warnings.Add($"plan year not stated: taken as {plan}, the year after the review year");
            }
            else if (plan is null)
            {
                warnings.Add("no review or plan year found in the title or section headings");
            }
        }
        return new ReportHeader(district, review, plan, warnings);
    }

    private static int TitleBlockEnd(IReadOnlyList<string> lines)
    {
        for (var i = 0; i < Math.Min(lines.Count, 40); i++)
        {
            if (lines[i].Contains("各位代表")) return i;
        }
        return Math.Min(lines.Count, 12);
    }

    private static int? FirstYear(Regex regex, string text) =>
        regex.Match(text) is { Success: true } m ? int.Parse(m.Groups["y"].Value) : null;

    private static int Count(string text, string word)
    {
        var n = 0;
        for (var i = text.IndexOf(word, StringComparison.Ordinal); i >= 0; i = text.IndexOf(word, i + word.Length, StringComparison.Ordinal)) n++;
        return n;
    }
}
