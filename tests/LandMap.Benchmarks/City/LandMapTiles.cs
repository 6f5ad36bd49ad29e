using LandMap.Data;
using LandMap.Tiles.Sources;

namespace LandMap.Benchmarks.City;

/// <summary>
/// LandMap's parcel tiles from a store, as the server publishes them (<see cref="StoreTileSources.Parcels"/>: PostGIS
/// encodes in the database with ST_AsMVT, SQLite with NetTopologySuite). The source keeps no tile cache; the server's
/// cache sits in front of it and is not part of this comparison.
/// </summary>
internal static class LandMapTiles
{
    public static TileContender For(IParcelStore store)
    {
        var source = StoreTileSources.Parcels(store);
        return new($"LandMap {store.Backend}", async tile => (await source.GetTileAsync(tile, CancellationToken.None)).Uncompressed());
    }
}
