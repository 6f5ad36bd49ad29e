using System.Text.Json;
using LandMap.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NetTopologySuite.Features;
using NetTopologySuite.IO.Converters;

namespace LandMap.Server.Districts;

/// <summary>
/// <c>/api/districts</c>: the districts of the shipped gazetteer (gis-data/gazetteer/districts.geojson) with their extents,
/// so the page can zoom to a district, also one whose reports hold no land column. The extent is in the datum of that
/// file, the one the basemap is drawn in (see gis-data/README.md).
/// </summary>
public static class DistrictsApi
{
    public static IEndpointRouteBuilder MapDistricts(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/districts").WithTags("Districts")
            .MapGet("/", (DistrictExtents extents) => TypedResults.Ok(extents.All))
            .WithName("ListDistricts")
            .WithSummary("The districts of the gazetteer with their extent [west, south, east, north] in degrees.");
        return routes;
    }
}

/// <summary>A district and its extent [west, south, east, north] in degrees.</summary>
public sealed record DistrictExtent(string Name, IReadOnlyList<double> Bbox);

/// <summary>The districts file, read once: it ships with the program and does not change while it runs.</summary>
internal sealed class DistrictExtents(IOptions<ServerOptions> options, ILogger<DistrictExtents> logger)
{
    private readonly Lazy<IReadOnlyList<DistrictExtent>> _all = new(() => Read(Path.Combine(options.Value.GazetteerDirectory, "districts.geojson"), logger));

    public IReadOnlyList<DistrictExtent> All => _all.Value;

    private static IReadOnlyList<DistrictExtent> Read(string path, ILogger logger)
    {
        if (!File.Exists(path))
        {
            logger.LogWarning("No {Path}: the page cannot zoom to districts", path);
            return [];
        }
        var json = new JsonSerializerOptions { Converters = { new GeoJsonConverterFactory() } };
        var collection = JsonSerializer.Deserialize<FeatureCollection>(File.ReadAllText(path), json) ?? [];
        return collection
            .Where(f => f.Geometry is { IsEmpty: false } && f.Attributes?.GetOptionalValue("name") is string)
            .Select(f =>
            {
                var e = f.Geometry.EnvelopeInternal;
                return new DistrictExtent((string)f.Attributes!["name"], [Math.Round(e.MinX, 6), Math.Round(e.MinY, 6), Math.Round(e.MaxX, 6), Math.Round(e.MaxY, 6)]);
            })
            .ToList();
    }
}
