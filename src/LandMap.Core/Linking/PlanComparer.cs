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
}
