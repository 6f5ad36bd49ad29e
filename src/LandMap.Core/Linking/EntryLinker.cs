using System.Text.RegularExpressions;
using LandMap.Core.Crs;
using LandMap.Core.Geocoding;
using LandMap.Core.Reports;

namespace LandMap.Core.Linking;

/// <summary>A land entry with its report and, when geocoded, its parcel.</summary>
public sealed record PlannedEntry(ExtractedReport Report, LandEntry Entry, GeocodedEntry? Parcel);

/// <summary>
/// Links the land entries of two plan years. A pair's score adds up what a planner would look at:
/// name cores (0.5 × <see cref="NameCore.Similarity"/>), the same company (0.25), the roads and villages of the
/// locations (0.15 × their overlap) and the parcels lying within 1 km of each other (0.1). Reviewers' decisions come
/// first, in this order:
/// <list type="number">
/// <item>a confirmed pair is linked whatever its score (its reasons say who confirmed it);</item>
/// <item>a broken pair is never linked;</item>
/// <item>the remaining pairs scoring at least <see cref="Threshold"/> are linked one to one, best first;</item>
/// <item>the rest are new or dropped.</item>
/// </list>
/// A decision is skipped, with the reason, when its seq now names another entry or when it contradicts an earlier
/// confirmation of the same entry.
/// </summary>
public static partial class EntryLinker
{
    /// <summary>The lowest score that links two entries.</summary>
    public const double Threshold = 0.55;

    private const double NearM = 1000;

    [GeneratedRegex(@"[\p{IsCJKUnifiedIdeographs}\d]{1,8}?(?:大道|路|线|铁路|村|社区|渠|河)")]
    private static partial Regex PlaceTokenRegex();

    /// <summary>
    /// The diff from <paramref name="earlier"/> (the <paramref name="fromYear"/> column) to <paramref name="later"/>,
    /// honouring the reviewers' <paramref name="decisions"/> (any year pair and district; only this diff's are used).
    /// </summary>
    public static PlanDiff Diff(int fromYear, int toYear, string? district, IReadOnlyList<PlannedEntry> earlier, IReadOnlyList<PlannedEntry> later,
        IReadOnlyList<LinkDecision>? decisions = null)
    {
        var used = new HashSet<PlannedEntry>(ReferenceEqualityComparer.Instance);
        var entries = new List<DiffEntry>();
        var brokenPairs = new HashSet<(PlannedEntry, PlannedEntry)>();
        var brokenLinks = new List<LinkDecision>();
        var ignored = new List<IgnoredDecision>();
        var relevant = (decisions ?? []).Where(d => d.Concerns(fromYear, toYear) && (district is null || d.District == district));
        // Oldest first: of two confirmations that contradict each other, the first one taken stands.
        foreach (var decision in relevant.OrderBy(d => d.DecidedAt))
        {
            var a = Find(earlier, decision.District, decision.From, out var whyNotA);
            var b = Find(later, decision.District, decision.To, out var whyNotB);
            if (a is null || b is null)
            {
                ignored.Add(new IgnoredDecision(decision, (whyNotA ?? whyNotB)!));
            }
            else if (decision.Verdict == LinkVerdict.Broken)
            {
                brokenPairs.Add((a, b));
                brokenLinks.Add(decision);
            }
            else if (used.Contains(a) || used.Contains(b))
            {
                ignored.Add(new IgnoredDecision(decision, "其中一项已与另一项确认关联"));
            }
            else
            {
                used.Add(a);
                used.Add(b);
                var (score, reasons) = Score(a, b);
                entries.Add(new DiffEntry("carried", Ref(a), Ref(b), Math.Round(score, 2), [.. reasons, $"审核确认：{decision.DecidedBy}"], LinkReview.Of(decision)));
            }
        }

        var candidates = earlier.SelectMany(a => later.Select(b => (a, b, scored: Score(a, b))))
            .Where(c => c.scored.Score >= Threshold && !brokenPairs.Contains((c.a, c.b)))
            .OrderByDescending(c => c.scored.Score)
            .ToList();
        foreach (var (a, b, scored) in candidates)
        {
            if (used.Contains(a) || used.Contains(b)) continue;
            used.Add(a);
            used.Add(b);
            entries.Add(new DiffEntry("carried", Ref(a), Ref(b), Math.Round(scored.Score, 2), scored.Reasons));
        }
        entries.AddRange(later.Where(b => !used.Contains(b)).Select(b => new DiffEntry("new", null, Ref(b), null, [])));
        entries.AddRange(earlier.Where(a => !used.Contains(a)).Select(a => new DiffEntry("dropped", Ref(a), null, null, [])));
        return new PlanDiff(fromYear, toYear, district, entries.OrderBy(e => e.To?.Seq ?? int.MaxValue).ThenBy(e => e.From?.Seq).ToList(),
            brokenLinks, ignored);
    }

    /// <summary>The entry a decision names, or null with why: it must still be the entry the reviewer saw.</summary>
    private static PlannedEntry? Find(IReadOnlyList<PlannedEntry> column, string district, EntryRef entry, out string? whyNot)
    {
        var found = column.FirstOrDefault(e => e.Report.District == district && e.Entry.Seq == entry.Seq);
        whyNot = found is null ? $"{entry.PlanYear} 年计划中已无第 {entry.Seq} 项"
            : found.Entry.Name != entry.Name ? $"{entry.PlanYear} 年第 {entry.Seq} 项现为“{found.Entry.Name}”，不再是决定时的“{entry.Name}”"
            : null;
        return whyNot is null ? found : null;
    }

    /// <summary>The link score of two entries and the reasons behind it, in words.</summary>
    public static (double Score, IReadOnlyList<string> Reasons) Score(PlannedEntry a, PlannedEntry b)
    {
        var reasons = new List<string>();
        var name = NameCore.Similarity(a.Entry.Name, b.Entry.Name);
        if (name > 0) reasons.Add($"名称相似 {name:0.00}（{NameCore.Core(a.Entry.Name)} / {NameCore.Core(b.Entry.Name)}）");
        var companyA = NameCore.Company(a.Entry.Name);
        var sameCompany = companyA is not null && companyA == NameCore.Company(b.Entry.Name);
        if (sameCompany) reasons.Add($"同一单位：{companyA}");
        var places = PlaceOverlap(a.Entry.Location, b.Entry.Location, out var shared);
        if (places > 0) reasons.Add($"位置相同：{string.Join("、", shared)}");
        var near = Near(a.Parcel, b.Parcel, out var distance);
        if (near) reasons.Add($"地块相距 {distance:0} 米");
        var score = 0.5 * name + (sameCompany ? 0.25 : 0) + 0.15 * places + (near ? 0.1 : 0);
        return (score, reasons);
    }

    private static double PlaceOverlap(string? a, string? b, out IReadOnlyList<string> shared)
    {
        var x = Tokens(a);
        var y = Tokens(b);
        shared = x.Intersect(y).ToList();
        return x.Count == 0 || y.Count == 0 ? 0 : shared.Count / (double)Math.Min(x.Count, y.Count);
    }

    private static HashSet<string> Tokens(string? location) =>
        location is null ? [] : PlaceTokenRegex().Matches(location).Select(m => Gazetteer.PlaceNames.Normalize(SideWordsRegex().Replace(m.Value, ""))).Where(t => t.Length >= 2).ToHashSet();

    [GeneratedRegex(@"^(?:[东西南北中]段)?(?:[东西南北]{1,2}侧|以[东西南北]|[东西南北](?=[\p{IsCJKUnifiedIdeographs}]{2}))?")]
    private static partial Regex SideWordsRegex();

    private static bool Near(GeocodedEntry? a, GeocodedEntry? b, out double distance)
    {
        distance = double.NaN;
        if (a?.Geometry is not { IsEmpty: false } || b?.Geometry is not { IsEmpty: false }) return false;
        distance = MetricPlane.For(a.Geometry).DistanceM(a.Geometry, b.Geometry);
        return distance <= NearM;
    }

    private static EntryRef Ref(PlannedEntry e) => new(e.Report.PlanYear, e.Entry.Seq, e.Entry.Name);
}
