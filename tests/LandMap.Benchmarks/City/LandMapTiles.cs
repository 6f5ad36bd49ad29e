using LandMap.Data;
using LandMap.Tiles.Vector;
using NetTopologySuite.Features;

namespace LandMap.Benchmarks.City;

/// <summary>
/// LandMap's parcel tiles from a store, without a tile cache. Interim: the server's way (ParcelTiles: the store's
/// parcels meeting the clip box, encoded with <see cref="MvtEncoder"/>) until the store tile sources land on main.
/// </summary>
internal static class LandMapTiles
{
    public static TileContender For(IParcelStore store) => new($"LandMap {store.Backend}", async tile =>
    {
        var query = new ParcelQuery { BoundingBox = MvtEncoder.ClipEnvelope(tile), ExcludeRejected = true, IncludeUnresolved = false };
        var features = (await store.QueryAllParcelsAsync(query)).Select(r => (IFeature)new Feature(r.Geometry, Attributes(r))).ToList();
        return MvtEncoder.Encode(tile, [new TileLayer("parcels", features)]);
    });

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
