using LandMap.Core.Reports;
using LandMap.Server.Parcels;
using LandMap.Server.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LandMap.Server.Projects;

/// <summary>A key project with its stage per report year and the parcel it sits on.</summary>
/// <param name="Id">Id within the current source.</param>
/// <param name="Name">The name as printed in the latest report naming it.</param>
/// <param name="District">The district of the reports naming it.</param>
/// <param name="Stage">Current stage key (furthest reported in the latest report), null when only targets or investment are known.</param>
/// <param name="StageName">The current stage in Chinese.</param>
/// <param name="Timeline">Every mention, oldest first: year, stage, stage text as printed, target or progress, source sentence.</param>
/// <param name="ParcelId">The newest parcel whose name matches, when any.</param>
/// <param name="ParcelIds">Every parcel whose name matches, newest plan year first.</param>
public sealed record ProjectDto(int Id, string Name, string? District, string? Stage, string? StageName,
    IReadOnlyList<ProjectStepDto> Timeline, int? ParcelId, IReadOnlyList<int> ParcelIds);

/// <summary><c>/api/projects</c>: key projects named in the reports' prose.</summary>
public static class ProjectsApi
{
    public static IEndpointRouteBuilder MapProjects(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/projects").WithTags("Projects")
            .MapGet("/", ListAsync)
            .WithName("ListProjects")
            .WithSummary($"Key projects filtered by district, current stage ({string.Join(", ", StageKeys.All)}) and name.");
        return routes;
    }

    private static async Task<Results<Ok<IReadOnlyList<ProjectDto>>, ValidationProblem>> ListAsync(
        string? district, string? stage, string? q, IParcelSource source, CancellationToken cancellationToken)
    {
        var errors = new QueryErrors();
        ProjectStage? wanted = null;
        if (!string.IsNullOrWhiteSpace(stage) && (wanted = StageKeys.Parse(stage.Trim())) is null)
            errors.Add("stage", $"Unknown stage '{stage}'; use one of {string.Join(", ", StageKeys.All)}.");
        if (errors.Any) return errors.ToProblem();

        var projects = (await source.GetProjectsAsync(cancellationToken))
            .Where(p => string.IsNullOrWhiteSpace(district) || p.District == district.Trim())
            .Where(p => wanted is null || p.CurrentStage == wanted)
            .Where(p => string.IsNullOrWhiteSpace(q) || p.Name.Contains(q.Trim(), StringComparison.OrdinalIgnoreCase))
            .Select(p => new ProjectDto(p.Id, p.Name, p.District,
                p.CurrentStage is { } s ? StageKeys.Key(s) : null, p.CurrentStage is { } c ? ProjectStageNames.Chinese(c) : null,
                p.Timeline.Select(ParcelMapping.ToStep).ToList(), p.ParcelIds.Count > 0 ? p.ParcelIds[0] : null, p.ParcelIds))
            .ToList();
        return TypedResults.Ok<IReadOnlyList<ProjectDto>>(projects);
    }
}
