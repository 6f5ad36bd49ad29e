using LandMap.Data;
using LandMap.Tiles.Sources;

namespace LandMap.Benchmarks.City;

/// <summary>
/// LandMap's parcel tiles from a store, as the server publishes them (<see cref="StoreTileSources.Parcels"/>: the store's
/// rows encoded by LandMap's <c>MvtEncoder</c> on SQLite and PostGIS). The source keeps no tile cache; the server's
/// cache sits in front of it and is not part of this comparison.
/// </summary>
internal static class LandMapTiles
{
    public static TileContender For(IParcelStore store)
    {
        var source = StoreTileSources.Parcels(store);
        return new($"LandMap {store.Backend}", async tile => (await source.GetTileAsync(tile, CancellationToken.None)).Uncompressed());
    }

    /// <summary>The store's read of a tile alone (the source's query, no encoding): where the time of <see cref="For"/> goes.</summary>
    public static TileContender StoreRead(IParcelStore store)
    {
        var source = new ParcelTileSource(store);
        return new($"{store.Backend} store read", async tile =>
        {
            _ = await store.QueryParcelsAsync(source.Filter(tile), CancellationToken.None);
            return [];
        });
    }

    /// <summary>The parcel source with the tile encoded in the database (PostGIS ST_AsMVT with LandMap's filters), the default before run 11.</summary>
    public static TileContender EncodedInDatabase(IParcelStore store)
    {
        var source = new ParcelTileSource(store, encodeInDatabase: true);
        return new($"LandMap {store.Backend} in-db", async tile => (await source.GetTileAsync(tile, CancellationToken.None)).Uncompressed());
    }
}
