using LandMap.Server.Hosting;
using LandMap.Tiles.Sources;
using LandMap.Tiles.Vector;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace LandMap.Server.Tiles;

/// <summary>
/// The tile sources as martin serves them: <c>GET /tiles</c> lists them, <c>/tiles/{source}.json</c> is a source's
/// TileJSON 3.0.0, <c>/tiles/{source}/{z}/{x}/{y}.pbf</c> a Mapbox Vector Tile (gzip when the client takes it, 204 when
/// empty, ETag = the tile's version (for parcels a fingerprint of the rows drawn), 304 on a match). <c>/tiles/style.json</c> is the page's style. Route constraints
/// accept integers only and no file path is built from the request, so <c>../</c> cannot reach the disk.
/// </summary>
public static class TilesApi
{
    private const string MvtContentType = "application/vnd.mapbox-vector-tile";

    public static IEndpointRouteBuilder MapTiles(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/tiles").WithTags("Tiles");
        group.MapGet("/", ListAsync)
            .WithName("ListTileSources")
            .WithSummary("The tile sources (basemap, parcels, layer-{name} per imported layer) with their names, zooms and TileJSON links.");
        group.MapGet("/style.json", (IOptions<ServerOptions> options) => TypedResults.PhysicalFile(options.Value.StylePath, "application/json"))
            .WithName("GetMapStyle")
            .WithSummary("Colours, widths and label fields per basemap layer and kind, and parcel colours per stage and status.");
        group.MapGet("/{source}.json", GetTileJsonAsync)
            .WithName("GetTileJson")
            .WithSummary("A source's TileJSON 3.0.0: its tile URL, zooms, bounds and vector layers with their fields.");
        group.MapGet("/{source}/{z:int}/{x:int}/{y:int}.pbf", GetTileAsync)
            .WithName("GetTile")
            .WithSummary("A vector tile of a source: basemap (prebuilt MBTiles) or parcels (built from the store); 204 when empty.");
        return routes;
    }

    private static async Task<Ok<TileSourceList>> ListAsync(TileCatalog catalog, HttpContext context, CancellationToken cancellationToken)
    {
        var sources = Layers.LayerAccess.Visible(await catalog.SourcesAsync(cancellationToken), context.User);
        var root = Root(context.Request);
        return TypedResults.Ok(new TileSourceList(sources.Values.Select(s => new TileSourceEntry(
            s.Id, s.TileJson.Name ?? s.Id, s.TileJson.Description, s.TileJson.MinZoom, s.TileJson.MaxZoom,
            $"{root}/tiles/{Uri.EscapeDataString(s.Id)}.json", $"{root}/tiles/{Uri.EscapeDataString(s.Id)}/{{z}}/{{x}}/{{y}}.pbf")).ToList()));
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetTileJsonAsync(
        string source, TileCatalog catalog, HttpContext context, CancellationToken cancellationToken)
    {
        var sources = Layers.LayerAccess.Visible(await catalog.SourcesAsync(cancellationToken), context.User);
        if (Find(sources, source) is not { } found) return UnknownSource(source, sources);
        var tileJson = found.TileJson.WithTiles($"{Root(context.Request)}/tiles/{Uri.EscapeDataString(found.Id)}/{{z}}/{{x}}/{{y}}.pbf");
        return TypedResults.Content(tileJson.ToJson(), "application/json");
    }

    private static async Task<Results<FileContentHttpResult, NoContent, StatusCodeHttpResult, ProblemHttpResult>> GetTileAsync(
        string source, int z, int x, int y, TileCatalog catalog, HttpContext context, CancellationToken cancellationToken)
    {
        var sources = Layers.LayerAccess.Visible(await catalog.SourcesAsync(cancellationToken), context.User);
        if (Find(sources, source) is not { } found) return UnknownSource(source, sources);
        if (TileAddress.TryCreate(z, x, y) is not { } tile)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "瓦片不存在",
                detail: $"Tile {z}/{x}/{y} lies outside the pyramid: 0 ≤ z ≤ {TileAddress.MaxZoom}, 0 ≤ x, y < 2^z.");
        return await ServeAsync(found, tile, catalog, context, cancellationToken);
    }

    /// <summary>
    /// One tile of a source as every tile route answers it (this one and OGC API – Tiles): from the catalog's cache, ETag and
    /// 304, 204 when empty, gzip when the client takes it.
    /// </summary>
    internal static async Task<Results<FileContentHttpResult, NoContent, StatusCodeHttpResult, ProblemHttpResult>> ServeAsync(
        ITileSource found, TileAddress tile, TileCatalog catalog, HttpContext context, CancellationToken cancellationToken)
    {
        var response = context.Response;
        // Store tiles change with a write, so they are revalidated on every use; the basemap changes only when rebuilt.
        response.Headers.CacheControl = found is MbTilesSource ? "public, max-age=3600" : "no-cache";
        response.Headers.Vary = HeaderNames.AcceptEncoding;
        var sourceVersion = await found.GetVersionAsync(cancellationToken);
        var cached = await catalog.GetAsync(found, sourceVersion, tile, cancellationToken);
        // The tile's own version where the source has one, so a browser's copy stays good across writes elsewhere.
        if ((cached.Result.Version ?? sourceVersion) is { } version)
        {
            response.Headers.ETag = $"\"{version}\"";
            if (context.Request.Headers.IfNoneMatch.ToString() == $"\"{version}\"") return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        if (cached.Result.IsEmpty) return TypedResults.NoContent();
        if (!AcceptsGzip(context.Request)) return TypedResults.File(cached.Plain, MvtContentType);
        response.Headers.ContentEncoding = "gzip";
        return TypedResults.File(cached.Gzip, MvtContentType);
    }

    // Routing decodes a path segment except %2F, which a layer name holding '/' leaves in the route value.
    private static ITileSource? Find(IReadOnlyDictionary<string, ITileSource> sources, string source) =>
        sources.GetValueOrDefault(source) ?? sources.GetValueOrDefault(Uri.UnescapeDataString(source));

    private static ProblemHttpResult UnknownSource(string source, IReadOnlyDictionary<string, ITileSource> sources) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "图层不存在",
            detail: $"Unknown tile source '{source}'; the sources are {string.Join(", ", sources.Keys)} (GET /tiles lists them).");

    private static string Root(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    private static bool AcceptsGzip(HttpRequest request) =>
        request.Headers.AcceptEncoding.Any(v => v?.Contains("gzip", StringComparison.OrdinalIgnoreCase) == true);
}

/// <summary>The body of <c>GET /tiles</c>.</summary>
public sealed record TileSourceList(IReadOnlyList<TileSourceEntry> Sources);

/// <summary>One tile source: its id in URLs, names for people, zooms, and where its TileJSON and tiles are.</summary>
public sealed record TileSourceEntry(string Id, string Name, string? Description, int? MinZoom, int? MaxZoom, string TileJson, string Tiles);
