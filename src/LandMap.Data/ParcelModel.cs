using NetTopologySuite.Geometries;

namespace LandMap.Data;

/// <summary>A parcel with its current geometry version, as queries and exports see it.</summary>
public sealed record ParcelRecord
{
    /// <summary>The store's row id of the parcel (internal: APIs, tiles and exports use <see cref="PublicId"/>).</summary>
    public required long Id { get; init; }
    /// <summary>The one public id (<see cref="Core.Reports.ParcelIds"/>): 410403202300017.</summary>
    public required long PublicId { get; init; }
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
    /// <summary>The company the name starts with (up to 有限公司 or 公司), or null when the name has none.</summary>
    public string? Company => CompanyOf(Name);
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
    /// <summary>candidate, reviewed, surveyed or rejected.</summary>
    public string ReviewStatus { get; init; } = "candidate";
    /// <summary>Why a rejected parcel was rejected (reviewers only).</summary>
    public string? ReviewReason { get; init; }
    /// <summary>Land-use code read from the name at import (industrial, logistics …).</summary>
    public string LandUse { get; init; } = "unclassified";
    /// <summary>The land use in Chinese (工矿 …).</summary>
    public string LandUseName { get; init; } = "";
    /// <summary>Why that land use (名称中心词“产业园”).</summary>
    public string LandUseReason { get; init; } = "";
    /// <summary>The stage key (topped-out …) of the key project on the parcel, worked out at import; null when none.</summary>
    public string? ProjectStage { get; init; }
    /// <summary>The entry as printed: the area clause (面积约 112 亩).</summary>
    public string? AreaText { get; init; }
    /// <summary>exact, approximate, atleast or range.</summary>
    public string? AreaQualifier { get; init; }
    /// <summary>The area was printed as approximate (约).</summary>
    public bool Approx { get; init; }
    /// <summary>The printed parts (一站约47亩 …) as JSON.</summary>
    public string PartsJson { get; init; } = "[]";
    /// <summary>The printed 四至 as JSON, "null" when none.</summary>
    public string BoundsJson { get; init; } = "null";
    /// <summary>The line of the report the entry starts on.</summary>
    public int SourceLine { get; init; }
    /// <summary>The entry's text as printed.</summary>
    public string SourceText { get; init; } = "";
    /// <summary>The current version's conflicts with the bureau's layers (<see cref="Conflicts.StoredConflicts"/>); null when never checked.</summary>
    public string? ConflictsJson { get; init; }

    /// <summary>The company a project name starts with: the text up to 有限公司 or 公司, when the name has one.</summary>
    public static string? CompanyOf(string name)
    {
        foreach (var suffix in (string[])["有限公司", "公司"])
        {
            var end = name.IndexOf(suffix, StringComparison.Ordinal);
            if (end > 0) return name[..(end + suffix.Length)];
        }
        return null;
    }
}

/// <summary>A parcel and its distance to a point.</summary>
public sealed record NearbyParcel(ParcelRecord Parcel, double DistanceM);

/// <summary>One version of a parcel's geometry: each geocoding or edit adds one.</summary>
public sealed record GeometryVersion(long Id, int VersionNo, bool IsCurrent, Geometry? Geometry, string Status, double Confidence,
    string Method, string ConstraintsJson, string WarningsJson, double? AreaMuComputed, string MadeBy, string MadeByKind,
    string? Reason, DateTime MadeAt)
{
    /// <summary>This version's conflicts with the bureau's layers as they were when it was current (<see cref="Conflicts.StoredConflicts"/>).</summary>
    public string? ConflictsJson { get; init; }
}

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
    /// <summary>Whatever order the store finds them in (no sort): for tiles, which order features themselves.</summary>
    None,
    /// <summary>By the area of the current outline, largest first (points and unresolved last): what a map keeps when it must drop some.</summary>
    OutlineAreaDescending,
}

/// <summary>A filter over parcels of current reports; every set member narrows the result.</summary>
public sealed record ParcelQuery
{
    /// <summary>The most parcels one query returns: callers page with <see cref="Offset"/> beyond it.</summary>
    public const int MaxLimit = 10_000;

    /// <summary>Only these public ids.</summary>
    public IReadOnlyCollection<long>? PublicIds { get; init; }
    /// <summary>Only parcels of this stored report.</summary>
    public long? ReportId { get; init; }
    /// <summary>Only these land-use codes (industrial, logistics …).</summary>
    public IReadOnlyCollection<string>? LandUses { get; init; }
    /// <summary>Only parcels whose stated area is at least this many 亩 (an entry without one never matches).</summary>
    public double? MinAreaMu { get; init; }
    /// <summary>Only parcels whose stated area is at most this many 亩.</summary>
    public double? MaxAreaMu { get; init; }
    /// <summary>Only these review statuses (candidate, reviewed, surveyed, rejected).</summary>
    public IReadOnlyCollection<string>? ReviewStatuses { get; init; }
    /// <summary>Only parcels whose key project is at one of these stage keys (a parcel without a stage never matches).</summary>
    public IReadOnlyCollection<string>? ProjectStages { get; init; }
    /// <summary>Leave out parcels whose key project is at one of these stage keys (operating …); parcels without a stage are kept.</summary>
    public IReadOnlyCollection<string>? ExcludeProjectStages { get; init; }
    /// <summary>Leave out parcels a reviewer rejected: what the published map shows.</summary>
    public bool ExcludeRejected { get; init; }
    /// <summary>Skip this many parcels of the ordered result (paging).</summary>
    public int Offset { get; init; }
    /// <summary>Only parcels whose current geometry's envelope meets this WGS 84 box.</summary>
    public Envelope? BoundingBox { get; init; }
    /// <summary>Only this plan year.</summary>
    public int? PlanYear { get; init; }
    /// <summary>Only plan years from this one on (an interval of years, as OGC API <c>datetime</c> asks).</summary>
    public int? PlanYearFrom { get; init; }
    /// <summary>Only plan years up to this one.</summary>
    public int? PlanYearTo { get; init; }
    /// <summary>Only this district (卫东区).</summary>
    public string? District { get; init; }
    /// <summary>Text contained in the name, location or note.</summary>
    public string? Text { get; init; }
    /// <summary>Only parcels whose current geometry intersects this WGS 84 geometry.</summary>
    public Geometry? Intersects { get; init; }
    /// <summary>
    /// Only parcels for which this CQL2 filter holds (names from <see cref="ParcelFilterFields"/>); translated to SQL with every
    /// literal a parameter, and refined in memory where the store's spatial test is only an envelope test.
    /// </summary>
    public LandMap.Core.Filtering.CqlExpression? Filter { get; init; }
    /// <summary>Include parcels without a geometry (unresolved). Spatial filters exclude them anyway.</summary>
    public bool IncludeUnresolved { get; init; } = true;
    /// <summary>The order.</summary>
    public ParcelSort Sort { get; init; } = ParcelSort.Report;
    /// <summary>At most this many parcels (1 to <see cref="MaxLimit"/>).</summary>
    public int Limit { get; init; } = MaxLimit;
    /// <summary>
    /// Leave out polygons whose current outline is smaller than this many 亩 (a map's "smaller than a pixel"); parcels
    /// without a computed area or with none (points, lines) always pass.
    /// </summary>
    public double? MinAreaMuComputed { get; init; }
    /// <summary>
    /// Read only what a map draws (ids, name, status, stage, areas, geometry): the printed text, checks and warnings come
    /// back empty. Tiles read thousands of parcels per request and draw none of those columns.
    /// </summary>
    public bool MapFieldsOnly { get; init; }
    /// <summary>
    /// With <see cref="ParcelSort.OutlineAreaDescending"/>, a box and a limit: the box holds many more parcels than the
    /// limit (a low-zoom tile), so let the store find the largest through its area index where it has one (SQLite), rather
    /// than rank every parcel of the box. The answer is the same; only its cost changes, and for a box holding few parcels
    /// the index's counting costs more than it saves.
    /// </summary>
    public bool LargestThroughAreaIndex { get; init; }
    /// <summary>Only outlines (no points or lines) of at least this many 亩, through the area index: how the store narrows.</summary>
    internal double? OutlineFloor { get; init; }
}
