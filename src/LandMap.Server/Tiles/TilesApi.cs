using LandMap.Server.Hosting;
using LandMap.Tiles.Vector;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace LandMap.Server.Tiles;

/// <summary>
/// <c>/tiles/{layer}/{z}/{x}/{y}.pbf</c> (Mapbox Vector Tiles) and <c>/tiles/style.json</c>. Route constraints
/// accept integers only and no file path is built from the request, so <c>../</c> cannot reach the disk.
/// </summary>
public static class TilesApi
{
    private const string MvtContentType = "application/vnd.mapbox-vector-tile";

    public static IEndpointRouteBuilder MapTiles(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/tiles").WithTags("Tiles");
        group.MapGet("/style.json", (IOptions<ServerOptions> options) => TypedResults.PhysicalFile(options.Value.StylePath, "application/json"))
            .WithName("GetMapStyle")
            .WithSummary("Colours, widths and label fields per basemap layer and kind, and parcel colours per stage and status.");
        group.MapGet("/{layer}/{z:int}/{x:int}/{y:int}.pbf", GetTileAsync)
            .WithName("GetTile")
            .WithSummary("A vector tile of layer basemap (prebuilt MBTiles) or parcels (built on request); 204 when empty.");
        return routes;
    }

    private static async Task<Results<FileContentHttpResult, NoContent, StatusCodeHttpResult, ProblemHttpResult>> GetTileAsync(
        string layer, int z, int x, int y, HttpContext context, CancellationToken cancellationToken)
    {
        if (TileAddress.TryCreate(z, x, y) is not { } tile)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "瓦片不存在",
                detail: $"Tile {z}/{x}/{y} lies outside the pyramid: 0 ≤ z ≤ {TileAddress.MaxZoom}, 0 ≤ x, y < 2^z.");

        switch (layer)
        {
            case "basemap":
            {
                var stored = context.RequestServices.GetRequiredService<BasemapTiles>().File.ReadTile(tile);
                if (stored is null) return TypedResults.NoContent();
                context.Response.Headers.CacheControl = "public, max-age=3600";
                // MBTiles holds gzip: pass it through when the client takes gzip (browsers do), else inflate.
                if (AcceptsGzip(context.Request))
                {
                    context.Response.Headers.ContentEncoding = "gzip";
                    context.Response.Headers.Vary = HeaderNames.AcceptEncoding;
                    return TypedResults.File(stored, MvtContentType);
                }
                return TypedResults.File(MvtEncoder.Gunzip(stored), MvtContentType);
            }
            case "parcels":
            {
                var (mvt, version) = await context.RequestServices.GetRequiredService<ParcelTiles>().GetAsync(tile, cancellationToken);
                // Revalidated on every use: the ETag is the store's change counter, so a write anywhere changes it.
                context.Response.Headers.CacheControl = "no-cache";
                context.Response.Headers.ETag = $"\"{version}\"";
                if (context.Request.Headers.IfNoneMatch.ToString() == $"\"{version}\"")
                    return TypedResults.StatusCode(StatusCodes.Status304NotModified);
                if (mvt.Length == 0) return TypedResults.NoContent();
                return TypedResults.File(mvt, MvtContentType);
            }
            default:
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "图层不存在",
                    detail: $"Unknown tile layer '{layer}'; the layers are basemap and parcels.");
        }
    }

    private static bool AcceptsGzip(HttpRequest request) =>
        request.Headers.AcceptEncoding.Any(v => v?.Contains("gzip", StringComparison.OrdinalIgnoreCase) == true);
}
