using System.Globalization;
using LandMap.Core.Linking;
using LandMap.Server.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LandMap.Server.Plans;

/// <summary>
/// The diff of two plan years: <c>{"entries": [...]}</c>, the contract of issue 6, with the links reviewers broke and
/// the decisions that no longer apply (the entry they name has changed).
/// </summary>
public sealed record PlanDiffDto(int FromYear, int ToYear, string District, IReadOnlyList<PlanLinkDto> Entries,
    IReadOnlyList<LinkDecision> BrokenLinks, IReadOnlyList<IgnoredDecision> IgnoredDecisions);

/// <summary><c>/api/plans</c>: land-guarantee columns compared across plan years.</summary>
public static class PlansApi
{
    private const string DefaultDistrict = "卫东区";

    public static IEndpointRouteBuilder MapPlans(this IEndpointRouteBuilder routes)
    {
        var plans = routes.MapGroup("/api/plans").WithTags("Plans");
        plans.MapGet("/diff", DiffAsync)
            .WithName("DiffPlans")
            .WithSummary("Every entry of two plan years' land columns classed carried (with its partner, score and reasons), new or dropped.");
        LinkDecisionsApi.Map(plans);
        return routes;
    }

    /// <summary>The district a request names, 卫东区 when it names none.</summary>
    internal static string District(string? district) => string.IsNullOrWhiteSpace(district) ? DefaultDistrict : district.Trim();

    private static async Task<Results<Ok<PlanDiffDto>, ValidationProblem>> DiffAsync(
        string? from, string? to, string? district, PlanLinks links, CancellationToken cancellationToken)
    {
        var errors = new QueryErrors();
        var place = District(district);
        var years = await links.PlanYearsAsync(place, cancellationToken);
        var fromYear = Year("from", from, years, place, errors);
        var toYear = Year("to", to, years, place, errors);
        if (errors.Any) return errors.ToProblem();
        var diff = await links.DiffAsync(fromYear, toYear, place, cancellationToken);
        return TypedResults.Ok(new PlanDiffDto(fromYear, toYear, place, await links.LinesAsync(diff, cancellationToken), diff.BrokenLinks, diff.IgnoredDecisions));
    }

    internal static int Year(string name, string? value, IReadOnlyList<int> years, string district, QueryErrors errors)
    {
        var known = years.Count > 0 ? string.Join(", ", years) : "none";
        if (string.IsNullOrWhiteSpace(value)) errors.Add(name, $"{name} is required: a plan year such as 2021 (years with a land column in {district}: {known}).");
        else if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var year)) errors.Add(name, $"{name} must be a plan year such as 2021, not '{value}'.");
        else if (PlanComparer.MissingYear(year, years, district) is { } missing) errors.Add(name, missing);
        else return year;
        return 0;
    }
}
