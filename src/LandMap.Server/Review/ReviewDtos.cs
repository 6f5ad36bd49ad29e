using System.Text.Json.Nodes;

namespace LandMap.Server.Review;

public sealed record SavedGeometryResponse(long Id, int Version, string Etag, string Status, double? AreaMu, IReadOnlyList<string> Warnings);

public sealed record StatusResponse(long Id, string Status, string? Reason, int Version);

public sealed record HistoryVersionDto(int VersionNo, bool Current, string MadeBy, string MadeByKind, DateTime MadeAt, string Method, string? Reason,
    double? AreaMu, JsonNode? Geometry);

public sealed record CommentDto(string Author, string Kind, string Body, DateTime CreatedAt);

public sealed record HistoryResponse(long Id, int Version, string Etag, string Status, string? Reason, IReadOnlyList<HistoryVersionDto> Versions,
    IReadOnlyList<CommentDto> Comments);

/// <summary>An outline checked without saving: its area in 亩 and the entry's location checks (✓/✗ with how they were measured).</summary>
public sealed record OutlineCheckResponse(long Id, double AreaMu, IReadOnlyList<LandMap.Core.Geocoding.ConstraintResult> Constraints);

public sealed record QueueItem(long Id, string Name, string? District, int? PlanYear, int Seq, double Confidence, string GeocodeStatus, string ReviewStatus,
    string? Reason, double? AreaMu, double? AreaMuComputed, int Version)
{
    /// <summary>The largest conflict with the bureau's layers in 亩 (0 when none): what <c>sort=conflict</c> orders by.</summary>
    public double ConflictMu { get; init; }
}

public sealed record QueueResponse(string Status, int Count, IReadOnlyList<QueueItem> Items);
