using LandMap.Core.Reports;
using LandMap.Server.Parcels;
using LandMap.Server.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LandMap.Server.Projects;

/// <summary>A key project with its stage per report year and the parcel it sits on.</summary>
/// <param name="Id">Id within the current source.</param>
/// <param name="Name">The fullest name printed (长驰电子功率器件封测项目).</param>
/// <param name="District">The district of the reports naming it.</param>
/// <param name="Stage">Current stage key (furthest reported in the latest report), null when only targets or investment are known.</param>
/// <param name="StageName">The current stage in Chinese.</param>
/// <param name="Timeline">Every mention, oldest first: year, stage, stage text as printed, target or progress, source sentence.</param>
/// <param name="ParcelId">The newest parcel it sits on, when any.</param>
/// <param name="ParcelIds">Every parcel it sits on, newest plan year first.</param>
public sealed record ProjectDto(int Id, string Name, string? District, string? Stage, string? StageName,
    IReadOnlyList<ProjectStepDto> Timeline, long? ParcelId, IReadOnlyList<long> ParcelIds);

/// <summary>A parcel a project sits on: plan year, seq, name and why.</summary>
public sealed record ProjectParcelDto(long Id, int? PlanYear, int Seq, string Name, string Reason);

/// <summary>One project's record: its names, park, timeline and parcels.</summary>
public sealed record ProjectDetailDto(int Id, string Name, IReadOnlyList<string> Aliases, string? District, string? Within,
    string? Stage, string? StageName, IReadOnlyList<ProjectStepDto> Timeline, IReadOnlyList<ProjectParcelDto> Parcels);

/// <summary><c>/api/projects</c>: key projects named in the reports' prose.</summary>
public static class ProjectsApi
{
    public static IEndpointRouteBuilder MapProjects(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/projects").WithTags("Projects");
        group.MapGet("/", ListAsync)
            .WithName("ListProjects")
            .WithSummary($"Key projects filtered by district, current stage ({string.Join(", ", StageKeys.All)}) and name.");
        group.MapGet("/{id:int}", GetAsync)
            .WithName("GetProject")
            .WithSummary("One key project: its names, park, stage timeline across reports and the parcels it sits on.");
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
            .Where(p => string.IsNullOrWhiteSpace(q) || p.Project.Aliases.Prepend(p.Name).Any(n => n.Contains(q.Trim(), StringComparison.OrdinalIgnoreCase)))
            .Select(p => new ProjectDto(p.Id, p.Name, p.District, Key(p.CurrentStage), Chinese(p.CurrentStage),
                p.Project.Events.Select(ParcelMapping.ToStep).ToList(), p.ParcelIds.Count > 0 ? p.ParcelIds[0] : null, p.ParcelIds))
            .ToList();
        return TypedResults.Ok<IReadOnlyList<ProjectDto>>(projects);
    }

    private static async Task<Results<Ok<ProjectDetailDto>, ProblemHttpResult>> GetAsync(int id, IParcelSource source, CancellationToken cancellationToken)
    {
        var project = (await source.GetProjectsAsync(cancellationToken)).FirstOrDefault(p => p.Id == id);
        if (project is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "项目不存在",
                detail: $"No key project has id {id}; GET /api/projects lists them.");
        var parcels = (await source.GetParcelsAsync(cancellationToken)).ToDictionary(p => p.Id);
        var t = project.Project;
        return TypedResults.Ok(new ProjectDetailDto(project.Id, t.Name, t.Aliases, t.District, t.Within, Key(project.CurrentStage), Chinese(project.CurrentStage),
            t.Events.Select(ParcelMapping.ToStep).ToList(),
            project.Sites.Select(s => ParcelOf(s, parcels[s.ParcelId])).ToList()));
    }

    private static ProjectParcelDto ParcelOf(ProjectSiteView site, ParcelView parcel) =>
        new(site.ParcelId, parcel.Parcel.PlanYear, parcel.Parcel.Seq, parcel.Parcel.Name, site.Reason);

    private static string? Key(ProjectStage? stage) => stage is { } s ? StageKeys.Key(s) : null;

    private static string? Chinese(ProjectStage? stage) => stage is { } s ? ProjectStageNames.Chinese(s) : null;
}
