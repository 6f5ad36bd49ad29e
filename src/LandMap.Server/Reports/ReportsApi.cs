using LandMap.Server.Parcels;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LandMap.Server.Reports;

/// <summary><c>/api/reports</c>: the reports the map is built from.</summary>
public static class ReportsApi
{
    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/reports").WithTags("Reports")
            .MapGet("/", async Task<Ok<IReadOnlyList<ReportView>>> (IParcelSource source, CancellationToken cancellationToken) =>
                TypedResults.Ok(await source.GetReportsAsync(cancellationToken)))
            .WithName("ListReports")
            .WithSummary("Reports with district, review and plan year, and how many entries, projects and indicators were read.");
        return routes;
    }
}
