using NetTopologySuite.Geometries;

namespace LandMap.Data;

/// <summary>A parcel with its current geometry version, as queries and exports see it.</summary>
public sealed record ParcelRecord
{
    /// <summary>The parcel's id.</summary>
    public required long Id { get; init; }
    /// <summary>The report the parcel's entry comes from.</summary>
    public required long ReportId { get; init; }
    /// <summary>The report's file name.</summary>
    public required string FileName { get; init; }
    /// <summary>The land entry's id.</summary>
    public required long EntryId { get; init; }
    /// <summary>The report's district.</summary>
    public string? District { get; init; }
    /// <summary>The report's plan year.</summary>
    public int? PlanYear { get; init; }
    /// <summary>The entry's number in its column.</summary>
    public required int Seq { get; init; }
    /// <summary>The entry's name as printed.</summary>
    public required string Name { get; init; }
    /// <summary>The location as printed.</summary>
    public string? Location { get; init; }
    /// <summary>Text after the area clause (often the land owner or company).</summary>
    public string? Note { get; init; }
    /// <summary>The stated area in 亩.</summary>
    public double? AreaMu { get; init; }
    /// <summary>The area of the current geometry in 亩.</summary>
    public double? AreaMuComputed { get; init; }
    /// <summary>located, approximate, unresolved or reviewed.</summary>
    public required string Status { get; init; }
    /// <summary>0 to 1.</summary>
    public double Confidence { get; init; }
    /// <summary>How the current geometry was made (corner, box, … or edit).</summary>
    public required string Method { get; init; }
    /// <summary>The parcel's version, incremented by every geometry save: the ETag.</summary>
    public required int Version { get; init; }
    /// <summary>Who made the current geometry: geocoder, or the reviewer's name.</summary>
    public required string MadeBy { get; init; }
    /// <summary>The current geometry in WGS 84, null when unresolved.</summary>
    public Geometry? Geometry { get; init; }
    /// <summary>The current version's constraint checks (JSON array), so readers need not load the history.</summary>
    public string ConstraintsJson { get; init; } = "[]";
    /// <summary>The current version's warnings (JSON array of strings).</summary>
    public string WarningsJson { get; init; } = "[]";
}

/// <summary>A parcel and its distance to a point.</summary>
public sealed record NearbyParcel(ParcelRecord Parcel, double DistanceM);

/// <summary>One version of a parcel's geometry: each geocoding or edit adds one.</summary>
public sealed record GeometryVersion(long Id, int VersionNo, bool IsCurrent, Geometry? Geometry, string Status, double Confidence,
    string Method, string ConstraintsJson, string WarningsJson, double? AreaMuComputed, string MadeBy, string MadeByKind,
    string? Reason, DateTime MadeAt);

/// <summary>A parcel with its geometry history, oldest first.</summary>
public sealed record ParcelDetail(ParcelRecord Parcel, IReadOnlyList<GeometryVersion> History);

/// <summary>A reviewer's new geometry for a parcel.</summary>
/// <param name="ParcelId">The parcel.</param>
/// <param name="ExpectedVersion">The version the reviewer edited (the ETag they hold).</param>
/// <param name="Geometry">The new geometry, WGS 84.</param>
/// <param name="MadeBy">The reviewer.</param>
/// <param name="Reason">Why it changed.</param>
public sealed record GeometryEdit(long ParcelId, int ExpectedVersion, Geometry Geometry, string MadeBy, string? Reason = null);

/// <summary>What a geometry save did.</summary>
public enum SaveOutcome
{
    /// <summary>The new version is current.</summary>
    Saved,
    /// <summary>Someone saved first: the parcel is past the expected version; nothing was written.</summary>
    Conflict,
    /// <summary>No such parcel.</summary>
    NotFound,
}

/// <summary>The result of <see cref="IParcelStore.SaveGeometryAsync"/>.</summary>
/// <param name="Outcome">Saved, conflict or not found.</param>
/// <param name="CurrentVersion">The parcel's version now (the new one when saved, the newer one on conflict).</param>
public sealed record SaveGeometryResult(SaveOutcome Outcome, int CurrentVersion);

/// <summary>Allow-listed sort orders of parcel queries: only these columns reach SQL.</summary>
public enum ParcelSort
{
    /// <summary>District, plan year, then seq: the order of the reports.</summary>
    Report,
    /// <summary>By name.</summary>
    Name,
    /// <summary>By stated area, largest first.</summary>
    AreaDescending,
    /// <summary>By confidence, lowest first: what a reviewer should look at.</summary>
    ConfidenceAscending,
}

/// <summary>A filter over parcels of current reports; every set member narrows the result.</summary>
public sealed record ParcelQuery
{
    /// <summary>Only parcels whose current geometry's envelope meets this WGS 84 box.</summary>
    public Envelope? BoundingBox { get; init; }
    /// <summary>Only this plan year.</summary>
    public int? PlanYear { get; init; }
    /// <summary>Only this district (卫东区).</summary>
    public string? District { get; init; }
    /// <summary>Text contained in the name, location or note.</summary>
    public string? Text { get; init; }
    /// <summary>Only parcels whose current geometry intersects this WGS 84 geometry.</summary>
    public Geometry? Intersects { get; init; }
    /// <summary>Include parcels without a geometry (unresolved). Spatial filters exclude them anyway.</summary>
    public bool IncludeUnresolved { get; init; } = true;
    /// <summary>The order.</summary>
    public ParcelSort Sort { get; init; } = ParcelSort.Report;
    /// <summary>At most this many parcels.</summary>
    public int Limit { get; init; } = 10_000;
}
