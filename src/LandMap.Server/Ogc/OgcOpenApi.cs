using System.Text.Json.Nodes;

namespace LandMap.Server.Ogc;

/// <summary>
/// The OpenAPI 3.0 document of <c>/ogc</c> (conformance class oas30): every resource, and per collection its items path
/// with the queryable properties as parameters, which is how clients learn what they may filter on.
/// </summary>
internal static class OgcOpenApi
{
    public static JsonObject Document(string baseUrl, IReadOnlyList<IOgcCollection> collections)
    {
        var paths = new JsonObject
        {
            ["/"] = Get("landing", "着陆页", Json()),
            ["/conformance"] = Get("conformance", "符合的标准类", Json()),
            ["/api"] = Get("api", "本 OpenAPI 文档", new JsonObject { [OgcApi.OpenApiType] = new JsonObject() }),
            ["/collections"] = Get("collections", "数据集列表", Json()),
            ["/tileMatrixSets"] = Get("tileMatrixSets", "瓦片矩阵集列表", Json()),
            ["/tileMatrixSets/{tileMatrixSetId}"] = WithPath(Get("tileMatrixSet", "瓦片矩阵集定义（OGC 2D TMS 2.0）", Json()), "tileMatrixSetId"),
        };
        foreach (var c in collections)
        {
            paths[$"/collections/{c.Id}"] = Get($"describe-{c.Id}", c.Title, Json());
            paths[$"/collections/{c.Id}/queryables"] = Get($"queryables-{c.Id}", $"{c.Title}：可查询属性", new JsonObject { ["application/schema+json"] = new JsonObject() });
            var parameters = new JsonArray(
                Parameter("limit", "每页要素数（1–10000，默认 100）", new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = OgcItemsQuery.MaxLimit, ["default"] = OgcItemsQuery.DefaultLimit }),
                Parameter("offset", "跳过的要素数（分页链接使用）", new JsonObject { ["type"] = "integer", ["minimum"] = 0, ["default"] = 0 }),
                Parameter("bbox", "范围 minLon,minLat,maxLon,maxLat（CRS84）", new JsonObject { ["type"] = "array", ["minItems"] = 4, ["maxItems"] = 4, ["items"] = new JsonObject { ["type"] = "number" } }, explode: false),
                Parameter("datetime", "计划年度的时间（RFC 3339 时刻或区间，.. 为开放端）", new JsonObject { ["type"] = "string" }),
                Parameter("crs", "输出坐标系", CrsSchema()),
                Parameter("bbox-crs", "bbox 的坐标系（按其轴序）", CrsSchema()));
            parameters.Add(Parameter("filter", "CQL2 文本过滤条件（属性名同 queryables；几何用 S_INTERSECTS 与 WKT 或 BBOX）", new JsonObject { ["type"] = "string" }));
            parameters.Add(Parameter("filter-lang", "过滤语言（cql-text 为 cql2-text 的草案名，GDAL 使用）",
                new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. OgcFilter.Languages.Select(l => (JsonNode)l)]), ["default"] = "cql2-text" }));
            parameters.Add(Parameter("filter-crs", "filter 中几何的坐标系（按其轴序）", CrsSchema()));
            foreach (var q in c.Queryables.Where(q => q.CqlType != Core.Filtering.CqlType.Geometry))
            {
                var schema = new JsonObject { ["type"] = q.Type };
                if (q.Values is { } values) schema["enum"] = new JsonArray([.. values.Select(v => (JsonNode)v)]);
                parameters.Add(Parameter(q.Name, q.Title, schema));
            }
            var items = Get($"items-{c.Id}", $"{c.Title}：要素", new JsonObject { [OgcApi.GeoJson] = new JsonObject() });
            items["get"]!["parameters"] = parameters;
            paths[$"/collections/{c.Id}/items"] = items;
            var item = Get($"item-{c.Id}", $"{c.Title}：单个要素", new JsonObject { [OgcApi.GeoJson] = new JsonObject() });
            item["get"]!["parameters"] = new JsonArray(new JsonObject
            {
                ["name"] = "featureId", ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" },
            }, Parameter("crs", "输出坐标系", CrsSchema()));
            paths[$"/collections/{c.Id}/items/{{featureId}}"] = item;
            if (c.Tiles is null) continue;
            paths[$"/collections/{c.Id}/tiles"] = Get($"tilesets-{c.Id}", $"{c.Title}：矢量瓦片集列表", Json());
            paths[$"/collections/{c.Id}/tiles/{{tileMatrixSetId}}"] = WithPath(Get($"tileset-{c.Id}", $"{c.Title}：瓦片集说明", Json()), "tileMatrixSetId");
            var tile = Get($"tile-{c.Id}", $"{c.Title}：矢量瓦片（MVT；无要素时 204）", new JsonObject { [OgcTiles.Mvt] = new JsonObject() });
            paths[$"/collections/{c.Id}/tiles/{{tileMatrixSetId}}/{{tileMatrix}}/{{tileRow}}/{{tileCol}}"] =
                WithPath(tile, "tileMatrixSetId", "tileMatrix", "tileRow", "tileCol");
        }
        return new JsonObject
        {
            ["openapi"] = "3.0.3",
            ["info"] = new JsonObject
            {
                ["title"] = "LandMap OGC API – Features / Tiles",
                ["version"] = "1.0.0",
                ["description"] = "区县规划报告中的用地保障地块与重点项目（只读，仅公开数据）。",
            },
            ["servers"] = new JsonArray(new JsonObject { ["url"] = $"{baseUrl}/ogc" }),
            ["paths"] = paths,
        };
    }

    private static JsonObject Get(string operationId, string summary, JsonObject content) => new()
    {
        ["get"] = new JsonObject
        {
            ["operationId"] = operationId,
            ["summary"] = summary,
            ["responses"] = new JsonObject
            {
                ["200"] = new JsonObject { ["description"] = summary, ["content"] = content },
                ["400"] = new JsonObject { ["description"] = "参数无效（RFC 7807，指明参数）" },
                ["404"] = new JsonObject { ["description"] = "不存在" },
            },
        },
    };

    // Path parameters: the matrix set is a name, the rest integers (tileMatrix = zoom, tileRow = y, tileCol = x).
    private static JsonObject WithPath(JsonObject operation, params string[] names)
    {
        operation["get"]!["parameters"] = new JsonArray([.. names.Select(n => (JsonNode)new JsonObject
        {
            ["name"] = n, ["in"] = "path", ["required"] = true,
            ["schema"] = n == "tileMatrixSetId" ? new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(WebMercatorQuad.Id) } : new JsonObject { ["type"] = "integer", ["minimum"] = 0 },
        })]);
        return operation;
    }

    private static JsonObject CrsSchema() => new()
    {
        ["type"] = "string", ["format"] = "uri", ["enum"] = new JsonArray([.. OgcCrs.All.Select(c => (JsonNode)c.Uri)]), ["default"] = OgcCrs.Crs84.Uri,
    };

    private static JsonObject Json() => new() { [OgcApi.Json] = new JsonObject() };

    private static JsonObject Parameter(string name, string description, JsonObject schema, bool explode = true) => new()
    {
        ["name"] = name, ["in"] = "query", ["required"] = false, ["description"] = description, ["schema"] = schema, ["style"] = "form", ["explode"] = explode,
    };
}
