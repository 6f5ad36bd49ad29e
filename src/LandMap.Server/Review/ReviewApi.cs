using System.Text.Json;
using LandMap.Core.Geocoding;
using LandMap.Data;
using LandMap.Data.Review;
using LandMap.Server.Auth;
using LandMap.Server.Parcels;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LandMap.Server.Review;

/// <summary>Handlers of geometry edits, status changes, history and the review queue.</summary>
internal static class ReviewApi
{
    private const int MaxCommentLength = 2000;
    private static readonly string[] SettableStatuses = [ReviewStatus.Reviewed, ReviewStatus.Rejected, ReviewStatus.Candidate];

    public static async Task<Results<Ok<SavedGeometryResponse>, ProblemHttpResult>> PutGeometryAsync(long id, HttpContext http, ReviewContext review,
        OutlineChecks checks, IOptions<AccessOptions> options, CancellationToken cancellationToken)
    {
        if (await review.FindRecordAsync(id, cancellationToken) is not { } parcel) return ReviewEndpoints.NotFound(id);
        if (ReviewEndpoints.IfMatch(http.Request, required: true, out var expected) is { } precondition) return precondition;
        var (json, problem) = await RequestBody.ReadJsonObjectAsync(http.Request, options.Value.MaxJsonBytes, cancellationToken);
        if (problem is not null) return problem;
        var errors = new List<string>();
        var comment = RequestBody.String(json, "comment", MaxCommentLength, errors);
        if (!json.TryGetProperty("geometry", out var geometry)) errors.Add("'geometry' (a GeoJSON Polygon or MultiPolygon) is required.");
        if (errors.Count > 0) return ReviewEndpoints.Invalid("编辑请求无效", errors);

        var check = ParcelGeometry.Read(geometry, options.Value.MaxVertices, checks.Districts);
        if (!check.IsValid) return GeometryRefused(check);
        var actor = ReviewEndpoints.Actor(http.User);
        // Putting back an earlier version's very outline restores it with its own checks and confidence (the geocoder's 65 % stays 65 %).
        if (await EarlierVersionAsync(review, parcel.Id, check.Geometry!, cancellationToken) is { } earlier)
            return await SaveAsync(http, review, new ReviewedGeometry(parcel.Id, expected!.Value, check.Geometry!, actor, comment, "restore",
                new { restoredVersion = earlier.VersionNo }, ParcelView.Constraints(earlier.ConstraintsJson), earlier.Confidence), id, [], cancellationToken);
        var constraints = await checks.CheckAsync(id, check.Geometry!, cancellationToken);
        return await SaveAsync(http, review, new ReviewedGeometry(parcel.Id, expected!.Value, check.Geometry!, actor, comment,
            Constraints: constraints, Confidence: OutlineConfidence.Of(constraints, AreaMu(check.Geometry!), parcel.AreaMu)), id, [], cancellationToken);
    }

    /// <summary>The parcel's earlier version with the same outline as <paramref name="geometry"/> (to within a nanodegree), if any.</summary>
    private static async Task<GeometryVersion?> EarlierVersionAsync(ReviewContext review, long parcelId, NetTopologySuite.Geometries.Geometry geometry,
        CancellationToken cancellationToken)
    {
        var detail = await (await review.ParcelStoreAsync(cancellationToken)).GetParcelAsync(parcelId, cancellationToken);
        var wanted = geometry.Normalized();
        return detail?.History.LastOrDefault(v => !v.IsCurrent && v.Geometry is { } g && g.Normalized().EqualsExact(wanted, 1e-9));
    }

    /// <summary>The area of a WGS 84 outline in 亩, measured in the 3° GK zone of its longitude (MetricPlane), as the geocoder does.</summary>
    internal static double AreaMu(NetTopologySuite.Geometries.Geometry wgs84) => Core.Crs.MetricPlane.For(wgs84).AreaM2(wgs84) / Core.Extraction.AreaParser.SquareMetresPerMu;

    /// <summary>Checks an outline without saving it: its area and how it stands against the entry's location (for the editor's live ✓/✗).</summary>
    public static async Task<Results<Ok<OutlineCheckResponse>, ProblemHttpResult>> CheckOutlineAsync(long id, HttpContext http, ReviewContext review,
        OutlineChecks checks, IOptions<AccessOptions> options, CancellationToken cancellationToken)
    {
        if (await review.FindAsync(id, cancellationToken) is null) return ReviewEndpoints.NotFound(id);
        var (json, problem) = await RequestBody.ReadJsonObjectAsync(http.Request, options.Value.MaxJsonBytes, cancellationToken);
        if (problem is not null) return problem;
        if (!json.TryGetProperty("geometry", out var geometry)) return ReviewEndpoints.Invalid("检查请求无效", ["'geometry' (a GeoJSON Polygon or MultiPolygon) is required."]);
        var check = ParcelGeometry.Read(geometry, options.Value.MaxVertices, checks.Districts);
        if (!check.IsValid) return GeometryRefused(check);
        var areaMu = AreaMu(check.Geometry!);
        return TypedResults.Ok(new OutlineCheckResponse(id, Math.Round(areaMu, 2), await checks.CheckAsync(id, check.Geometry!, cancellationToken)));
    }

    /// <summary>Saves and answers 200 with the new ETag, 412 with what changed, or 404.</summary>
    internal static async Task<Results<Ok<SavedGeometryResponse>, ProblemHttpResult>> SaveAsync(HttpContext http, ReviewContext review, ReviewedGeometry edit,
        long id, IReadOnlyList<string> warnings, CancellationToken cancellationToken)
    {
        var store = await review.StoreAsync(cancellationToken);
        var result = await store.SaveReviewedGeometryAsync(edit, cancellationToken);
        switch (result.Outcome)
        {
            case SaveOutcome.NotFound:
                return ReviewEndpoints.NotFound(id);
            case SaveOutcome.Conflict:
                var current = (await (await review.ParcelStoreAsync(cancellationToken)).GetParcelAsync(edit.ParcelId, cancellationToken))!.History.Last(v => v.IsCurrent);
                http.Response.Headers.ETag = ReviewContext.ETag(result.CurrentVersion);
                return RequestBody.Problem(StatusCodes.Status412PreconditionFailed, "地块已被他人修改",
                    $"You edited version {edit.ExpectedVersion}, but {current.MadeBy} saved version {result.CurrentVersion} at {current.MadeAt:u}. " +
                    "Load the parcel again, redo the change on the current geometry and save with the new ETag.",
                    new Dictionary<string, object?>
                    {
                        ["current"] = new { version = result.CurrentVersion, etag = ReviewContext.ETag(result.CurrentVersion), madeBy = current.MadeBy,
                            madeAt = current.MadeAt, reason = current.Reason, areaMu = current.AreaMuComputed, geometry = GeoJsonGeometry.ToNode(current.Geometry) },
                    });
        }
        var etag = ReviewContext.ETag(result.CurrentVersion);
        http.Response.Headers.ETag = etag;
        var area = (await review.ParcelStoreAsync(cancellationToken)).GetParcelAsync(edit.ParcelId, cancellationToken);
        return TypedResults.Ok(new SavedGeometryResponse(id, result.CurrentVersion, etag, edit.ResultingStatus, (await area)?.Parcel.AreaMuComputed, warnings));
    }

    internal static ProblemHttpResult GeometryRefused(GeometryCheck check) => ReviewEndpoints.Invalid("几何无效", [check.Message!], new Dictionary<string, object?>
    {
        ["code"] = JsonNamingPolicy.KebabCaseLower.ConvertName(check.Problem!.Value.ToString()),
        // The repair is offered, not applied: the reviewer decides whether to save it.
        ["fixedGeometry"] = check.Fixed is null ? null : GeoJsonGeometry.ToNode(check.Fixed),
    });

    public static async Task<Results<Ok<StatusResponse>, ProblemHttpResult>> SetStatusAsync(long id, HttpContext http, ReviewContext review,
        IOptions<AccessOptions> options, CancellationToken cancellationToken)
    {
        if (await review.FindAsync(id, cancellationToken) is not { } state) return ReviewEndpoints.NotFound(id);
        if (ReviewEndpoints.IfMatch(http.Request, required: false, out var expected) is { } precondition) return precondition;
        var (json, problem) = await RequestBody.ReadJsonObjectAsync(http.Request, options.Value.MaxJsonBytes, cancellationToken);
        if (problem is not null) return problem;
        var errors = new List<string>();
        var status = RequestBody.String(json, "status", 32, errors);
        var comment = RequestBody.String(json, "comment", MaxCommentLength, errors);
        var reason = RequestBody.String(json, "reason", MaxCommentLength, errors);
        if (status == ReviewStatus.Surveyed) errors.Add("'surveyed' is set by uploading the survey: POST /api/parcels/{id}/survey.");
        else if (status is null || !SettableStatuses.Contains(status)) errors.Add($"'status' must be one of {string.Join(", ", SettableStatuses)}.");
        if (status == ReviewStatus.Rejected && string.IsNullOrWhiteSpace(reason)) errors.Add("A rejection needs a 'reason'.");
        if (errors.Count > 0) return ReviewEndpoints.Invalid("状态请求无效", errors);
        if (expected is { } version && version != state.Version)
            return RequestBody.Problem(StatusCodes.Status412PreconditionFailed, "地块已被他人修改", $"The parcel is at version {state.Version}, not {version}.");

        var store = await review.StoreAsync(cancellationToken);
        var keptReason = status == ReviewStatus.Rejected ? reason : null;
        if (!await store.SetReviewStatusAsync(new StatusChange(state.ParcelId, status!, ReviewEndpoints.Actor(http.User), comment, keptReason), cancellationToken))
            return ReviewEndpoints.NotFound(id);
        return TypedResults.Ok(new StatusResponse(id, status!, keptReason, state.Version));
    }

    public static async Task<Results<Ok<HistoryResponse>, ProblemHttpResult>> HistoryAsync(long id, HttpContext http, ReviewContext review,
        CancellationToken cancellationToken)
    {
        var reviewer = ReviewEndpoints.IsReviewer(http.User);
        // Viewers see published data only: no rejected parcels, no reasons or comments.
        if (await review.FindAsync(id, cancellationToken) is not { } state || (!reviewer && state.Status == ReviewStatus.Rejected)) return ReviewEndpoints.NotFound(id);
        var detail = await (await review.ParcelStoreAsync(cancellationToken)).GetParcelAsync(state.ParcelId, cancellationToken);
        if (detail is null) return ReviewEndpoints.NotFound(id);
        var comments = reviewer ? await (await review.StoreAsync(cancellationToken)).ListCommentsAsync(state.ParcelId, cancellationToken) : [];
        var versions = detail.History.Select(v => new HistoryVersionDto(v.VersionNo, v.IsCurrent, v.MadeBy, v.MadeByKind, v.MadeAt, v.Method,
            reviewer ? v.Reason : null, v.AreaMuComputed, GeoJsonGeometry.ToNode(v.Geometry))).ToList();
        http.Response.Headers.ETag = ReviewContext.ETag(detail.Parcel.Version);
        return TypedResults.Ok(new HistoryResponse(id, detail.Parcel.Version, ReviewContext.ETag(detail.Parcel.Version), state.Status,
            reviewer ? state.Reason : null, versions, comments.Select(c => new CommentDto(c.Author, c.Kind, c.Body, c.CreatedAt)).ToList()));
    }

    public static async Task<Results<Ok<QueueResponse>, ValidationProblem>> QueueAsync(string? status, string? limit, string? sort, ReviewContext review,
        CancellationToken cancellationToken)
    {
        var errors = new Problems.QueryErrors();
        status ??= ReviewStatus.Candidate;
        if (!ReviewStatus.All.Contains(status)) errors.Add("status", $"One of {string.Join(", ", ReviewStatus.All)}.");
        var take = 500;
        if (limit is not null && (!int.TryParse(limit, out take) || take is < 1 or > 10_000)) errors.Add("limit", "A number from 1 to 10000.");
        // sort=conflict: largest conflict with the bureau's layers first (read from the stored conflicts, so over the whole status).
        if (sort is not null && sort is not ("confidence" or "conflict")) errors.Add("sort", "confidence (lowest first, the default) or conflict (largest first).");
        if (errors.Any) return errors.ToProblem();

        var store = await review.ParcelStoreAsync(cancellationToken);
        var byConflict = sort == "conflict";
        var items = (await store.QueryParcelsAsync(new LandMap.Data.ParcelQuery
            {
                ReviewStatuses = [status], Sort = ParcelSort.ConfidenceAscending, Limit = byConflict ? LandMap.Data.ParcelQuery.MaxLimit : take,
            }, cancellationToken))
            .Select(p => new QueueItem(p.PublicId, p.Name, p.District, p.PlanYear, p.Seq, p.Confidence, ParcelView.From(p).Parcel.Status.ToString().ToLowerInvariant(),
                status, p.ReviewReason, p.AreaMu, p.AreaMuComputed, p.Version) { ConflictMu = Math.Round(LandMap.Data.Conflicts.ConflictText.LargestMu(p.ConflictsJson), 2) })
            .ToList();
        if (byConflict) items = [.. items.OrderByDescending(i => i.ConflictMu).Take(take)];
        return TypedResults.Ok(new QueueResponse(status, items.Count, items));
    }
}
