using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using LandMap.Server.Parcels;
using LandMap.Server.Problems;
using NetTopologySuite.Geometries;

namespace LandMap.Server.Ogc;

/// <summary>
/// <c>/ogc</c>: OGC API – Features Part 1 (core, GeoJSON, HTML (<see cref="OgcHtml"/>), OpenAPI 3.0) and OGC API – Tiles
/// (<see cref="OgcTiles"/>) over the store and the tile sources, read-only, published data only —
/// what QGIS ("WFS / OGC API – Features"), GDAL's OAPIF driver, ArcGIS Pro and OWSLib read. Links are absolute, as
/// clients follow them as given. The server's own page keeps its <c>/api</c>.
/// </summary>
public static class OgcApi
{
    internal const string GeoJson = "application/geo+json";
    internal const string Json = "application/json";
    internal const string OpenApiType = "application/vnd.oai.openapi+json;version=3.0";
    private const string Crs84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";

    /// <summary>The conformance classes the tests exercise (GDAL, the paging and filter tests); nothing more is claimed.</summary>
    internal static readonly string[] ConformsTo =
    [
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
        "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters",
        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
        "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
        "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
        "http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators",
        "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions",
        "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tileset",
        "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tilesets-list",
        "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/geodata-tilesets",
        "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt",
        "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/oas30",
    ];

    public static IEndpointRouteBuilder MapOgc(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/ogc").WithTags("OGC API – Features").ExcludeFromDescription();
        group.MapGet("/", Landing);
        group.MapGet("/conformance", (HttpRequest r) =>
            Respond(r, new JsonObject { ["conformsTo"] = Many(ConformsTo.Select(c => (JsonNode)c)), ["links"] = new JsonArray() }, Json, OgcHtml.Conformance));
        group.MapGet("/api", async (HttpRequest r, OgcCatalog catalog, CancellationToken cancellationToken) =>
            Respond(r, OgcOpenApi.Document(Base(r), await catalog.ListAsync(r.HttpContext.User, cancellationToken)), OpenApiType, OgcHtml.Api, links: false));
        group.MapGet("/collections", CollectionsAsync);
        group.MapGet("/collections/{collectionId}", CollectionAsync);
        group.MapGet("/collections/{collectionId}/queryables", Queryables);
        group.MapGet("/collections/{collectionId}/items", ItemsAsync);
        group.MapGet("/collections/{collectionId}/items/{featureId}", ItemAsync);
        OgcTiles.Map(group);
        return routes;
    }

    private static IResult Landing(HttpRequest request)
    {
        var b = Base(request);
        return Respond(request, new JsonObject
        {
            ["title"] = "LandMap 用地保障地块",
            ["description"] = "区县规划报告中的用地保障重点项目地块与重点项目，OGC API – Features（只读，仅公开数据）。",
            ["links"] = Array(
                Link($"{b}/ogc", "self", Json, "本页"),
                Link($"{b}/ogc/api", "service-desc", OpenApiType, "OpenAPI 3.0 定义"),
                Link($"{b}/ogc/api?f=html", "service-doc", "text/html", "接口说明（HTML）"),
                Link($"{b}/ogc/conformance", "conformance", Json, "符合的标准类"),
                Link($"{b}/ogc/collections", "data", Json, "数据集"),
                Link($"{b}/ogc/tileMatrixSets", OgcTiles.TilingSchemesRel, Json, "瓦片矩阵集")),
        }, Json, OgcHtml.Landing);
    }

    private static async Task<IResult> CollectionsAsync(HttpRequest request, OgcCatalog catalog, CancellationToken cancellationToken)
    {
        var b = Base(request);
        var list = new JsonArray();
        foreach (var c in await catalog.ListAsync(request.HttpContext.User, cancellationToken)) list.Add(await DescribeAsync(b, c, cancellationToken));
        return Respond(request, new JsonObject
        {
            ["links"] = Array(Link($"{b}/ogc/collections", "self", Json, "数据集")),
            ["collections"] = list,
        }, Json, OgcHtml.Collections);
    }

    private static async Task<IResult> CollectionAsync(string collectionId, HttpRequest request, OgcCatalog catalog, CancellationToken cancellationToken) =>
        await catalog.FindAsync(collectionId, request.HttpContext.User, cancellationToken) is { } c
            ? Respond(request, await DescribeAsync(Base(request), c, cancellationToken), Json, OgcHtml.Collection)
            : NoCollection(collectionId);

    private static async Task<IResult> Queryables(string collectionId, HttpRequest request, OgcCatalog catalog, CancellationToken cancellationToken)
    {
        if (await catalog.FindAsync(collectionId, request.HttpContext.User, cancellationToken) is not { } c) return NoCollection(collectionId);
        var properties = new JsonObject();
        foreach (var q in c.Queryables)
        {
            // Part 3: a spatial queryable is a geometry format, and the one S_INTERSECTS tests is the primary geometry.
            var schema = q.CqlType == Core.Filtering.CqlType.Geometry
                ? new JsonObject { ["title"] = q.Title, ["format"] = "geometry-any", ["x-ogc-role"] = "primary-geometry" }
                : new JsonObject { ["title"] = q.Title, ["type"] = q.Type };
            if (q.Values is { } values) schema["enum"] = Many(values.Select(v => (JsonNode)v));
            properties[q.Name] = schema;
        }
        return Respond(request, new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = $"{Base(request)}/ogc/collections/{Uri.EscapeDataString(c.Id)}/queryables",
            ["type"] = "object",
            ["title"] = c.Title,
            ["properties"] = properties,
            ["additionalProperties"] = false,
        }, "application/schema+json", OgcHtml.Queryables, links: false);
    }

    private static async Task<IResult> ItemsAsync(string collectionId, HttpRequest request, OgcCatalog catalog, CancellationToken cancellationToken)
    {
        if (await catalog.FindAsync(collectionId, request.HttpContext.User, cancellationToken) is not { } c) return NoCollection(collectionId);
        var errors = new QueryErrors();
        OgcNegotiation.Negotiate(request, errors, features: true);
        var query = OgcItemsQuery.Parse(request.Query, c.Queryables, errors);
        if (errors.Any) return errors.ToProblem();
        var page = await c.ItemsAsync(query, errors, cancellationToken);
        if (errors.Any) return errors.ToProblem();

        var b = Base(request);
        var links = Array(Link(ParcelsApi.PageUrl(request, query.Offset, absolute: true), "self", GeoJson, "本页"), Link($"{b}/ogc/collections/{Uri.EscapeDataString(c.Id)}", "collection", Json, c.Title));
        if (query.Offset + page.Features.Count < page.NumberMatched) links.Add(Link(ParcelsApi.PageUrl(request, query.Offset + page.Features.Count, absolute: true), "next", GeoJson, "下一页"));
        if (query.Offset > 0) links.Add(Link(ParcelsApi.PageUrl(request, Math.Max(0, query.Offset - query.Limit), absolute: true), "prev", GeoJson, "上一页"));
        request.HttpContext.Response.Headers["Content-Crs"] = $"<{query.Crs.Uri}>";
        return Respond(request, new JsonObject
        {
            ["type"] = "FeatureCollection",
            ["features"] = Many(page.Features),
            ["numberMatched"] = page.NumberMatched,
            ["numberReturned"] = page.Features.Count,
            ["timeStamp"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["links"] = links,
        }, GeoJson, doc => OgcHtml.Items(doc, c.Title, Labels(c)));
    }

    private static async Task<IResult> ItemAsync(string collectionId, string featureId, HttpRequest request, OgcCatalog catalog,
        CancellationToken cancellationToken)
    {
        if (await catalog.FindAsync(collectionId, request.HttpContext.User, cancellationToken) is not { } c) return NoCollection(collectionId);
        var errors = new QueryErrors();
        foreach (var key in request.Query.Keys.Where(k => k is not ("crs" or "f")))
            errors.Add(key, $"'{OgcItemsQuery.Short(key)}' is not a parameter of a single feature; use crs or f.");
        OgcNegotiation.Negotiate(request, errors, features: true);
        var crs = OgcItemsQuery.ParseCrs("crs", request.Query["crs"].FirstOrDefault(), errors);
        if (errors.Any) return errors.ToProblem();
        if (await c.ItemAsync(featureId, crs, cancellationToken) is not { } feature)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "要素不存在",
                detail: $"Collection '{c.Id}' has no published feature '{OgcItemsQuery.Short(featureId)}'; /ogc/collections/{Uri.EscapeDataString(c.Id)}/items lists them.");
        var b = Base(request);
        feature["links"] = Array(
            Link($"{b}/ogc/collections/{Uri.EscapeDataString(c.Id)}/items/{Uri.EscapeDataString(featureId)}", "self", GeoJson, "本要素"),
            Link($"{b}/ogc/collections/{Uri.EscapeDataString(c.Id)}", "collection", Json, c.Title));
        request.HttpContext.Response.Headers["Content-Crs"] = $"<{crs.Uri}>";
        return Respond(request, feature, GeoJson, doc => OgcHtml.Item(doc, c.Title, Labels(c)));
    }

    private static async Task<JsonObject> DescribeAsync(string b, IOgcCollection c, CancellationToken cancellationToken)
    {
        var (bbox, first, last) = await c.ExtentAsync(cancellationToken);
        var extent = new JsonObject();
        if (bbox is not null)
            extent["spatial"] = new JsonObject { ["bbox"] = Array(Array(Round(bbox.MinX), Round(bbox.MinY), Round(bbox.MaxX), Round(bbox.MaxY))), ["crs"] = Crs84 };
        if (first is { } from && last is { } to)
            extent["temporal"] = new JsonObject
            {
                ["interval"] = Array(Array((JsonNode)$"{from}-01-01T00:00:00Z", (JsonNode)$"{to}-12-31T23:59:59Z")),
                ["trs"] = "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian",
            };
        return new JsonObject
        {
            ["id"] = c.Id,
            ["title"] = c.Title,
            ["description"] = c.Description,
            ["itemType"] = "feature",
            ["crs"] = Many(OgcCrs.All.Select(x => (JsonNode)x.Uri)),
            ["storageCrs"] = Crs84,
            ["extent"] = extent,
            ["links"] = Array(
                Link($"{b}/ogc/collections/{Uri.EscapeDataString(c.Id)}", "self", Json, c.Title),
                Link($"{b}/ogc/collections/{Uri.EscapeDataString(c.Id)}/items", "items", GeoJson, "要素"),
                Link($"{b}/ogc/collections/{Uri.EscapeDataString(c.Id)}/queryables", "http://www.opengis.net/def/rel/ogc/1.0/queryables", "application/schema+json", "可查询属性"),
                OgcTiles.CollectionLink(b, c)),
        };
    }

    private static Dictionary<string, string> Labels(IOgcCollection c) => c.Queryables.ToDictionary(q => q.Name, q => q.Title, StringComparer.Ordinal);

    internal static IResult NoCollection(string id) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "数据集不存在",
        detail: $"There is no collection '{OgcItemsQuery.Short(id)}'; /ogc/collections lists them.");

    // Chinese as text, not \u escapes: what a person reading the response (or GDAL's debug output) expects.
    private static readonly JsonSerializerOptions Written = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    // An OGC client asks with Accept: application/geo+json or application/json; both get the same JSON.
    internal static IResult Send(JsonNode body, string contentType) =>
        Results.Text(body.ToJsonString(Written), contentType, System.Text.Encoding.UTF8);

    /// <summary>
    /// A resource in the encoding the request negotiates (<see cref="OgcNegotiation"/>), each linking the other as
    /// <c>alternate</c> (<paramref name="links"/> false: a document without links, as JSON Schema and OpenAPI are).
    /// </summary>
    private static IResult Respond(HttpRequest request, JsonObject doc, string jsonType, Func<JsonObject, IResult> html, bool links = true)
    {
        var errors = new QueryErrors();
        var encoding = OgcNegotiation.Negotiate(request, errors, features: jsonType == GeoJson);
        if (errors.Any) return errors.ToProblem();
        if (encoding == OgcEncoding.Html)
        {
            // The page links its JSON even where the JSON has no links member (JSON Schema, OpenAPI).
            if (doc["links"] is not JsonArray htmlLinks) doc["links"] = htmlLinks = new JsonArray();
            htmlLinks.Add(Link(OgcNegotiation.Alternate(request, "json"), "alternate", jsonType, "JSON"));
            return html(doc);
        }
        if (links && doc["links"] is JsonArray jsonLinks) jsonLinks.Add(Link(OgcNegotiation.Alternate(request, "html"), "alternate", "text/html", "HTML 页面"));
        return Send(doc, jsonType);
    }

    /// <summary>scheme://host[:port]/pathbase of the request: links are absolute.</summary>
    internal static string Base(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    internal static JsonObject Link(string href, string rel, string type, string title) =>
        new() { ["href"] = href, ["rel"] = rel, ["type"] = type, ["title"] = title };

    internal static JsonArray Many(IEnumerable<JsonNode?> items) => new([.. items]);

    // Optional links come as null and are left out.
    internal static JsonArray Array(params JsonNode?[] items) => new([.. items.Where(i => i is not null)]);

    private static JsonNode Round(double value) => Math.Round(value, 6);

}
