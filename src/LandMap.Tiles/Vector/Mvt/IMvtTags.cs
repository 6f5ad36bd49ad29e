namespace LandMap.Tiles.Vector.Mvt;

/// <summary>
/// A feature that writes its own MVT tags, without an attribute table in between (a parcel's fields are known); the
/// encoder asks for them instead of reading <see cref="NetTopologySuite.Features.IFeature.Attributes"/>.
/// </summary>
internal interface IMvtTags
{
    /// <summary>Appends key/value index pairs of <paramref name="layer"/> to <paramref name="tags"/>; returns the feature id, if any.</summary>
    ulong? AppendTags(MvtLayerWriter layer, List<uint> tags);
}
