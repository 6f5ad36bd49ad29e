using System.Text.RegularExpressions;
using LandMap.Core.Reports;

namespace LandMap.Core.Linking;

/// <summary>An indicator's figures for one year: the plan, the result and the estimate (预计), each when stated.</summary>
public sealed record IndicatorPoint(int Year, double? Plan, double? Actual, double? Estimate);

/// <summary>One indicator of a district followed through every report's table.</summary>
/// <param name="Name">The name in the newest report.</param>
/// <param name="Aliases">Other printings (地区生产总值增长 for 全区生产总值增速).</param>
/// <param name="Unit">The unit column; % for a growth sub-column.</param>
/// <param name="Category">The section heading in the newest report that has one.</param>
/// <param name="Measure"><c>growth</c> or <c>value</c> where a table splits a year in two; null otherwise.</param>
/// <param name="Points">One point per year with a figure, oldest first.</param>
public sealed record IndicatorSeries(string Name, IReadOnlyList<string> Aliases, string? Unit, string? Category, string? Measure, IReadOnlyList<IndicatorPoint> Points);

/// <summary>
/// Joins the indicator rows of a district's reports into series for charting plan against result. Rows are one
/// indicator when their names agree once 全区/地区/城市, bracketed notes (PM2.5) and spaces are dropped and 增长
/// is read as 增速, and their units and measures agree. A newer report's figure for a year wins over an older one.
/// </summary>
public static partial class IndicatorSeriesBuilder
{
    [GeneratedRegex(@"^(?:全区|地区|城市)|[（(][^）)]*[）)]|\s")]
    private static partial Regex NoiseRegex();

    /// <summary>The series of <paramref name="district"/> (every district when null), in table order.</summary>
    public static IReadOnlyList<IndicatorSeries> Build(IReadOnlyList<ExtractedReport> reports, string? district)
    {
        var rows = reports
            .Where(r => district is null || r.District == district)
            .OrderBy(r => r.PlanYear)
            .SelectMany(r => r.Indicators.SelectMany(i => i.Values.GroupBy(v => v.Measure).Select(m => (Report: r, Indicator: i, Measure: m.Key, Values: m.ToList()))))
            .ToList();
        // Group in the order of the newest report, so the chart list follows its table.
        return rows
            .GroupBy(x => (x.Report.District, Key: Key(x.Indicator.Name), Unit: UnitOf(x.Indicator.Unit, x.Measure), x.Measure))
            .OrderBy(g => -g.Max(x => x.Report.PlanYear ?? 0)).ThenBy(g => rows.IndexOf(g.Last()))
            .Select(g => ToSeries(g.ToList(), g.Key.Unit, g.Key.Measure))
            .Where(s => s.Points.Count > 0)
            .ToList();
    }

    private static IndicatorSeries ToSeries(IReadOnlyList<(ExtractedReport Report, Indicator Indicator, string? Measure, List<IndicatorValue> Values)> rows, string? unit, string? measure)
    {
        var newest = rows[^1].Indicator;
        var names = rows.Select(r => r.Indicator.Name).Distinct().Where(n => n != newest.Name).ToList();
        // rows run oldest report first, so the last value per (year, kind) is the newest report's.
        var latest = rows.SelectMany(r => r.Values).Where(v => v.Value is not null)
            .GroupBy(v => (v.Year, v.Kind)).ToDictionary(g => g.Key, g => g.Last().Value);
        var points = latest.Keys.Select(k => k.Year).Distinct().Order()
            .Select(y => new IndicatorPoint(y, latest.GetValueOrDefault((y, "plan")), latest.GetValueOrDefault((y, "actual")), latest.GetValueOrDefault((y, "estimate"))))
            .ToList();
        var category = rows.Select(r => r.Indicator.Category).LastOrDefault(c => c is not null);
        return new IndicatorSeries(newest.Name, names, unit, category, measure, points);
    }

    private static string Key(string name)
    {
        var key = NoiseRegex().Replace(name, "");
        return key.EndsWith("增长", StringComparison.Ordinal) ? key[..^2] + "增速" : key;
    }

    private static string? UnitOf(string? unit, string? measure) => measure == "growth" ? "%" : unit;
}
