using System.Collections.Concurrent;
using LandMap.Data;
using LandMap.Server.Hosting;
using LandMap.Tiles.Vector;
using Microsoft.Extensions.Options;
using NetTopologySuite.Features;

namespace LandMap.Server.Tiles;

/// <summary>
/// Parcel tiles built on request from the store: the published parcels whose envelope meets the tile's clip box (the
/// store's spatial index: SQLite R*Tree, PostGIS GiST), in one MVT layer <c>parcels</c> whose feature ids are the
/// parcels' public ids. Tiles are cached under the store's change counter, which every server process on the store
/// reads, so a write anywhere invalidates them everywhere; the cache is emptied when full rather than tracking recency.
/// </summary>
internal sealed class ParcelTiles(StoreAccess access, IOptions<ServerOptions> options)
{
    private readonly ConcurrentDictionary<(long Version, TileAddress Tile), byte[]> _cache = new();

    /// <summary>The tile's MVT bytes (empty when no parcel meets it) and the change counter they were built at (the ETag).</summary>
    public async Task<(byte[] Tile, long Version)> GetAsync(TileAddress tile, CancellationToken cancellationToken)
    {
        var store = await access.GetAsync(cancellationToken);
        var version = await store.GetChangeSeqAsync(cancellationToken);
        var key = (version, tile);
        if (_cache.TryGetValue(key, out var cached)) return (cached, version);

        var query = new ParcelQuery { BoundingBox = MvtEncoder.ClipEnvelope(tile), ExcludeRejected = true, IncludeUnresolved = false };
        var features = (await store.QueryAllParcelsAsync(query, cancellationToken)).Select(r => (IFeature)new Feature(r.Geometry, Attributes(r))).ToList();
        var mvt = MvtEncoder.Encode(tile, [new TileLayer("parcels", features)]);

        if (_cache.Count >= options.Value.ParcelTileCacheSize) _cache.Clear();
        if (options.Value.ParcelTileCacheSize > 0) _cache[key] = mvt;
        return (mvt, version);
    }

    /// <summary>What the page styles and filters by; MVT has no null, so absent values are left out.</summary>
    private static AttributesTable Attributes(ParcelRecord p)
    {
        var attributes = new AttributesTable
        {
            { "id", p.PublicId }, { "name", p.Name }, { "seq", p.Seq }, { "status", p.Status }, { "confidence", Math.Round(p.Confidence, 3) },
            { "planYear", p.PlanYear ?? 0 }, { "district", p.District ?? "" }, { "landUse", p.LandUse }, { "reviewStatus", p.ReviewStatus },
        };
        if (p.AreaMu is { } area) attributes.Add("areaMu", area);
        if (p.AreaMuComputed is { } computed) attributes.Add("areaMuComputed", Math.Round(computed, 2));
        if (p.ProjectStage is { } stage) attributes.Add("projectStage", stage);
        return attributes;
    }
}
