using Microsoft.Playwright;

namespace LandMap.Server.Tests.Browser;

/// <summary>
/// Chromium opens <c>/ogc</c> as a person would, with its own Accept header (no <c>f</c>): HTML pages with Chinese labels,
/// from the landing page to the parcels' items, paged with 下一页, to one parcel. Screenshots: ogc-html-*.png.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class OgcHtmlPageTests(BrowserFixture fixture) : IAsyncLifetime
{
    private IBrowserContext? _context;
    private IPage? _page;
    private readonly List<string> _errors = [];

    public async Task InitializeAsync()
    {
        if (fixture.Browser is null) return;
        _context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new ViewportSize { Width = 1440, Height = 900 }, Locale = "zh-CN" });
        _page = await _context.NewPageAsync();
        _page.Console += (_, message) => { if (message.Type == "error") _errors.Add(message.Text); };
    }

    public async Task DisposeAsync()
    {
        if (_context is not null) await _context.CloseAsync();
    }

    [Fact]
    public async Task ABrowserWalksFromTheLandingPageToAParcelInHtml()
    {
        if (_page is null) return;
        var response = await _page.GotoAsync($"{fixture.BaseUrl}ogc");
        Assert.StartsWith("text/html", response!.Headers["content-type"]);
        Assert.Equal("LandMap 用地保障地块", await _page.TextContentAsync("h1"));
        await Screenshot("landing");

        await _page.ClickAsync("header a:has-text('数据集')");
        await _page.ClickAsync("td a:has-text('parcels')");
        await _page.ClickAsync("a:has-text('浏览要素')");
        Assert.Equal("用地保障地块：要素", await _page.TextContentAsync("h1"));
        var first = await _page.Locator("table tr td:first-child a").AllTextContentsAsync();
        Assert.True(first.Count > 7, $"{first.Count} parcels on the first page of 100");

        await _page.GotoAsync($"{fixture.BaseUrl}ogc/collections/parcels/items?limit=7");
        var page1 = await _page.Locator("table tr td:first-child a").AllTextContentsAsync();
        await _page.Locator("a[rel=next]").First.ClickAsync();
        await _page.WaitForURLAsync("**offset=7**");
        var page2 = await _page.Locator("table tr td:first-child a").AllTextContentsAsync();
        Assert.Equal(7, page1.Count);
        Assert.Empty(page1.Intersect(page2));
        Assert.True(await _page.Locator("a[rel=prev]").First.IsVisibleAsync());
        await Screenshot("items");

        await _page.Locator("table tr td:first-child a").First.ClickAsync();
        Assert.Contains("属性", await _page.TextContentAsync("main"));
        await Screenshot("item");
        Assert.Empty(_errors);
    }

    private Task Screenshot(string name) =>
        _page!.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"ogc-html-{name}.png"), FullPage = false });
}
