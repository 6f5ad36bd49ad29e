namespace LandMap.Data;

/// <summary>Reads over <see cref="IParcelStore"/> that several callers share.</summary>
public static class ParcelStoreExtensions
{
    /// <summary>
    /// Every parcel of <paramref name="query"/> (its limit and offset ignored), read a page of <see cref="ParcelQuery.MaxLimit"/>
    /// at a time, since a store answers at most that many per query. For exports and import-time work, not for requests.
    /// </summary>
    public static async Task<List<ParcelRecord>> QueryAllParcelsAsync(this IParcelStore store, ParcelQuery query, CancellationToken cancellationToken = default)
    {
        var all = new List<ParcelRecord>();
        while (true)
        {
            var page = await store.QueryParcelsAsync(query with { Offset = all.Count, Limit = ParcelQuery.MaxLimit }, cancellationToken);
            all.AddRange(page);
            if (page.Count < ParcelQuery.MaxLimit) return all;
        }
    }
}
