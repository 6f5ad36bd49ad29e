using LandMap.Data;
using LandMap.Tiles.Vector.Mvt;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;

namespace LandMap.Tiles.Sources;

/// <summary>
/// A parcel as a tile feature: what the page styles and filters by (MVT has no null, so absent values are left out),
/// the public id as the feature id. Written straight into the tile; <see cref="Attributes"/> builds the same as a table.
/// </summary>
internal sealed class ParcelTileFeature(ParcelRecord parcel) : IFeature, IMvtTags
{
    private IAttributesTable? _attributes;

    public Geometry Geometry { get; set; } = parcel.Geometry!;

    public Envelope? BoundingBox { get; set; }

    public IAttributesTable Attributes
    {
        get => _attributes ??= Table(parcel);
        set => throw new NotSupportedException("A parcel tile feature's attributes are its parcel's.");
    }

    public ulong? AppendTags(MvtLayerWriter layer, List<uint> tags)
    {
        void Add(string key, uint value)
        {
            tags.Add(layer.Key(key));
            tags.Add(value);
        }
        var p = parcel;
        Add("id", layer.Int(p.PublicId));
        Add("name", layer.String(p.Name));
        Add("seq", layer.Int(p.Seq));
        Add("status", layer.String(p.Status));
        Add("confidence", layer.Double(Math.Round(p.Confidence, 3)));
        Add("planYear", layer.Int(p.PlanYear ?? 0));
        Add("district", layer.String(p.District ?? ""));
        Add("landUse", layer.String(p.LandUse));
        Add("reviewStatus", layer.String(p.ReviewStatus));
        if (p.AreaMu is { } area) Add("areaMu", layer.Double(area));
        if (p.AreaMuComputed is { } computed) Add("areaMuComputed", layer.Double(Math.Round(computed, 2)));
        if (p.ProjectStage is { } stage) Add("projectStage", layer.String(stage));
        return p.PublicId >= 0 ? (ulong)p.PublicId : null;
    }

    /// <summary>The same fields as a table, in the same order and types.</summary>
    internal static AttributesTable Table(ParcelRecord p)
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
