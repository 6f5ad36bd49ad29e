using LandMap.Server.Plans;
using LandMap.Server.Problems;
using LandMap.Server.Review;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LandMap.Server.Parcels;

/// <summary><c>/api/parcels</c>: land-guarantee parcels as GeoJSON.</summary>
public static class ParcelsApi
{
    public static IEndpointRouteBuilder MapParcels(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/parcels").WithTags("Parcels");
        group.MapGet("/", ListAsync)
            .WithName("ListParcels")
            .WithSummary("Parcels as an RFC 7946 FeatureCollection, filtered by plan year, district, bbox (WGS 84), text, land use " +
                "(use=industrial-land or codes) and stated area (minAreaMu, maxAreaMu).");
        group.MapGet("/{id:int}", GetAsync)
            .WithName("GetParcel")
            .WithSummary("One parcel as a Feature with its full record: areas, source sentence, constraints, projects, links across plan years, land facts.");
        return routes;
    }

    private static async Task<Results<Ok<ParcelCollection>, ValidationProblem>> ListAsync(
        string? planYear, string? district, string? bbox, string? q, string? use, string? minAreaMu, string? maxAreaMu, IParcelSource source,
        CancellationToken cancellationToken)
    {
        var errors = new QueryErrors();
        var query = ParcelQuery.Parse(planYear, district, bbox, q, use, minAreaMu, maxAreaMu, errors);
        if (errors.Any) return errors.ToProblem();

        var parcels = await source.GetParcelsAsync(cancellationToken);
        var projects = ProjectsByParcel(await source.GetProjectsAsync(cancellationToken));
        var features = parcels
            .Where(query.Matches)
            .Select(p => ParcelMapping.ToFeature(p, projects[p.Id].ToList()))
            .ToList();
        return TypedResults.Ok(new ParcelCollection(features));
    }

    private static async Task<Results<Ok<ParcelFeature<ParcelDetail>>, ProblemHttpResult>> GetAsync(
        int id, IParcelSource source, PlanLinks links, HttpContext http, CancellationToken cancellationToken)
    {
        var parcel = (await source.GetParcelsAsync(cancellationToken)).FirstOrDefault(p => p.Id == id);
        if (parcel is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "地块不存在",
                detail: $"No parcel has id {id}; GET /api/parcels lists them.");
        var projects = ProjectsByParcel(await source.GetProjectsAsync(cancellationToken));
        // The store's version of the parcel: send it back as If-Match to save an edit (PUT /api/parcels/{id}/geometry).
        if (await ReviewEndpoints.ETagAsync(http, id, cancellationToken) is { } etag) http.Response.Headers.ETag = etag;
        return TypedResults.Ok(ParcelMapping.ToDetail(parcel, projects[id].ToList(),
            await links.AppearancesAsync(parcel, cancellationToken), await links.FactsAsync(id, cancellationToken)));
    }

    private static ILookup<int, ProjectView> ProjectsByParcel(IReadOnlyList<ProjectView> projects) =>
        projects.SelectMany(p => p.ParcelIds.Select(id => (id, p))).ToLookup(x => x.id, x => x.p);
}
