using LandMap.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LandMap.Server.Districts;

/// <summary>
/// <c>/api/districts</c>: the districts of the gazetteer's district registry that have an outline (the ten of 平顶山市 in
/// gis-data/gazetteer/districts.geojson, and any added by <c>landmap districts import</c>) with their code and extent, so
/// the page can zoom to a district, also one whose reports hold no land column. Extents are in the datum of the
/// gazetteer, the one the basemap is drawn in (see gis-data/README.md).
/// </summary>
public static class DistrictsApi
{
    public static IEndpointRouteBuilder MapDistricts(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/districts").WithTags("Districts")
            .MapGet("/", (DistrictExtents extents) => TypedResults.Ok(extents.All))
            .WithName("ListDistricts")
            .WithSummary("The districts of the registry with an outline: name, six-digit code and extent [west, south, east, north] in degrees.");
        return routes;
    }
}

/// <summary>A district, its six-digit division code and its extent [west, south, east, north] in degrees.</summary>
public sealed record DistrictExtent(string Name, IReadOnlyList<double> Bbox, int Code);

/// <summary>The registry's outlined districts, read once with the gazetteer: it does not change while the server runs.</summary>
internal sealed class DistrictExtents(ServerGazetteer gazetteer, ILogger<DistrictExtents> logger)
{
    private readonly Lazy<IReadOnlyList<DistrictExtent>> _all = new(() =>
    {
        if (gazetteer.Index is not { } index)
        {
            logger.LogWarning("The gazetteer did not load: the page cannot zoom to districts");
            return [];
        }
        return index.Districts.WithOutline.Select(d =>
        {
            var e = d.Boundary!.EnvelopeInternal;
            return new DistrictExtent(d.Name, [Math.Round(e.MinX, 6), Math.Round(e.MinY, 6), Math.Round(e.MaxX, 6), Math.Round(e.MaxY, 6)], d.Code);
        }).ToList();
    });

    public IReadOnlyList<DistrictExtent> All => _all.Value;
}
