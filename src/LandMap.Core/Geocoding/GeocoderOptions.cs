namespace LandMap.Core.Geocoding;

/// <summary>Distances and tolerances of the geocoder, in metres unless named otherwise.</summary>
public sealed record GeocoderOptions
{
    /// <summary>A parcel fronting a road lies within this distance of its centre line (its front edge is set 12 m off it).</summary>
    public double TouchM { get; init; } = 30;

    /// <summary>Crossing roads further apart than this in the gazetteer do not make a corner.</summary>
    public double MaxCrossingGapM { get; init; } = 300;

    /// <summary>How far a fronting parcel may reach back from its road, at least.</summary>
    public double MinFrontDepthM { get; init; } = 300;

    /// <summary>How far "以北" and a 四至 side reach.</summary>
    public double HalfPlaneDepthM { get; init; } = 8000;

    /// <summary>How far from a village point a parcel "at" the village may lie, at least.</summary>
    public double VillageRadiusM { get; init; } = 500;

    /// <summary>The band inside the district boundary for 交界处.</summary>
    public double BorderBandM { get; init; } = 800;

    /// <summary>The size used to locate an entry with no stated area (it is drawn as a point, not this).</summary>
    public double NominalAreaM2 { get; init; } = 20_000;

    /// <summary>Stated areas at least this large whose name says 片区 or 公园 may contain other parcels.</summary>
    public double ContainerMinAreaMu { get; init; } = 500;

    /// <summary>Accepted relative error of the placed area.</summary>
    public double AreaTolerance { get; init; } = 0.005;
}
