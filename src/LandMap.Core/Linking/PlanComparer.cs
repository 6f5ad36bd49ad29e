using LandMap.Core.Geocoding;
using LandMap.Core.Reports;

namespace LandMap.Core.Linking;

/// <summary>Compares the land columns of two plan years of one district (<c>landmap diff</c>, <c>/api/plans/diff</c>).</summary>
public static class PlanComparer
{
    /// <summary>
    /// The diff of <paramref name="fromYear"/> against <paramref name="toYear"/>, over the columns of
    /// <paramref name="reports"/> in <paramref name="district"/> (every district when null); <paramref name="parcels"/>
    /// are the geocoded entries, matched by report file and seq, for the distance between parcels; reviewers'
    /// <paramref name="decisions"/> confirm or break links (<see cref="EntryLinker"/>).
    /// </summary>
    public static PlanDiff Compare(IReadOnlyList<ExtractedReport> reports, IReadOnlyList<GeocodedEntry> parcels, int fromYear, int toYear, string? district,
        IReadOnlyList<LinkDecision>? decisions = null)
    {
        var byKey = parcels.GroupBy(p => (p.File, p.Seq)).ToDictionary(g => g.Key, g => g.First());
        List<PlannedEntry> Column(int year) => reports
            .Where(r => r.PlanYear == year && (district is null || r.District == district))
            .SelectMany(r => r.LandEntries.Select(e => new PlannedEntry(r, e, byKey.GetValueOrDefault((r.File, e.Seq)))))
            .ToList();
        return EntryLinker.Diff(fromYear, toYear, district, Column(fromYear), Column(toYear), decisions);
    }

    /// <summary>The plan years that have a land column in <paramref name="district"/> (every district when null), in order.</summary>
    public static IReadOnlyList<int> PlanYears(IEnumerable<ExtractedReport> reports, string? district) =>
        reports.Where(r => (district is null || r.District == district) && r.LandEntries.Count > 0 && r.PlanYear is not null)
            .Select(r => r.PlanYear!.Value).Distinct().Order().ToList();

    /// <summary>
    /// Null when <paramref name="year"/> is one of the <paramref name="planYears"/> of <see cref="PlanYears"/>; else why it
    /// cannot be compared and which years can. A year without a land column would otherwise make every entry of the
    /// other year new or dropped. The rule of both <c>landmap diff</c> and <c>/api/plans/diff</c>.
    /// </summary>
    public static string? MissingYear(int year, IReadOnlyList<int> planYears, string? district) =>
        planYears.Contains(year) ? null
            : $"{district ?? "the reports"} {(district is null ? "have" : "has")} no land column for plan year {year}; use one of: {(planYears.Count > 0 ? string.Join(", ", planYears) : "none")}.";
}
