using System.Text.Json;
using Microsoft.Playwright;

namespace LandMap.Server.Tests.Browser;

/// <summary>Share links: the URL follows the view, and opening it in a new page restores it.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class ShareLinkTests(BrowserFixture fixture) : MapPageTest(fixture)
{
    private const long Park = 410403202300001;

    private const string ViewScript = """
        () => {
          const { map, state } = window.landmap;
          return { center: map.getView().getCenter(), zoom: map.getView().getZoom(), selectedId: state.selectedId,
            planYear: state.planYear, district: state.district, compare: state.compare };
        }
        """;

    [Fact]
    public async Task ALinkToTheViewOpensTheSameViewInANewPage()
    {
        if (Page is null) return;
        // 2023, 卫东区, the semiconductor park open, the view moved by hand to zoom 15.5 somewhere beside it.
        await Page.ClickAsync("#plan-year button[data-year='2023']");
        await Page.SelectOptionAsync("#district", "卫东区");
        // Choosing a district zooms to it: wait until that is done before moving the view by hand.
        await Page.WaitForFunctionAsync("() => location.hash.includes('district=') && !window.landmap.map.getView().getAnimating()");
        await Page.EvaluateAsync($"() => window.landmap.select({Park})");
        await Page.WaitForSelectorAsync($"#panel:not([hidden]) .parcel-name[data-id='{Park}']");
        await Page.EvaluateAsync("""
            async () => {
              const { geometry } = await (await fetch('/api/parcels/410403202300001')).json();
              const xs = geometry.coordinates[0].map(c => c[0]), ys = geometry.coordinates[0].map(c => c[1]);
              const [lon, lat] = [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
              const view = window.landmap.map.getView();
              view.cancelAnimations();
              // East of the park's middle (300 map metres), so the park stays clear of the panel.
              view.setCenter([lon * 20037508.342789244 / 180 + 300, Math.log(Math.tan((90 + lat) * Math.PI / 360)) * 6378137]);
              view.setZoom(15.5);
            }
            """);
        await Page.WaitForFunctionAsync($"() => location.hash.includes('map=15.50/') && location.hash.includes('parcel={Park}')");
        var before = await Page.EvaluateAsync<JsonElement>(ViewScript);
        // location.href, not Page.Url: Playwright learns of replaceState a moment later.
        var url = await Page.EvaluateAsync<string>("() => location.href");
        Assert.Contains("year=2023", url);
        Assert.Contains("district=" + Uri.EscapeDataString("卫东区"), url);

        // 分享 shows the same link, selected (copied where the browser allows).
        await Page.ClickAsync("#share-button");
        await Page.WaitForSelectorAsync("#share-box:not([hidden])");
        Assert.Equal(url, await Page.InputValueAsync("#share-url"));
        Assert.NotEqual("", await Page.InnerTextAsync("#share-status"));
        Assert.Equal("share-url", await Page.EvaluateAsync<string>("() => document.activeElement.id"));
        await Screenshot("share-link");

        var restored = await Page.Context.NewPageAsync();
        var errors = new List<string>();
        restored.PageError += (_, error) => errors.Add(error);
        // A slow start (the project list late): the map's first moveend must not write over the link before it is read.
        await restored.RouteAsync("**/api/projects", async route => { await Task.Delay(1000); await route.ContinueAsync(); });
        await restored.GotoAsync(url);
        await restored.WaitForSelectorAsync("body[data-ready='true']", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        await restored.WaitForSelectorAsync($"#panel:not([hidden]) .parcel-name[data-id='{Park}']");
        var after = await restored.EvaluateAsync<JsonElement>(ViewScript);
        Assert.Equal(15.5, after.GetProperty("zoom").GetDouble(), 2);
        // Five decimals of a degree are about a metre.
        Assert.Equal(before.GetProperty("center")[0].GetDouble(), after.GetProperty("center")[0].GetDouble(), 1.5);
        Assert.Equal(before.GetProperty("center")[1].GetDouble(), after.GetProperty("center")[1].GetDouble(), 1.5);
        Assert.Equal(Park, after.GetProperty("selectedId").GetInt64());
        Assert.Equal("2023", after.GetProperty("planYear").GetString());
        Assert.Equal("卫东区", after.GetProperty("district").GetString());
        Assert.Equal("卫东区", await restored.InputValueAsync("#district"));
        Assert.Contains("active", await restored.GetAttributeAsync("#plan-year button[data-year='2023']", "class") ?? "");
        Assert.Contains("电子半导体产业园", await restored.InnerTextAsync("#panel .parcel-name"));
        await restored.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await restored.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "share-restored.png") });
        Assert.Empty(errors);
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task TheComparisonAndABrokenLinkAreHandled()
    {
        if (Page is null) return;
        await Page.ClickAsync("#compare-button");
        await Page.WaitForFunctionAsync("() => location.hash.includes('year=compare')");
        // location.href, not Page.Url: Playwright learns of replaceState a moment later.
        var url = await Page.EvaluateAsync<string>("() => location.href");

        var restored = await Page.Context.NewPageAsync();
        await restored.GotoAsync(url);
        await restored.WaitForSelectorAsync("body[data-ready='true']", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        Assert.True(await restored.EvaluateAsync<bool>("() => window.landmap.state.compare"));
        Assert.True(await restored.IsVisibleAsync("#compare"));

        // A hand-edited hash: an unknown district and year, a parcel that does not exist, a broken escape. The page opens
        // on its defaults (the view it names) and says the parcel is not there.
        var broken = await Page.Context.NewPageAsync();
        var errors = new List<string>();
        broken.PageError += (_, error) => errors.Add(error);
        await broken.GotoAsync(url.Split('#')[0] + "#map=14/33.75/113.35&year=1999&district=%E5%8D&parcel=999");
        await broken.WaitForSelectorAsync("body[data-ready='true']", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        // The toast (shown for 3 s, its text kept) said so.
        Assert.Contains("不存在", await broken.EvaluateAsync<string>("() => document.querySelector('#search-message').textContent"));
        var state = await broken.EvaluateAsync<JsonElement>(ViewScript);
        Assert.Equal(14, state.GetProperty("zoom").GetDouble(), 2);
        Assert.Equal("", state.GetProperty("planYear").GetString());
        Assert.Equal("", state.GetProperty("district").GetString());
        Assert.Equal(JsonValueKind.Null, state.GetProperty("selectedId").ValueKind);
        Assert.Empty(errors);
    }
}
