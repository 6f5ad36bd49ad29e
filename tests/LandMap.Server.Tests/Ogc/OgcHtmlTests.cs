using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using CsCheck;
using LandMap.Server.Ogc;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace LandMap.Server.Tests.Ogc;

/// <summary>
/// The HTML encoding of <c>/ogc</c> (OGC API – Features Part 1, conformance class html): chosen by <c>f</c> or a browser's
/// Accept header, JSON staying the default; every page holds the JSON's information and links; names are escaped.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class OgcHtmlTests(LandMapApplication app)
{
    private const string Browser = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";
    private static readonly HtmlParser Parser = new();
    private readonly HttpClient _client = app.CreateClient();

    private static readonly string[] Urls =
    [
        "/ogc", "/ogc/conformance", "/ogc/collections", "/ogc/collections/parcels", "/ogc/collections/parcels/items?limit=7",
        "/ogc/collections/parcels/items/410403202300001", "/ogc/collections/parcels/queryables", "/ogc/api",
    ];

    public static TheoryData<string> Resources => new(Urls);

    [Theory]
    [InlineData(Browser, true)]
    [InlineData("text/html", true)]
    [InlineData("application/geo+json, application/json", false)]
    [InlineData("*/*", false)]
    [InlineData(null, false)]
    [InlineData("text/html;q=0.5, application/json;q=0.9", false)]
    [InlineData("text/html, application/json", false)]
    public async Task TheAcceptHeaderChoosesHtmlOnlyWhenItRanksHtmlFirst(string? accept, bool html)
    {
        foreach (var url in Urls)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);

            var response = await _client.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var type = response.Content.Headers.ContentType!.MediaType!;
            Assert.True(html ? type == "text/html" : type.EndsWith("json", StringComparison.Ordinal), $"{url} with Accept {accept}: {type}");
            Assert.Contains("Accept", response.Headers.Vary);
        }
    }

    [Fact]
    public async Task FDecidesOverTheAcceptHeader()
    {
        using var browserAsksJson = new HttpRequestMessage(HttpMethod.Get, "/ogc/collections?f=json");
        browserAsksJson.Headers.TryAddWithoutValidation("Accept", Browser);
        Assert.Equal("application/json", (await _client.SendAsync(browserAsksJson)).Content.Headers.ContentType?.MediaType);
        using var clientAsksHtml = new HttpRequestMessage(HttpMethod.Get, "/ogc/collections/parcels/items?f=html");
        clientAsksHtml.Headers.TryAddWithoutValidation("Accept", "application/geo+json");
        Assert.Equal("text/html", (await _client.SendAsync(clientAsksHtml)).Content.Headers.ContentType?.MediaType);
        Assert.Equal("application/geo+json", (await _client.GetAsync("/ogc/collections/parcels/items/410403202300001?f=geojson")).Content.Headers.ContentType?.MediaType);
    }

    // /req/html/content: the body holds every link of the resource as an <a>, and each encoding links the other as alternate.
    [Theory]
    [MemberData(nameof(Resources))]
    public async Task EveryPageHoldsTheLinksOfItsJsonAndEachLinksTheOtherAsAlternate(string url)
    {
        using var json = JsonDocument.Parse(await _client.GetStringAsync(url));
        var page = await Html(url + (url.Contains('?') ? "&" : "?") + "f=html");

        // The page's own links keep its f=html (its next page is a page too); otherwise they are the JSON's.
        var anchors = page.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!.Replace("f=html&", "").Replace("&f=html", "")).ToHashSet();
        var links = json.RootElement.TryGetProperty("links", out var l) ? l.EnumerateArray().ToList() : [];
        foreach (var link in links.Where(x => x.GetProperty("rel").GetString() != "alternate"))
            Assert.Contains(link.GetProperty("href").GetString()!, anchors);
        Assert.Equal("zh-CN", page.DocumentElement.GetAttribute("lang"));
        Assert.NotEmpty(page.QuerySelector("h1")!.TextContent);

        var toJson = page.QuerySelectorAll("a[rel=alternate]").Single().GetAttribute("href")!;
        var back = await _client.GetAsync(new Uri(toJson).PathAndQuery);
        Assert.EndsWith("json", back.Content.Headers.ContentType!.MediaType!, StringComparison.Ordinal);
        if (links.Count == 0) return;
        var toHtml = links.Single(x => x.GetProperty("rel").GetString() == "alternate");
        Assert.Equal("text/html", toHtml.GetProperty("type").GetString());
        Assert.Equal("text/html", (await _client.GetAsync(new Uri(toHtml.GetProperty("href").GetString()!).PathAndQuery)).Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task PagesUseChineseLabels()
    {
        using var conformance = JsonDocument.Parse(await _client.GetStringAsync("/ogc/conformance"));
        Assert.Contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
            conformance.RootElement.GetProperty("conformsTo").EnumerateArray().Select(c => c.GetString()));
        Assert.Contains("链接", (await Html("/ogc?f=html")).Body!.TextContent);
        Assert.Contains("数据集", (await Html("/ogc/collections?f=html")).Title);
        var collection = (await Html("/ogc/collections/parcels?f=html")).Body!.TextContent;
        foreach (var label in (string[])["标识", "标题", "说明", "范围", "坐标系", "浏览要素"]) Assert.Contains(label, collection);
        var items = (await Html("/ogc/collections/parcels/items?limit=7&f=html")).Body!.TextContent;
        foreach (var label in (string[])["共匹配", "要素", "下一页", "项目名称", "计划年度"]) Assert.Contains(label, items);
        var item = (await Html("/ogc/collections/parcels/items/410403202300001?f=html")).Body!.TextContent;
        Assert.Contains("属性", item);
        Assert.Contains("河南（平顶山）电子半导体产业园", item);
    }

    [Fact]
    public async Task FollowingTheHtmlNextLinksVisitsEveryParcelOnce()
    {
        using var all = JsonDocument.Parse(await _client.GetStringAsync("/ogc/collections/parcels/items?limit=10000"));
        var expected = all.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetInt64()).Order().ToList();
        var seen = new List<long>();
        string? url = "/ogc/collections/parcels/items?limit=7&f=html";
        var previous = 0;
        while (url is not null)
        {
            var page = await Html(url);
            seen.AddRange(page.QuerySelectorAll("table tr td:first-child a").Select(a => long.Parse(a.TextContent)));
            Assert.Equal(previous > 0, page.QuerySelector("a[rel=prev]") is not null);
            url = page.QuerySelector("a[rel=next]")?.GetAttribute("href") is { } next ? new Uri(next).PathAndQuery : null;
            previous++;
        }
        Assert.Equal(expected, seen.Order().ToList());
    }

    // Names and properties come from reports: whatever they hold is text in the page, never markup.
    [Fact]
    public void AnyNameIsEscapedAndReadsBackAsTheSameText()
    {
        var hostile = Gen.OneOf(Gen.String[Gen.Char["<>&\"'/=a 标题\n"], 0, 30],
            Gen.Const("<script>alert(1)</script>"), Gen.Const("\"><img src=x onerror=alert(1)>"), Gen.Const("&lt;b&gt;"),
            Gen.Const("</td></tr></table><h1>x</h1>"), Gen.Const("javascript:alert(1)"));
        hostile.Sample(name =>
        {
            var feature = new JsonObject
            {
                ["type"] = "Feature", ["id"] = name, ["geometry"] = null,
                ["properties"] = new JsonObject { ["name"] = name, [name] = name },
            };
            var doc = new JsonObject
            {
                ["type"] = "FeatureCollection", ["features"] = new JsonArray(feature.DeepClone()), ["numberMatched"] = 1, ["numberReturned"] = 1,
                ["links"] = new JsonArray(new JsonObject { ["href"] = $"http://127.0.0.1/ogc/collections/x/items?q={name}", ["rel"] = "self", ["type"] = "text/html", ["title"] = name }),
            };
            var items = Parser.ParseDocument(Render(OgcHtml.Items(doc, name, new Dictionary<string, string> { ["name"] = name })));
            var item = Parser.ParseDocument(Render(OgcHtml.Item(feature, name, new Dictionary<string, string>())));
            foreach (var page in new[] { items, item })
            {
                Assert.Empty(page.QuerySelectorAll("script, img"));
                Assert.Single(page.QuerySelectorAll("h1"));
                Assert.All(page.All, e => Assert.DoesNotContain(e.Attributes, a => a.Name.StartsWith("on", StringComparison.Ordinal)));
                Assert.Contains(page.QuerySelectorAll("td"), td => td.TextContent == name);
                Assert.StartsWith(name, page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
            }
            // The feature's own link and the self link, whose title is the name.
            Assert.Equal(2, items.QuerySelectorAll("a").Count(a => a.TextContent == name));
        }, iter: 300);
    }

    private static string Render(IResult result)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        using var body = new MemoryStream();
        context.Response.Body = body;
        result.ExecuteAsync(context).GetAwaiter().GetResult();
        Assert.Equal("text/html; charset=utf-8", context.Response.ContentType);
        return System.Text.Encoding.UTF8.GetString(body.ToArray());
    }

    private async Task<IDocument> Html(string url)
    {
        var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
    }
}
