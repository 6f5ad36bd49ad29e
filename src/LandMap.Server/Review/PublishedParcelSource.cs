using LandMap.Core.Reports;
using LandMap.Data.Review;
using LandMap.Server.Parcels;

namespace LandMap.Server.Review;

/// <summary>
/// What the public map shows: the store's parcels without rejected candidates, and key projects without links to
/// them. Registered as the <see cref="IParcelSource"/> of the parcels, projects and tiles endpoints; reviewers see
/// rejected parcels through the review endpoints (<c>/api/review/queue?status=rejected</c>, history).
/// </summary>
internal sealed class PublishedParcelSource(StoreParcelSource inner, ReviewContext review) : IParcelSource
{
    public async Task<IReadOnlyList<ParcelView>> GetParcelsAsync(CancellationToken cancellationToken = default)
    {
        var parcels = await inner.GetParcelsAsync(cancellationToken);
        var rejected = await RejectedAsync(cancellationToken);
        return rejected.Count == 0 ? parcels : parcels.Where(p => !rejected.Contains(p.Id)).ToList();
    }

    public async Task<IReadOnlyList<ProjectView>> GetProjectsAsync(CancellationToken cancellationToken = default)
    {
        var projects = await inner.GetProjectsAsync(cancellationToken);
        var rejected = await RejectedAsync(cancellationToken);
        return rejected.Count == 0 ? projects : projects.Select(p => p with { Sites = p.Sites.Where(s => !rejected.Contains(s.ParcelId)).ToList() }).ToList();
    }

    public Task<IReadOnlyList<ReportView>> GetReportsAsync(CancellationToken cancellationToken = default) => inner.GetReportsAsync(cancellationToken);

    public Task<IReadOnlyList<ExtractedReport>> GetExtractedReportsAsync(CancellationToken cancellationToken = default) =>
        inner.GetExtractedReportsAsync(cancellationToken);

    public long Version => inner.Version;

    public Task RefreshAsync(CancellationToken cancellationToken = default) => inner.RefreshAsync(cancellationToken);

    private async Task<HashSet<int>> RejectedAsync(CancellationToken cancellationToken) =>
        (await review.StatesAsync(cancellationToken)).Where(s => s.Value.Status == ReviewStatus.Rejected).Select(s => s.Key).ToHashSet();
}
