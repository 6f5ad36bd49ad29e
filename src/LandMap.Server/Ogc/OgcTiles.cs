using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Nodes;
using LandMap.Server.Tiles;
using LandMap.Tiles.Sources;
using LandMap.Tiles.Vector;
using NetTopologySuite.Geometries;
using static LandMap.Server.Ogc.OgcApi;

namespace LandMap.Server.Ogc;

/// <summary>
/// OGC API – Tiles Part 1 over the tile sources: the <c>WebMercatorQuad</c> tile matrix set, per collection its tilesets
/// list, the tileset's metadata (limits from the collection's extent, the MVT layers and their fields) and its tiles —
/// the very bytes <c>/tiles/{source}/{z}/{x}/{y}.pbf</c> serves (same cache, ETag, 204 when empty), addressed
/// <c>{tileMatrix}/{tileRow}/{tileCol}</c> = z/y/x. A tile outside the matrix set or the tileset's limits is a 404, a
/// value that is no integer a 400; both name the parameter.
/// </summary>
internal static class OgcTiles
{
    public const string Mvt = "application/vnd.mapbox-vector-tile";
    public const string TilesetsVectorRel = "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector";
    public const string TilingSchemeRel = "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme";
    public const string TilingSchemesRel = "http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes";

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/tileMatrixSets", (HttpRequest request) => JsonOnly(request) ?? Send(new JsonObject
        {
            ["tileMatrixSets"] = Array(new JsonObject
            {
                ["id"] = WebMercatorQuad.Id, ["title"] = "Web 墨卡托（EPSG:3857）", ["uri"] = WebMercatorQuad.Uri, ["crs"] = WebMercatorQuad.Crs,
                ["links"] = Array(Link(TmsUrl(request), "self", Json, "WebMercatorQuad")),
            }),
            ["links"] = Array(Link($"{Base(request)}/ogc/tileMatrixSets", "self", Json, "瓦片矩阵集")),
        }, Json));
        group.MapGet("/tileMatrixSets/{tileMatrixSetId}", (string tileMatrixSetId, HttpRequest request) =>
            JsonOnly(request) ?? (tileMatrixSetId == WebMercatorQuad.Id
                ? Send(WebMercatorQuad.Definition(Array(Link(TmsUrl(request), "self", Json, "WebMercatorQuad"))), Json)
                : NoMatrixSet(tileMatrixSetId)));
        group.MapGet("/collections/{collectionId}/tiles", TilesetsAsync);
        group.MapGet("/collections/{collectionId}/tiles/{tileMatrixSetId}", TilesetAsync);
        // HEAD too: GDAL's /vsicurl/ asks for a file's size before reading it.
        group.MapMethods("/collections/{collectionId}/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}", [HttpMethods.Get, HttpMethods.Head], TileAsync);
    }

    /// <summary>The link from a collection to its tilesets, when a tile source draws it.</summary>
    public static JsonObject? CollectionLink(string b, IOgcCollection c) =>
        c.Tiles is null ? null : Link($"{b}/ogc/collections/{Uri.EscapeDataString(c.Id)}/tiles", TilesetsVectorRel, Json, $"{c.Title}：矢量瓦片");

    private static async Task<IResult> TilesetsAsync(string collectionId, HttpRequest request, OgcCatalog collections, TileCatalog catalog,
        CancellationToken cancellationToken)
    {
        if (JsonOnly(request) is { } bad) return bad;
        var (c, _, problem) = await ResolveAsync(collectionId, WebMercatorQuad.Id, collections, request.HttpContext.User, catalog, cancellationToken);
        if (problem is not null) return problem;
        var b = Base(request);
        return Send(new JsonObject
        {
            ["links"] = Array(Link($"{b}/ogc/collections/{Uri.EscapeDataString(c!.Id)}/tiles", "self", Json, $"{c.Title}：矢量瓦片集")),
            ["tilesets"] = Array(new JsonObject
            {
                ["title"] = $"{c.Title}（{WebMercatorQuad.Id}）",
                ["dataType"] = "vector",
                ["crs"] = WebMercatorQuad.Crs,
                ["tileMatrixSetURI"] = WebMercatorQuad.Uri,
                ["links"] = Array(
                    Link(TilesetUrl(request, c), "self", Json, "瓦片集说明"),
                    Link(TmsUrl(request), TilingSchemeRel, Json, "WebMercatorQuad")),
            }),
        }, Json);
    }

    private static async Task<IResult> TilesetAsync(string collectionId, string tileMatrixSetId, HttpRequest request, OgcCatalog collections,
        TileCatalog catalog, CancellationToken cancellationToken)
    {
        if (JsonOnly(request) is { } bad) return bad;
        var (c, source, problem) = await ResolveAsync(collectionId, tileMatrixSetId, collections, request.HttpContext.User, catalog, cancellationToken);
        if (problem is not null) return problem;
        var (bbox, _, _) = await c!.ExtentAsync(cancellationToken);
        var b = Base(request);
        var tileJson = source!.TileJson;
        var (minZoom, maxZoom) = Zooms(tileJson);
        var tileset = new JsonObject
        {
            ["title"] = $"{c.Title}：矢量瓦片",
            ["description"] = tileJson.Description ?? c.Description,
            ["dataType"] = "vector",
            ["crs"] = WebMercatorQuad.Crs,
            ["tileMatrixSetURI"] = WebMercatorQuad.Uri,
            ["mediaTypes"] = Array(Mvt),
            ["tileMatrixSetLimits"] = Many(Limits(bbox, minZoom, maxZoom).Select(l => (JsonNode)l.ToJson())),
            ["layers"] = Many(tileJson.VectorLayers.Select(l => (JsonNode)Layer(l, c, minZoom, maxZoom, b))),
            ["links"] = Array(
                Link(TilesetUrl(request, c), "self", Json, "本瓦片集"),
                Link(TmsUrl(request), TilingSchemeRel, Json, "WebMercatorQuad"),
                Templated(Link($"{TilesetUrl(request, c)}/{{tileMatrix}}/{{tileRow}}/{{tileCol}}", "item", Mvt, "瓦片（z/y/x）")),
                Link($"{b}/ogc/collections/{Uri.EscapeDataString(c.Id)}", "http://www.opengis.net/def/rel/ogc/1.0/geodata", Json, c.Title),
                Link($"{b}/tiles/{Uri.EscapeDataString(source.Id)}.json", "alternate", Json, "TileJSON 3.0.0")),
        };
        if (tileJson.Attribution is { } attribution) tileset["attribution"] = attribution;
        if (bbox is not null)
            tileset["boundingBox"] = new JsonObject
            {
                ["lowerLeft"] = Array(Math.Round(bbox.MinX, 6), Math.Round(bbox.MinY, 6)),
                ["upperRight"] = Array(Math.Round(bbox.MaxX, 6), Math.Round(bbox.MaxY, 6)),
                ["crs"] = OgcCrs.Crs84.Uri,
            };
        return Send(tileset, Json);
    }

    private static async Task<IResult> TileAsync(string collectionId, string tileMatrixSetId, string tileMatrix, string tileRow, string tileCol,
        HttpContext context, OgcCatalog collections, TileCatalog catalog, CancellationToken cancellationToken)
    {
        var errors = new Problems.QueryErrors();
        foreach (var key in context.Request.Query.Keys)
            errors.Add(key, $"'{OgcItemsQuery.Short(key)}' is not a parameter of a tile; a tile takes none (its media type is {Mvt}).");
        var z = Integer("tileMatrix", tileMatrix, errors);
        var row = Integer("tileRow", tileRow, errors);
        var col = Integer("tileCol", tileCol, errors);
        if (errors.Any) return errors.ToProblem();

        var (c, source, problem) = await ResolveAsync(collectionId, tileMatrixSetId, collections, context.User, catalog, cancellationToken);
        if (problem is not null) return problem;
        var (minZoom, maxZoom) = Zooms(source!.TileJson);
        if (z < minZoom || z > maxZoom)
            return OutOfRange("tileMatrix", $"tileMatrix {z} is not served: this tileset has tile matrices {minZoom} to {maxZoom} of {WebMercatorQuad.Id}.");
        var (bbox, _, _) = await c!.ExtentAsync(cancellationToken);
        var limits = Limits(bbox, z, z)[0];
        if (row < limits.MinTileRow || row > limits.MaxTileRow)
            return OutOfRange("tileRow", $"tileRow {row} lies outside tile matrix {z}'s limits for '{c.Id}': rows {limits.MinTileRow} to {limits.MaxTileRow}.");
        if (col < limits.MinTileCol || col > limits.MaxTileCol)
            return OutOfRange("tileCol", $"tileCol {col} lies outside tile matrix {z}'s limits for '{c.Id}': columns {limits.MinTileCol} to {limits.MaxTileCol}.");
        // Row is y (north first), column is x: the XYZ tile the page's own /tiles route serves.
        var tile = TileAddress.TryCreate(z, col, row)!.Value;
        return await TilesApi.ServeAsync(source, tile, catalog, context, cancellationToken);
    }

    // The collection, its tile source and the matrix set, or the problem saying which of them does not exist.
    private static async Task<(IOgcCollection? Collection, ITileSource? Source, IResult? Problem)> ResolveAsync(string collectionId, string tileMatrixSetId,
        OgcCatalog collections, ClaimsPrincipal user, TileCatalog catalog, CancellationToken cancellationToken)
    {
        if (await collections.FindAsync(collectionId, user, cancellationToken) is not { } c) return (null, null, NoCollection(collectionId));
        if (c.Tiles is not { } tiles)
            return (null, null, TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "数据集无矢量瓦片",
                detail: $"Collection '{c.Id}' has no vector tiles: no tile source draws it (its items are at /ogc/collections/{Uri.EscapeDataString(c.Id)}/items)."));
        if (tileMatrixSetId != WebMercatorQuad.Id) return (null, null, NoMatrixSet(tileMatrixSetId));
        // A layer removed between the two reads has no tile source left: gone, as an unknown collection.
        var sources = await catalog.SourcesAsync(cancellationToken);
        return sources.GetValueOrDefault(tiles.SourceId) is { } source ? (c, source, null) : (null, null, NoCollection(collectionId));
    }

    /// <summary>The tileset's limits: the tiles the collection's extent touches (the whole matrix when the collection is empty).</summary>
    private static IReadOnlyList<WebMercatorQuad.Limits> Limits(Envelope? bbox, int minZoom, int maxZoom) =>
        bbox is null
            ? Enumerable.Range(minZoom, maxZoom - minZoom + 1).Select(z => new WebMercatorQuad.Limits(z, 0, (1 << z) - 1, 0, (1 << z) - 1)).ToList()
            : WebMercatorQuad.LimitsOf(bbox, minZoom, maxZoom);

    private static (int Min, int Max) Zooms(TileJson tileJson) =>
        (Math.Max(0, tileJson.MinZoom ?? 0), Math.Min(TileAddress.MaxZoom, tileJson.MaxZoom ?? TileAddress.MaxZoom));

    // A TileJSON layer as tileset metadata: its fields as a JSON schema (TileJSON writes "Number: meaning", "String").
    private static JsonObject Layer(TileJsonVectorLayer layer, IOgcCollection c, int minZoom, int maxZoom, string b)
    {
        var properties = new JsonObject();
        foreach (var (name, text) in layer.Fields)
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            var kind = (colon < 0 ? text : text[..colon]).Trim();
            var schema = new JsonObject { ["type"] = kind switch { "Number" => "number", "Boolean" => "boolean", _ => "string" } };
            if (colon >= 0) schema["description"] = text[(colon + 1)..].Trim();
            properties[name] = schema;
        }
        return new JsonObject
        {
            ["id"] = layer.Id,
            ["title"] = c.Title,
            ["description"] = layer.Description,
            ["dataType"] = "vector",
            ["geometryDimension"] = c.Tiles!.GeometryDimension,
            ["minTileMatrix"] = (layer.MinZoom ?? minZoom).ToString(CultureInfo.InvariantCulture),
            ["maxTileMatrix"] = (layer.MaxZoom ?? maxZoom).ToString(CultureInfo.InvariantCulture),
            ["propertiesSchema"] = new JsonObject { ["type"] = "object", ["properties"] = properties },
            ["links"] = Array(Link($"{b}/ogc/collections/{Uri.EscapeDataString(c.Id)}", "http://www.opengis.net/def/rel/ogc/1.0/geodata", Json, c.Title)),
        };
    }

    // The tile metadata is JSON only; f=json is accepted, anything else named.
    private static IResult? JsonOnly(HttpRequest request)
    {
        var errors = new Problems.QueryErrors();
        OgcNegotiation.Only(request, "json", errors);
        return errors.Any ? errors.ToProblem() : null;
    }

    private static int Integer(string parameter, string text, Problems.QueryErrors errors)
    {
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)) return value;
        errors.Add(parameter, $"{parameter} '{OgcItemsQuery.Short(text)}' is not an integer.");
        return 0;
    }

    // Out of the matrix set or the tileset's limits: 404, as OGC API – Tiles asks, naming the parameter as a 400 would.
    private static IResult OutOfRange(string parameter, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "瓦片不存在", detail: detail,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [parameter] = [detail] } });

    private static IResult NoMatrixSet(string id) =>
        OutOfRange("tileMatrixSetId", $"There is no tile matrix set '{OgcItemsQuery.Short(id)}'; the one served is {WebMercatorQuad.Id} (/ogc/tileMatrixSets).");

    private static JsonObject Templated(JsonObject link)
    {
        link["templated"] = true;
        return link;
    }

    private static string TmsUrl(HttpRequest request) => $"{Base(request)}/ogc/tileMatrixSets/{WebMercatorQuad.Id}";

    private static string TilesetUrl(HttpRequest request, IOgcCollection c) => $"{Base(request)}/ogc/collections/{Uri.EscapeDataString(c.Id)}/tiles/{WebMercatorQuad.Id}";
}
