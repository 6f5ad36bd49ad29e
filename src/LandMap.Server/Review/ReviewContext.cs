using LandMap.Core.Geocoding;
using LandMap.Data;
using LandMap.Data.Review;
using LandMap.Server.Hosting;
using LandMap.Server.Parcels;
using Microsoft.Extensions.Options;

namespace LandMap.Server.Review;

/// <summary>
/// The server's handle on the store for review: one opened store (after the parcel source has filled it), and an
/// index from the map's stable parcel ids to the store's parcels with their version (the ETag) and review status.
/// Every write calls <see cref="ChangedAsync"/>, which reloads the index and the parcel snapshot the map reads.
/// </summary>
internal sealed class ReviewContext : IAsyncDisposable
{
    private readonly StoreParcelSource _source;
    private readonly Lazy<Task<IParcelStore>> _store;
    private Task<IReadOnlyDictionary<int, ReviewState>>? _index;

    public ReviewContext(StoreParcelSource source, IOptions<ServerOptions> options)
    {
        _source = source;
        _store = new(async () =>
        {
            // The source creates the database folder and imports the shipped reports on first start: let it finish first.
            await source.GetParcelsAsync();
            return await ParcelStoreFactory.OpenAsync(options.Value.Database);
        });
    }

    public async Task<IParcelStore> ParcelStoreAsync(CancellationToken cancellationToken) => await _store.Value.WaitAsync(cancellationToken);

    public async Task<IReviewStore> StoreAsync(CancellationToken cancellationToken) => IReviewStore.Of(await ParcelStoreAsync(cancellationToken));

    /// <summary>Review state per map parcel id.</summary>
    public Task<IReadOnlyDictionary<int, ReviewState>> StatesAsync(CancellationToken cancellationToken) =>
        (_index ??= LoadIndexAsync()).WaitAsync(cancellationToken);

    public async Task<ReviewState?> FindAsync(int id, CancellationToken cancellationToken) =>
        (await StatesAsync(cancellationToken)).GetValueOrDefault(id);

    /// <summary>After a write: the next readers see the new versions, statuses and geometries.</summary>
    public async Task ChangedAsync(CancellationToken cancellationToken)
    {
        // Each call starts its load after its own commit, and the last one assigned wins, so no write is lost.
        await ReloadIndexAsync(cancellationToken);
        await _source.RefreshAsync(cancellationToken);
    }

    /// <summary>After a conflict: another server on the same store may have saved, so the ETags served must catch up.</summary>
    public async Task ReloadIndexAsync(CancellationToken cancellationToken)
    {
        var next = LoadIndexAsync();
        _index = next;
        await next.WaitAsync(cancellationToken);
    }

    public static string ETag(int version) => $"\"{version}\"";

    private async Task<IReadOnlyDictionary<int, ReviewState>> LoadIndexAsync()
    {
        var store = await StoreAsync(CancellationToken.None);
        return (await store.ListReviewStatesAsync()).ToDictionary(s => StoreParcelSource.ParcelId(new GeocodedEntry
        {
            File = "", Name = "", Method = "", Status = GeocodeStatus.Unresolved, Confidence = 0, District = s.District, PlanYear = s.PlanYear, Seq = s.Seq,
        }));
    }

    public async ValueTask DisposeAsync()
    {
        if (_store.IsValueCreated && _store.Value.IsCompletedSuccessfully) await _store.Value.Result.DisposeAsync();
    }
}
