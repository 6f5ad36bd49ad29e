using System.Text.RegularExpressions;
using LandMap.Core.Extraction.Input;
using LandMap.Core.Gazetteer.Registry;

namespace LandMap.Core.Extraction;

/// <summary>What a report's title says: district and years.</summary>
public sealed record ReportHeader(string? District, int? ReviewYear, int? PlanYear, IReadOnlyList<string> Warnings)
{
    /// <summary>The six-digit code of <see cref="District"/> in the registry it was recognised from.</summary>
    public int? DistrictCode { get; init; }

    /// <summary>When no registered district was found: the district the title prints (青州市), if it prints one.</summary>
    public string? UnregisteredDistrict { get; init; }
}

/// <summary>
/// Reads district, review year and plan year from the title block (the lines before 各位代表).
/// Districts are those of a <see cref="DistrictRegistry"/> (the shipped one unless given), with or without their
/// city or province in front (平顶山市卫东区, 卫东区). Fallbacks, in order: the district named in the title block; a
/// misread form there (漯河区); the district named most often in the whole text. When none is found, the county-level
/// name the title prints (青州市) is kept for the message that says how to register it. Years: "YYYY年…执行情况与YYYY年"; else the section headings
/// (YYYY年工作回顾, YYYY年重点工作安排); a year missing from one is derived from the other, with a warning.
/// </summary>
public static partial class ReportHeaderParser
{
    [GeneratedRegex(@"(?<review>\d{4})\s*年[^\d]{0,40}?执行情况[^\d]{0,6}(?<plan>\d{4})\s*年")]
    private static partial Regex TitleYearsRegex();

    [GeneratedRegex(@"(?<y>\d{4})\s*年\s*(?:工作回顾|国民经济和社会发展(?:规划|计划)执行情况)")]
    private static partial Regex ReviewHeadingRegex();

    // A county-level name in a title: 青州市, 朝阳区, 某某自治县, 某某旗, after an optional 关于 and province/city; the
    // title may break its line right after the name (关于平顶山市卫东区 / 2022 年…).
    [GeneratedRegex(@"(?:关于)?(?<name>[\u4e00-\u9fff]{1,12}?(?:自治县|自治旗|区|县|市|旗))(?=\s*(?:\d|人民政府|政府工作报告|国民经济|关于|第|$))")]
    private static partial Regex TitleDistrictRegex();

    [GeneratedRegex(@"(?<y>\d{4})\s*年\s*(?:重点工作安排|总体要求|经济社会发展的总体要求|经济社会发展的主要任务|全区重点项目计划安排)")]
    private static partial Regex PlanHeadingRegex();

    /// <summary>Parses the header of <paramref name="report"/> with the shipped district registry.</summary>
    public static ReportHeader Parse(ReportText report) => Parse(report, DistrictRegistry.Shipped);

    /// <summary>Parses the header of <paramref name="report"/>, recognising the districts of <paramref name="registry"/>.</summary>
    public static ReportHeader Parse(ReportText report, DistrictRegistry registry)
    {
        var warnings = new List<string>();
        var titleEnd = TitleBlockEnd(report.Lines);
        var title = NumberText.ToHalfWidth(string.Join("\n", report.Lines.Take(titleEnd)));
        var all = NumberText.ToHalfWidth(string.Join("\n", report.Lines));

        var district = registry.FindIn(title)?.District
            ?? Districts.OcrVariants.Where(v => title.Contains(v.Key)).Select(v => registry.ByName(v.Value)).OfType<RegisteredDistrict>().FirstOrDefault()
            ?? registry.All.Select(d => (d, n: Count(all, d.Name))).Where(x => x.n > 0).OrderByDescending(x => x.n).Select(x => x.d).FirstOrDefault();
        var unregistered = district is null ? TitleDistrict(title) : null;
        if (district is null)
        {
            warnings.Add(unregistered is null
                ? "no district named in the report: district left empty"
                : $"the title names {unregistered}, which is not in the district registry: district left empty");
        }

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
        return new ReportHeader(district?.Name, review, plan, warnings) { DistrictCode = district?.Code, UnregisteredDistrict = unregistered };
    }

    // The title's county-level name with what precedes it on its line (北京市朝阳区), for the user to recognise.
    private static string? TitleDistrict(string title)
    {
        foreach (var line in title.Split('\n'))
        {
            var m = TitleDistrictRegex().Match(line.Replace("*", "").Trim());
            if (m.Success && m.Groups["name"].Value.Length >= 2) return m.Groups["name"].Value;
        }
        return null;
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
