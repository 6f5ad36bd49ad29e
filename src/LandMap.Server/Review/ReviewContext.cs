using LandMap.Data;
using LandMap.Data.Review;
using LandMap.Server.Hosting;

namespace LandMap.Server.Review;

/// <summary>
/// The review endpoints' handle on the store: each call reads the parcel's current version (the ETag) and review status
/// from the store by its public id, so a save by another server process on the same store is seen at once.
/// </summary>
internal sealed class ReviewContext(StoreAccess access)
{
    public Task<IParcelStore> ParcelStoreAsync(CancellationToken cancellationToken) => access.GetAsync(cancellationToken);

    public async Task<IReviewStore> StoreAsync(CancellationToken cancellationToken) => IReviewStore.Of(await ParcelStoreAsync(cancellationToken));

    /// <summary>The review state of the parcel with public id <paramref name="id"/>, rejected ones included; null when there is none.</summary>
    public async Task<ReviewState?> FindAsync(long id, CancellationToken cancellationToken) =>
        await FindRecordAsync(id, cancellationToken) is { } p ? new ReviewState(p.Id, p.District, p.PlanYear, p.Seq, p.Version, p.ReviewStatus, p.ReviewReason) : null;

    /// <summary>The stored record of the parcel with public id <paramref name="id"/>, rejected ones included.</summary>
    public async Task<ParcelRecord?> FindRecordAsync(long id, CancellationToken cancellationToken) =>
        (await (await ParcelStoreAsync(cancellationToken)).QueryParcelsAsync(new ParcelQuery { PublicIds = [id], Limit = 1 }, cancellationToken)).SingleOrDefault();

    public static string ETag(int version) => $"\"{version}\"";
}
