using System.Text.Json;
using LandMap.Core.Linking;
using LandMap.Data.Review;
using LandMap.Server.Auth;
using LandMap.Server.Review;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LandMap.Server.Plans;

/// <summary>The answer to a link decision: what was stored and the diff lines of both entries afterwards.</summary>
/// <param name="Outcome">saved, withdrawn, or unchanged (a reset with no decision to withdraw).</param>
/// <param name="Decision">The stored decision (saved) or the withdrawn one; null when unchanged.</param>
/// <param name="Entries">Every line of the diff that names either entry, after the decision.</param>
public sealed record LinkDecisionResponse(string Outcome, LinkDecision? Decision, IReadOnlyList<PlanLinkDto> Entries);

/// <summary>Every reviewer decision on the links of a district, oldest first.</summary>
public sealed record LinkDecisionsDto(string District, IReadOnlyList<LinkDecision> Decisions);

/// <summary>
/// <c>POST /api/plans/links</c>: a reviewer confirms or breaks the link between an entry of one plan year and an entry
/// of a later one, or withdraws the decision — body <c>{"district", "from": {"planYear", "seq"}, "to": {"planYear", "seq"},
/// "decision": "confirm"|"break"|"reset", "comment"}</c>. <c>GET /api/plans/links?district=</c> lists the decisions.
/// </summary>
internal static class LinkDecisionsApi
{
    private const int MaxCommentLength = 2000;
    private static readonly Dictionary<string, string?> Verdicts = new()
    {
        ["confirm"] = LinkVerdict.Confirmed, ["break"] = LinkVerdict.Broken, ["reset"] = null,
    };

    public static void Map(RouteGroupBuilder plans)
    {
        plans.MapGet("/links", ListAsync).WithName("ListLinkDecisions")
            .WithSummary("Reviewers' decisions on links between plan years in a district (default 卫东区), oldest first.");
        plans.MapPost("/links", DecideAsync).WithName("DecideLink")
            .RequireAuthorization(AccessSetup.ReviewerPolicy).RequireRateLimiting(AccessSetup.WriteLimit).AddEndpointFilter<CookieAntiforgery>()
            .WithSummary("Confirms, breaks or resets the link between two entries: {district, from: {planYear, seq}, to: {planYear, seq}, decision: confirm|break|reset, comment}.");
    }

    private static async Task<Ok<LinkDecisionsDto>> ListAsync(string? district, PlanLinks links, CancellationToken cancellationToken)
    {
        var place = PlansApi.District(district);
        return TypedResults.Ok(new LinkDecisionsDto(place, await links.DecisionsAsync(place, cancellationToken)));
    }

    private static async Task<Results<Ok<LinkDecisionResponse>, ProblemHttpResult>> DecideAsync(HttpContext http, ReviewContext review, PlanLinks links,
        IOptions<AccessOptions> options, CancellationToken cancellationToken)
    {
        var (json, problem) = await RequestBody.ReadJsonObjectAsync(http.Request, options.Value.MaxJsonBytes, cancellationToken);
        if (problem is not null) return problem;
        var errors = new List<string>();
        var district = RequestBody.String(json, "district", 64, errors);
        if (string.IsNullOrWhiteSpace(district) && errors.Count == 0) errors.Add("'district' is required, e.g. \"卫东区\".");
        var (fromYear, fromSeq) = Entry(json, "from", errors);
        var (toYear, toSeq) = Entry(json, "to", errors);
        if (fromYear is not null && toYear is not null && fromYear >= toYear) errors.Add("'from.planYear' must be earlier than 'to.planYear'.");
        var word = RequestBody.String(json, "decision", 16, errors);
        if (word is null || !Verdicts.ContainsKey(word)) errors.Add($"'decision' must be one of {string.Join(", ", Verdicts.Keys)}.");
        var comment = RequestBody.String(json, "comment", MaxCommentLength, errors);
        if (errors.Count > 0) return ReviewEndpoints.Invalid("关联决定无效", errors);

        var change = new LinkDecisionChange(district!.Trim(), fromYear!.Value, fromSeq!.Value, toYear!.Value, toSeq!.Value, Verdicts[word!],
            ReviewEndpoints.Actor(http.User), string.IsNullOrWhiteSpace(comment) ? null : comment);
        var result = await (await review.StoreAsync(cancellationToken)).DecideLinkAsync(change, cancellationToken);
        switch (result.Outcome)
        {
            case LinkDecisionOutcome.UnknownEntry:
                return RequestBody.Problem(StatusCodes.Status404NotFound, "条目不存在",
                    $"{result.Message}. GET /api/plans/diff?from={change.FromYear}&to={change.ToYear}&district={change.District} lists the entries.");
            case LinkDecisionOutcome.Contradicts:
                var other = result.Decision!;
                return RequestBody.Problem(StatusCodes.Status409Conflict, "已有确认的关联",
                    $"{other.DecidedBy} confirmed {other.From.PlanYear} #{other.From.Seq} → {other.To.PlanYear} #{other.To.Seq} at {other.DecidedAt:u}; " +
                    "an entry has one partner in each pair of plan years. Break or reset that link first.",
                    new Dictionary<string, object?> { ["existing"] = other });
        }
        var diff = await links.DiffAsync(change.FromYear, change.ToYear, change.District, cancellationToken);
        var lines = (await links.LinesAsync(diff, cancellationToken))
            .Where(l => l.From?.Seq == change.FromSeq || l.To?.Seq == change.ToSeq).ToList();
        var outcome = result.Outcome switch { LinkDecisionOutcome.Saved => "saved", LinkDecisionOutcome.Withdrawn => "withdrawn", _ => "unchanged" };
        return TypedResults.Ok(new LinkDecisionResponse(outcome, result.Decision, lines));
    }

    /// <summary>An entry named as {"planYear": 2021, "seq": 22}.</summary>
    private static (int? PlanYear, int? Seq) Entry(JsonElement json, string name, List<string> errors)
    {
        if (!json.TryGetProperty(name, out var entry) || entry.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"'{name}' must be an entry: {{\"planYear\": 2021, \"seq\": 22}}.");
            return (null, null);
        }
        int? Number(string member, int min, int max)
        {
            if (entry.TryGetProperty(member, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n >= min && n <= max)
                return n;
            errors.Add($"'{name}.{member}' must be a whole number from {min} to {max}.");
            return null;
        }
        return (Number("planYear", 1949, 2200), Number("seq", 1, 100_000));
    }
}
