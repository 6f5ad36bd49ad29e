namespace LandMap.Data;

/// <summary>Reads over <see cref="IParcelStore"/> that several callers share.</summary>
public static class ParcelStoreExtensions
{
    /// <summary>
    /// Every parcel of <paramref name="query"/> (its limit and offset ignored) in one list. For exports and import-time
    /// work, not for requests.
    /// </summary>
    public static async Task<List<ParcelRecord>> QueryAllParcelsAsync(this IParcelStore store, ParcelQuery query, CancellationToken cancellationToken = default)
    {
        var all = new List<ParcelRecord>();
        await foreach (var parcel in store.StreamParcelsAsync(query, cancellationToken)) all.Add(parcel);
        return all;
    }
}
