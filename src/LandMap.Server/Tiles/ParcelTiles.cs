using System.Collections.Concurrent;
using LandMap.Server.Hosting;
using LandMap.Server.Parcels;
using LandMap.Tiles.Vector;
using Microsoft.Extensions.Options;
using NetTopologySuite.Features;

namespace LandMap.Server.Tiles;

/// <summary>
/// Parcel tiles built on request from <see cref="IParcelSource"/>: one MVT layer <c>parcels</c> with the
/// attributes the page styles by. A small cache keyed by the source's version; it is emptied when full
/// rather than tracking recency, which is enough for the few hundred tiles a district needs.
/// </summary>
internal sealed class ParcelTiles(IParcelSource source, IOptions<ServerOptions> options)
{
    private readonly ConcurrentDictionary<(long Version, TileAddress Tile), byte[]> _cache = new();

    public async Task<byte[]> GetAsync(TileAddress tile, CancellationToken cancellationToken)
    {
        var key = (source.Version, tile);
        if (_cache.TryGetValue(key, out var cached)) return cached;

        var parcels = await source.GetParcelsAsync(cancellationToken);
        var stages = (await source.GetProjectsAsync(cancellationToken))
            .SelectMany(p => p.ParcelIds.Select(id => (id, p)))
            .ToLookup(x => x.id, x => x.p);
        var bounds = tile.Bounds;
        var features = parcels
            .Where(p => p.Parcel.Geometry is { } g && bounds.Intersects(g.EnvelopeInternal))
            .Select(p => (IFeature)new Feature(p.Parcel.Geometry, Attributes(ParcelMapping.ToProperties(p, stages[p.Id].ToList()))));
        var mvt = MvtEncoder.Encode(tile, [new TileLayer("parcels", features)]);

        if (_cache.Count >= options.Value.ParcelTileCacheSize) _cache.Clear();
        if (options.Value.ParcelTileCacheSize > 0) _cache[key] = mvt;
        return mvt;
    }

    private static AttributesTable Attributes(ParcelProperties p)
    {
        var attributes = new AttributesTable
        {
            { "id", p.Id }, { "name", p.Name }, { "seq", p.Seq }, { "status", p.Status }, { "confidence", p.Confidence },
            { "planYear", p.PlanYear ?? 0 }, { "district", p.District ?? "" },
        };
        // MVT has no null: absent attributes are left out.
        if (p.AreaMu is { } area) attributes.Add("areaMu", area);
        if (p.ProjectStage is { } stage) attributes.Add("projectStage", stage);
        return attributes;
    }
}
