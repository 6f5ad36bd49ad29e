using NetTopologySuite.Geometries;

namespace LandMap.Core.Conflicts;

/// <summary>How conflicts are judged.</summary>
public sealed record ConflictOptions
{
    /// <summary>The default sliver tolerance: overlaps smaller than 1 m² are not conflicts.</summary>
    public const double DefaultToleranceM2 = 1;

    /// <summary>Overlaps (per feature, and in total) below this many m² in the GK plane are slivers, not conflicts.</summary>
    public double ToleranceM2 { get; init; } = DefaultToleranceM2;

    /// <summary>At most this many feature keys are listed per layer (the count is always complete).</summary>
    public int MaxFeatureKeys { get; init; } = 100;
}

/// <summary>One feature of a layer a parcel is checked against.</summary>
/// <param name="Key">Its key (BSM, JBNTTBBH, ZDDM or <c>fid:N</c>).</param>
/// <param name="Geometry">WGS 84 lon/lat.</param>
/// <param name="LandClassCode">The DLBM code, for <c>land-survey</c> features.</param>
public sealed record OverlayFeature(string Key, Geometry Geometry, string? LandClassCode = null);

/// <summary>One class of a parcel's 三调 composition.</summary>
/// <param name="Class">耕地, 园地, 林地, 草地, 湿地, 建设用地, 水域 or 其他.</param>
/// <param name="Group">The second-level group for 建设用地 (工矿用地…), otherwise the class again.</param>
/// <param name="AreaMu">Area in 亩 (GK plane).</param>
/// <param name="Share">Share of the parcel, 0–1.</param>
public sealed record CompositionPart(string Class, string Group, double AreaMu, double Share);

/// <summary>
/// What one parcel has with one layer. For <c>urban-boundary</c> the area is the part of the parcel <b>outside</b> the
/// boundary; for the other kinds the overlap. Areas in 亩 in the GK zone of the parcel (1 亩 = 10000/15 m²).
/// </summary>
/// <param name="Layer">The layer's name.</param>
/// <param name="Kind">The layer's kind as stored (<c>farmland</c>…).</param>
/// <param name="AreaMu">Overlap (outside part for urban-boundary) in 亩.</param>
/// <param name="Share">Of the parcel's area, 0–1.</param>
/// <param name="Features">Keys of the features overlapped by at least the tolerance (at most <see cref="ConflictOptions.MaxFeatureKeys"/>).</param>
/// <param name="FeatureCount">How many features overlap by at least the tolerance.</param>
/// <param name="Composition">For <c>land-survey</c>: the overlap by 三调 class, largest class first within the fixed class order.</param>
/// <param name="CultivatedMu">For <c>land-survey</c>: 占用耕地 in 亩.</param>
/// <param name="Problems">Features whose overlay failed even after repair: counted, not fatal.</param>
public sealed record LayerConflict(string Layer, string Kind, double AreaMu, double Share, IReadOnlyList<string> Features, int FeatureCount,
    IReadOnlyList<CompositionPart>? Composition = null, double? CultivatedMu = null, int Problems = 0)
{
    /// <summary>
    /// The figure that makes it a conflict, in 亩: 占用耕地 for a land survey (its composition alone is information), the
    /// area otherwise. What the map's warning mark and the review queue's sort use.
    /// </summary>
    public double ConflictMu => Kind == "land-survey" ? CultivatedMu ?? 0 : AreaMu;
}
