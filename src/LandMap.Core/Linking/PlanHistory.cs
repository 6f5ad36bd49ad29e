using LandMap.Core.Geocoding;
using LandMap.Core.Reports;

namespace LandMap.Core.Linking;

/// <summary>One diff line that concerns an entry, with the two plan years it compares.</summary>
public sealed record PlanStep(int FromYear, int ToYear, DiffEntry Entry);

/// <summary>
/// The diffs of each district's consecutive plan years (2021 → 2023, 2023 → 2024 …), and the path of one entry
/// through them: back through the columns it was carried from and on through those it was carried into.
/// </summary>
public sealed class PlanHistory
{
    private readonly IReadOnlyList<(string? District, PlanDiff Diff)> _diffs;

    private PlanHistory(IReadOnlyList<(string? District, PlanDiff Diff)> diffs) => _diffs = diffs;

    /// <summary>Compares every district's land columns year after year, honouring reviewers' <paramref name="decisions"/>.</summary>
    public static PlanHistory Build(IReadOnlyList<ExtractedReport> reports, IReadOnlyList<GeocodedEntry> parcels, IReadOnlyList<LinkDecision>? decisions = null)
    {
        var diffs = reports
            .Where(r => r.LandEntries.Count > 0 && r.PlanYear is not null)
            .GroupBy(r => r.District)
            .SelectMany(g =>
            {
                var years = g.Select(r => r.PlanYear!.Value).Distinct().Order().ToList();
                return years.Zip(years.Skip(1), (from, to) => (g.Key, PlanComparer.Compare(reports, parcels, from, to, g.Key, decisions)));
            })
            .ToList();
        return new PlanHistory(diffs);
    }

    /// <summary>Every diff line on the path of entry <paramref name="seq"/> of the <paramref name="planYear"/> column, oldest first.</summary>
    public IReadOnlyList<PlanStep> StepsOf(string? district, int planYear, int seq)
    {
        var steps = new List<PlanStep>();
        // Walk back while the entry was carried from an earlier column, then forward from the start.
        for (var (year, s) = (planYear, seq); Find(district, d => d.ToYear == year, e => e.To?.Seq == s) is { } back;)
        {
            steps.Insert(0, back);
            if (back.Entry.From is null) break;
            (year, s) = (back.FromYear, back.Entry.From.Seq);
        }
        for (var (year, s) = (planYear, seq); Find(district, d => d.FromYear == year, e => e.From?.Seq == s) is { } next;)
        {
            steps.Add(next);
            if (next.Entry.To is null) break;
            (year, s) = (next.ToYear, next.Entry.To.Seq);
        }
        return steps;
    }

    private PlanStep? Find(string? district, Func<PlanDiff, bool> diff, Func<DiffEntry, bool> entry) =>
        _diffs.Where(d => d.District == district && diff(d.Diff))
            .SelectMany(d => d.Diff.Entries.Where(entry).Select(e => new PlanStep(d.Diff.FromYear, d.Diff.ToYear, e)))
            .FirstOrDefault();
}
