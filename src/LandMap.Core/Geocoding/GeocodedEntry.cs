using NetTopologySuite.Geometries;

namespace LandMap.Core.Geocoding;

/// <summary>How sure the geocoder is of a parcel's place.</summary>
public enum GeocodeStatus
{
    /// <summary>Every named place resolved and every constraint holds.</summary>
    Located,
    /// <summary>Placed, but a constraint failed, a name was not found, or no area was stated.</summary>
    Approximate,
    /// <summary>Not placed: no named place could be found. Geometry is null.</summary>
    Unresolved,
}

/// <summary>One constraint of a location and whether the placed parcel satisfies it.</summary>
/// <param name="Kind">corner, side, both-sides, section, box, place, offset, stretch, relative, border.</param>
/// <param name="Text">The text it was read from.</param>
/// <param name="Description">The constraint in words (八矿路与平安大道交叉口东北).</param>
/// <param name="Satisfied">True when the parcel satisfies it; false when it fails or could not be checked.</param>
/// <param name="Detail">Why it failed, or how it was checked.</param>
public sealed record ConstraintResult(string Kind, string Text, string Description, bool Satisfied, string? Detail = null);

/// <summary>
/// A land entry placed on the map: the parcel (WGS 84; a MultiPolygon for sub-parcels, a Point when no
/// area is stated, null when unresolved) with the reasons a reviewer needs to trust or correct it.
/// The property names are the contract of <c>landmap geocode --format geojson</c>.
/// </summary>
public sealed record GeocodedEntry
{
    /// <summary>The report file the entry comes from.</summary>
    public required string File { get; init; }

    /// <summary>The report's district.</summary>
    public string? District { get; init; }

    /// <summary>The plan year of the report's column.</summary>
    public int? PlanYear { get; init; }

    /// <summary>The entry's number in its column.</summary>
    public required int Seq { get; init; }

    /// <summary>The entry's name as printed.</summary>
    public required string Name { get; init; }

    /// <summary>The location as printed.</summary>
    public string? Location { get; init; }

    /// <summary>The stated area in 亩, null when none is stated.</summary>
    public double? AreaMu { get; init; }

    /// <summary>The area of the placed geometry in 亩 (plane area in <see cref="MetricCrs"/>), null without a polygon.</summary>
    public double? AreaMuComputed { get; init; }

    /// <summary>
    /// The plane the geocoder measured in: the CGCS2000 3° Gauss-Krüger zone of the district (<c>EPSG:4547</c> for
    /// Pingdingshan); null when the district is not in the gazetteer.
    /// </summary>
    public string? MetricCrs { get; init; }

    /// <summary>located, approximate or unresolved.</summary>
    public required GeocodeStatus Status { get; init; }

    /// <summary>0 to 1: how much a reviewer can rely on the place, from the constraints and the gazetteer's precision.</summary>
    public required double Confidence { get; init; }

    /// <summary>How the parcel was placed (corner, box, side, place, relative, …).</summary>
    public required string Method { get; init; }

    /// <summary>Every constraint of the location and whether the parcel satisfies it.</summary>
    public IReadOnlyList<ConstraintResult> Constraints { get; init; } = [];

    /// <summary>Unknown names, conflicts and assumptions, in words.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The parcel in WGS 84 lon/lat (SRID 4326), or null when unresolved.</summary>
    public Geometry? Geometry { get; init; }
}
