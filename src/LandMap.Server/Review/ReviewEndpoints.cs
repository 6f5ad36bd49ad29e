using System.Globalization;
using System.Security.Claims;
using LandMap.Data.Review;
using LandMap.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LandMap.Server.Review;

/// <summary>Route registration of the review API and the helpers its handlers share (roles, If-Match, problems).</summary>
public static class ReviewEndpoints
{
    public static IEndpointRouteBuilder MapReview(this IEndpointRouteBuilder routes)
    {
        var parcels = routes.MapGroup("/api/parcels").WithTags("Review");
        parcels.MapGet("/{id:long}/history", ReviewApi.HistoryAsync)
            .WithSummary("Every geometry version (who, when, why, area); reviewers also see comments and rejected parcels.");
        var writes = parcels.MapGroup("/").RequireAuthorization(AccessSetup.ReviewerPolicy).RequireRateLimiting(AccessSetup.WriteLimit)
            .AddEndpointFilter<CookieAntiforgery>();
        writes.MapPut("/{id:long}/geometry", ReviewApi.PutGeometryAsync)
            .WithSummary("Saves a new geometry version: If-Match required (428 without, 412 when stale), body {geometry, comment}.");
        writes.MapPost("/{id:long}/check", ReviewApi.CheckOutlineAsync)
            .WithSummary("Checks an outline without saving it: {geometry} → {areaMu, constraints} (the entry's location checks, for the editor).");
        writes.MapPost("/{id:long}/status", ReviewApi.SetStatusAsync)
            .WithSummary("Sets the review status: {status: reviewed|rejected|candidate, comment, reason} (rejected needs a reason).");
        parcels.MapPost("/{id:long}/survey", SurveyApi.UploadAsync)
            .RequireAuthorization(AccessSetup.AdminPolicy).RequireRateLimiting(AccessSetup.WriteLimit).AddEndpointFilter<CookieAntiforgery>()
            .DisableAntiforgery()
            .WithSummary("Replaces the geometry from a surveyed file (勘测定界 TXT, GeoJSON, zipped Shapefile, GeoPackage; multipart field 'file').");
        routes.MapGet("/api/review/queue", ReviewApi.QueueAsync).WithTags("Review").RequireAuthorization(AccessSetup.ReviewerPolicy)
            .WithSummary("Parcels to review, lowest confidence first: ?status=candidate (default)|reviewed|surveyed|rejected&limit=.");
        return routes;
    }

    internal static bool IsReviewer(ClaimsPrincipal user) => user.IsInRole(UserRole.Reviewer) || user.IsInRole(UserRole.Admin);

    internal static string Actor(ClaimsPrincipal user) => user.Identity!.Name!;

    /// <summary>
    /// The version an If-Match names. Missing (or <c>*</c>, which names no version) → 428 Precondition Required: a save must
    /// say which version it edited. Not a version number → 400.
    /// </summary>
    internal static ProblemHttpResult? IfMatch(HttpRequest request, bool required, out int? version)
    {
        version = null;
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0 || header == "*")
            return required
                ? RequestBody.Problem(StatusCodes.Status428PreconditionRequired, "缺少 If-Match",
                    "Send If-Match with the ETag of GET /api/parcels/{id} (the version you edited), so that no one's save is overwritten silently.")
                : null;
        var text = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        if (int.TryParse(text.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)) { version = parsed; return null; }
        return RequestBody.Problem(StatusCodes.Status400BadRequest, "If-Match 无效", "If-Match must be one ETag of this API, such as \"3\".");
    }

    internal static ProblemHttpResult NotFound(long id) =>
        RequestBody.Problem(StatusCodes.Status404NotFound, "地块不存在", $"No parcel has id {id}; GET /api/parcels lists them.");

    internal static ProblemHttpResult Invalid(string title, IEnumerable<string> errors, IDictionary<string, object?>? extensions = null)
    {
        var list = errors.ToList();
        var all = new Dictionary<string, object?>(extensions ?? new Dictionary<string, object?>()) { ["errors"] = list };
        return RequestBody.Problem(StatusCodes.Status400BadRequest, title, string.Join(" ", list), all);
    }
}
