using LandMap.Core.Geocoding;
using LandMap.Core.Linking;
using LandMap.Core.Reports;
using LandMap.Server.Parcels;
using LandMap.Server.Review;

namespace LandMap.Server.Plans;

/// <summary>
/// One line of a plan diff: carried (both sides), new (<c>from</c> null) or dropped (<c>to</c> null); the parcel
/// ids let the page draw both sides; <c>review</c> says who confirmed a carried link.
/// </summary>
public sealed record PlanLinkDto(string Class, EntryRef? From, EntryRef? To, double? Score, IReadOnlyList<string> Reasons,
    int FromYear, int ToYear, string? District, long? FromParcelId, long? ToParcelId, LinkReview? Review);

/// <summary>A prose statement on the land of a parcel (园区二期土地263亩已经省政府批复，即将挂牌出让).</summary>
public sealed record LandFactDto(string Subject, double AreaMu, string Status, string File, int? Year, SourceDto Source, string Reason);

/// <summary>
/// What links the reports across years, worked out from the source and the reviewers' link decisions: the diffs of
/// consecutive plan years (<see cref="PlanHistory"/>) and the land facts on each parcel (<see cref="ParcelSites.ForFact"/>).
/// Worked out again when the store's change counter moves (<see cref="IParcelSource.VersionAsync"/>): a geometry save or
/// a link decision on any server process on the store.
/// </summary>
internal sealed class PlanLinks(IParcelSource source, ReviewContext review)
{
    private readonly Lock _gate = new();
    private (long Version, Task<Linked> Task)? _linked;

    /// <summary>The diff of two plan years in <paramref name="district"/>.</summary>
    public async Task<PlanDiff> DiffAsync(int fromYear, int toYear, string district, CancellationToken cancellationToken)
    {
        var linked = await LinkedAsync(cancellationToken);
        return PlanComparer.Compare(linked.Reports, linked.Parcels.Select(p => p.Parcel).ToList(), fromYear, toYear, district, linked.Decisions);
    }

    /// <summary>The lines of a diff as the API serves them, with parcel ids.</summary>
    public async Task<IReadOnlyList<PlanLinkDto>> LinesAsync(PlanDiff diff, CancellationToken cancellationToken)
    {
        var linked = await LinkedAsync(cancellationToken);
        return diff.Entries.Select(e => linked.ToDto(new PlanStep(diff.FromYear, diff.ToYear, e), diff.District)).ToList();
    }

    /// <summary>Every reviewer decision on links of <paramref name="district"/>, oldest first.</summary>
    public async Task<IReadOnlyList<LinkDecision>> DecisionsAsync(string district, CancellationToken cancellationToken) =>
        (await LinkedAsync(cancellationToken)).Decisions.Where(d => d.District == district).ToList();

    /// <summary>The plan years that have a land column in <paramref name="district"/>.</summary>
    public async Task<IReadOnlyList<int>> PlanYearsAsync(string district, CancellationToken cancellationToken) =>
        PlanComparer.PlanYears((await LinkedAsync(cancellationToken)).Reports, district);

    /// <summary>The links of a parcel through every plan year, oldest first.</summary>
    public async Task<IReadOnlyList<PlanLinkDto>> AppearancesAsync(ParcelView parcel, CancellationToken cancellationToken)
    {
        var linked = await LinkedAsync(cancellationToken);
        var p = parcel.Parcel;
        return p.PlanYear is not { } year ? [] : linked.History.StepsOf(p.District, year, p.Seq).Select(s => linked.ToDto(s, p.District)).ToList();
    }

    /// <summary>The land facts that speak of a parcel.</summary>
    public async Task<IReadOnlyList<LandFactDto>> FactsAsync(long parcelId, CancellationToken cancellationToken) =>
        (await LinkedAsync(cancellationToken)).Facts[parcelId].ToList();

    private async Task<Linked> LinkedAsync(CancellationToken cancellationToken)
    {
        var version = await source.VersionAsync(cancellationToken);
        Task<Linked> task;
        lock (_gate)
        {
            if (_linked is not { } cached || cached.Version != version) _linked = cached = (version, Link(source, review));
            task = cached.Task;
        }
        return await task.WaitAsync(cancellationToken);
    }

    private static async Task<Linked> Link(IParcelSource source, ReviewContext review)
    {
        var reports = await source.GetExtractedReportsAsync();
        var parcels = await source.GetParcelsAsync();
        var decisions = await (await review.StoreAsync(CancellationToken.None)).ListLinkDecisionsAsync();
        var entries = parcels.Select(p => p.Parcel).ToList();
        var ids = parcels.ToDictionary<ParcelView, GeocodedEntry, long>(p => p.Parcel, p => p.Id, ReferenceEqualityComparer.Instance);
        var facts = reports
            .SelectMany(r => r.LandFacts.SelectMany(f => ParcelSites.ForFact(f, r.District, entries).Select(site => (Id: ids[site.Parcel],
                Fact: new LandFactDto(f.Subject, f.AreaMu, f.Status, r.File, r.ReviewYear, new SourceDto(f.Source.Line, f.Source.Text), site.Reason)))))
            .ToLookup(x => x.Id, x => x.Fact);
        return new Linked(reports, parcels, decisions, PlanHistory.Build(reports, entries, decisions), facts);
    }

    private sealed record Linked(IReadOnlyList<ExtractedReport> Reports, IReadOnlyList<ParcelView> Parcels, IReadOnlyList<LinkDecision> Decisions,
        PlanHistory History, ILookup<long, LandFactDto> Facts)
    {
        private readonly Dictionary<(string?, int?, int), long> _ids = Parcels.ToDictionary(p => (p.Parcel.District, p.Parcel.PlanYear, p.Parcel.Seq), p => p.Id);

        public PlanLinkDto ToDto(PlanStep step, string? district)
        {
            long? Id(EntryRef? e) => e is not null && _ids.TryGetValue((district, e.PlanYear, e.Seq), out var id) ? id : null;
            var e = step.Entry;
            return new PlanLinkDto(e.Class, e.From, e.To, e.Score, e.Reasons, step.FromYear, step.ToYear, district, Id(e.From), Id(e.To), e.Review);
        }
    }
}
