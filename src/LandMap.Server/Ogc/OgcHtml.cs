using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LandMap.Server.Ogc;

/// <summary>
/// The HTML encoding of <c>/ogc</c> (conformance class html of OGC API – Features Part 1): each page renders the very JSON
/// document the resource serves — its information in the body, every link as an <c>&lt;a&gt;</c> — in plain HTML 5 with
/// Chinese labels, no script. Every text and attribute is escaped: names and properties come from reports.
/// </summary>
internal static class OgcHtml
{
    private const string Style =
        "body{font:15px/1.5 system-ui,'Noto Sans CJK SC','Microsoft YaHei',sans-serif;margin:1.5rem auto;max-width:110rem;padding:0 1rem;color:#1d2733}main{overflow-x:auto}" +
        "h1{font-size:1.5rem}table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccd3da;padding:.25rem .5rem;text-align:left;vertical-align:top;min-width:4.5em}" +
        "th{background:#eef2f5}nav a{margin-right:1rem}code{font-size:.85em;color:#56616b}.links li{margin:.15rem 0}";

    public static IResult Landing(JsonObject doc) =>
        Page(Text(doc["title"]), $"<p>{E(Text(doc["description"]))}</p>", doc);

    public static IResult Conformance(JsonObject doc) =>
        Page("符合的标准类", "<ul>" + string.Concat(Items(doc["conformsTo"]).Select(c => $"<li><code>{E(Text(c))}</code></li>")) + "</ul>", doc);

    public static IResult Collections(JsonObject doc)
    {
        var rows = Items(doc["collections"]).OfType<JsonObject>().Select(c =>
            $"<tr><td><a href=\"{E(OgcNegotiation.AsHtml(SelfHref(c)))}\">{E(Text(c["id"]))}</a></td><td>{E(Text(c["title"]))}</td>" +
            $"<td>{E(Text(c["description"]))}</td><td>{Extent(c)}</td></tr>");
        return Page("数据集", "<table><tr><th>标识</th><th>标题</th><th>说明</th><th>范围</th></tr>" + string.Concat(rows) + "</table>", doc);
    }

    public static IResult Collection(JsonObject doc)
    {
        var body = new StringBuilder("<table>");
        Row(body, "标识", E(Text(doc["id"])));
        Row(body, "标题", E(Text(doc["title"])));
        Row(body, "说明", E(Text(doc["description"])));
        Row(body, "范围", Extent(doc));
        Row(body, "坐标系", string.Join("<br>", Items(doc["crs"]).Select(c => $"<code>{E(Text(c))}</code>")));
        Row(body, "存储坐标系", $"<code>{E(Text(doc["storageCrs"]))}</code>");
        body.Append("</table>");
        if (Href(doc, "items") is { } items) body.Append($"<nav><a href=\"{E(OgcNegotiation.AsHtml(items))}\">浏览要素</a></nav>");
        return Page(Text(doc["title"]), body.ToString(), doc);
    }

    /// <summary>A page of features: a table of their properties, the counts and the paging links.</summary>
    public static IResult Items(JsonObject doc, string collectionTitle, IReadOnlyDictionary<string, string> labels)
    {
        var features = Items(doc["features"]).OfType<JsonObject>().ToList();
        var columns = features.SelectMany(f => (f["properties"] as JsonObject)?.Select(p => p.Key) ?? []).Distinct().ToList();
        var body = new StringBuilder($"<p>共匹配 {E(Text(doc["numberMatched"]))} 个要素，本页 {E(Text(doc["numberReturned"]))} 个。</p>");
        body.Append(Paging(doc));
        body.Append("<table><tr><th>要素</th>").Append(string.Concat(columns.Select(c => $"<th>{Label(c, labels)}</th>"))).Append("<th>几何</th></tr>");
        var self = Href(doc, "self") ?? "";
        var itemsUrl = self.Contains('?', StringComparison.Ordinal) ? self[..self.IndexOf('?', StringComparison.Ordinal)] : self;
        foreach (var f in features)
        {
            var id = Text(f["id"]);
            body.Append($"<tr><td><a href=\"{E(OgcNegotiation.AsHtml($"{itemsUrl}/{Uri.EscapeDataString(id)}"))}\">{E(id)}</a></td>");
            var properties = f["properties"] as JsonObject;
            foreach (var c in columns) body.Append($"<td>{E(Text(properties?[c]))}</td>");
            body.Append($"<td>{E(Text(f["geometry"]?["type"]))}</td></tr>");
        }
        body.Append("</table>").Append(Paging(doc));
        return Page($"{collectionTitle}：要素", body.ToString(), doc);
    }

    public static IResult Item(JsonObject doc, string collectionTitle, IReadOnlyDictionary<string, string> labels)
    {
        var body = new StringBuilder("<table><tr><th>属性</th><th>值</th></tr>");
        foreach (var (name, value) in doc["properties"] as JsonObject ?? []) Row(body, Label(name, labels), E(Text(value)));
        Row(body, "几何", E(Text(doc["geometry"]?["type"])));
        body.Append("</table>");
        return Page($"{collectionTitle}：要素 {Text(doc["id"])}", body.ToString(), doc);
    }

    public static IResult Queryables(JsonObject doc)
    {
        var body = new StringBuilder("<table><tr><th>名称</th><th>标题</th><th>类型</th><th>取值</th></tr>");
        foreach (var (name, schema) in doc["properties"] as JsonObject ?? [])
            body.Append($"<tr><td><code>{E(name)}</code></td><td>{E(Text(schema?["title"]))}</td>" +
                        $"<td>{E(Text(schema?["type"] ?? schema?["format"]))}</td><td>{E(string.Join(", ", Items(schema?["enum"]).Select(Text)))}</td></tr>");
        body.Append("</table>");
        return Page($"{Text(doc["title"])}：可查询属性", body.ToString(), doc);
    }

    /// <summary>The OpenAPI document as a list of its paths (the service-doc for people).</summary>
    public static IResult Api(JsonObject doc)
    {
        var server = Text(doc["servers"]?[0]?["url"]);
        var body = new StringBuilder($"<p>{E(Text(doc["info"]?["description"]))}</p><table><tr><th>路径</th><th>说明</th></tr>");
        foreach (var (path, item) in doc["paths"] as JsonObject ?? [])
            body.Append($"<tr><td><code>GET {E(server + path)}</code></td><td>{E(Text(item?["get"]?["summary"]))}</td></tr>");
        body.Append("</table>");
        return Page(Text(doc["info"]?["title"]), body.ToString(), doc);
    }

    private static string Paging(JsonObject doc)
    {
        var prev = Href(doc, "prev");
        var next = Href(doc, "next");
        if (prev is null && next is null) return "";
        return "<nav>" + (prev is null ? "" : $"<a rel=\"prev\" href=\"{E(prev)}\">上一页</a>") + (next is null ? "" : $"<a rel=\"next\" href=\"{E(next)}\">下一页</a>") + "</nav>";
    }

    private static string Extent(JsonNode? collection)
    {
        var parts = new List<string>();
        if (collection?["extent"]?["spatial"]?["bbox"]?[0] is JsonArray box)
            parts.Add($"经纬度（CRS84）{E(string.Join(", ", box.Select(Text)))}");
        if (collection?["extent"]?["temporal"]?["interval"]?[0] is JsonArray interval)
            parts.Add($"时间 {E(Text(interval[0]))} 至 {E(Text(interval[1]))}");
        return string.Join("<br>", parts);
    }

    private static IResult Page(string title, string body, JsonObject doc)
    {
        var html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><link rel=\"icon\" href=\"data:,\">")
            .Append($"<title>{E(title)} – LandMap OGC API</title><style>{Style}</style></head><body>")
            .Append($"<header><nav><a href=\"{E(Root(doc))}\">LandMap OGC API</a><a href=\"{E(Root(doc))}/collections?f=html\">数据集</a></nav></header>")
            .Append($"<main><h1>{E(title)}</h1>").Append(body);
        var links = Items(doc["links"]).OfType<JsonObject>().ToList();
        if (links.Count > 0)
        {
            html.Append("<section><h2>链接</h2><ul class=\"links\">");
            foreach (var l in links)
                html.Append($"<li><a href=\"{E(Text(l["href"]))}\" rel=\"{E(Text(l["rel"]))}\" type=\"{E(Text(l["type"]))}\">{E(Text(l["title"] ?? l["href"]))}</a> ")
                    .Append($"<code>{E(Text(l["rel"]))}</code> <code>{E(Text(l["type"]))}</code></li>");
            html.Append("</ul></section>");
        }
        html.Append("</main></body></html>\n");
        return Results.Content(html.ToString(), "text/html; charset=utf-8");
    }

    // The /ogc root of any of our links (they are absolute and all under /ogc).
    private static string Root(JsonObject doc)
    {
        var href = Items(doc["links"]).OfType<JsonObject>().Select(l => Text(l["href"])).FirstOrDefault(h => h.Contains("/ogc", StringComparison.Ordinal)) ?? "/ogc";
        return href[..(href.IndexOf("/ogc", StringComparison.Ordinal) + 4)];
    }

    // A property's Chinese title (its queryable's) with its name, which filters and clients use.
    private static string Label(string name, IReadOnlyDictionary<string, string> labels) =>
        labels.TryGetValue(name, out var title) ? $"{E(title)}<br><code>{E(name)}</code>" : $"<code>{E(name)}</code>";

    private static void Row(StringBuilder body, string label, string html) => body.Append($"<tr><th>{label}</th><td>{html}</td></tr>");

    private static string? Href(JsonObject doc, string rel) =>
        Items(doc["links"]).OfType<JsonObject>().Where(l => Text(l["rel"]) == rel).Select(l => Text(l["href"])).FirstOrDefault();

    private static string SelfHref(JsonObject doc) => Href(doc, "self") ?? "";

    private static IEnumerable<JsonNode?> Items(JsonNode? node) => node as JsonArray ?? [];

    private static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.ToJsonString(),
        _ => node.ToJsonString(),
    };

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
