using LandMap.Data.Layers;
using LandMap.Server.Hosting;
using LandMap.Server.Parcels;
using LandMap.Server.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LandMap.Server.Layers;

/// <summary>
/// <c>/api/layers</c>: the bureau's imported layers (<c>landmap layer import</c>) and their features as GeoJSON (WGS 84), read
/// from the store per request, one page at a time. The tiles of each layer are the tile source <c>layer-{name}</c>.
/// </summary>
public static class LayersApi
{
    /// <summary>Features per page unless <c>limit</c> says otherwise.</summary>
    public const int DefaultLimit = 1000;

    /// <summary>The most features one page holds.</summary>
    public const int MaxLimit = 10_000;

    public static IEndpointRouteBuilder MapLayers(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/layers").WithTags("Layers");
        group.MapGet("/", ListAsync)
            .WithName("ListLayers")
            .WithSummary("The imported layers: name, kind, feature count, extent (WGS 84), fields with Chinese labels, source file and CRS, " +
                "imported when and by whom, and the tile source (layer-{name}) that draws each.");
        group.MapGet("/{name}/features", FeaturesAsync)
            .WithName("ListLayerFeatures")
            .WithSummary("One page of a layer's features as an RFC 7946 FeatureCollection (WGS 84): bbox=minLon,minLat,maxLon,maxLat keeps those whose " +
                "envelope meets it; limit ≤ 10000 (default 1000), offset; numberMatched, numberReturned and a next link. 404 for an unknown layer.");
        return routes;
    }

    private static async Task<Ok<LayerList>> ListAsync(StoreAccess access, HttpContext http, CancellationToken cancellationToken)
    {
        var store = ILayerStore.Of(await access.GetAsync(cancellationToken));
        var layers = (await store.ListLayersAsync(cancellationToken)).Where(l => LayerAccess.MaySee(l.Kind, http.User));
        return TypedResults.Ok(new LayerList(layers.Select(LayerDto.From).ToList()));
    }

    private static async Task<Results<Ok<LayerFeatureCollection>, ValidationProblem, ProblemHttpResult>> FeaturesAsync(
        string name, string? bbox, string? limit, string? offset, StoreAccess access, HttpContext http, CancellationToken cancellationToken)
    {
        var errors = new QueryErrors();
        var box = ParcelQuery.ParseBbox(bbox, errors);
        var pageLimit = ParcelQuery.ParseInt("limit", limit, DefaultLimit, 1, MaxLimit, errors);
        var pageOffset = ParcelQuery.ParseInt("offset", offset, 0, 0, int.MaxValue, errors);
        if (errors.Any) return errors.ToProblem();

        var store = ILayerStore.Of(await access.GetAsync(cancellationToken));
        var visible = (await store.ListLayersAsync(cancellationToken)).Where(l => LayerAccess.MaySee(l.Kind, http.User)).ToList();
        var seen = visible.Any(l => l.Name == name);
        var matched = seen ? await store.CountLayerFeaturesAsync(name, box, cancellationToken: cancellationToken) : null;
        var page = matched is null ? null : await store.QueryLayerFeaturesAsync(name, box, pageLimit, pageOffset, cancellationToken: cancellationToken);
        if (matched is null || page is null)
        {
            var known = visible.Select(l => l.Name).ToList();
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "图层不存在",
                detail: $"No layer is named '{name}'; " + (known.Count == 0
                    ? "none is imported yet (landmap layer import)."
                    : $"the layers are {string.Join(", ", known)} (GET /api/layers lists them)."));
        }
        var features = page.Select(LayerFeatureDto.From).ToList();
        var links = new List<PageLink> { new("self", ParcelsApi.PageUrl(http.Request, pageOffset)) };
        if (pageOffset + features.Count < matched) links.Add(new PageLink("next", ParcelsApi.PageUrl(http.Request, pageOffset + features.Count)));
        if (pageOffset > 0) links.Add(new PageLink("prev", ParcelsApi.PageUrl(http.Request, Math.Max(0, pageOffset - pageLimit))));
        return TypedResults.Ok(new LayerFeatureCollection(name, features, matched.Value, features.Count, links));
    }
}
