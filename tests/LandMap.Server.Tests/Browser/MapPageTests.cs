using System.Text.Json;
using Microsoft.Playwright;

namespace LandMap.Server.Tests.Browser;

[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class MapPageTests(BrowserFixture fixture) : IAsyncLifetime
{
    private readonly List<string> _consoleErrors = [];
    private IBrowserContext? _context;
    private IPage? _page;

    public async Task InitializeAsync()
    {
        if (fixture.Browser is null) return;
        _context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 }, Locale = "zh-CN" });
        _page = await _context.NewPageAsync();
        _page.Console += (_, message) => { if (message.Type == "error") _consoleErrors.Add(message.Text); };
        _page.PageError += (_, error) => _consoleErrors.Add(error);
        await _page.GotoAsync(fixture.BaseUrl);
        await _page.WaitForSelectorAsync("body[data-ready]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        Assert.Equal("true", await _page.GetAttributeAsync("body", "data-ready"));
        await Settle();
    }

    public async Task DisposeAsync()
    {
        if (_context is not null) await _context.CloseAsync();
    }

    [Fact]
    public async Task PageLoadsWithoutConsoleErrorsAndDrawsParcels()
    {
        if (_page is null) return;
        Assert.True(await ParcelCount() > 0);
        Assert.Contains("地块", await _page.InnerTextAsync("#parcel-count"));
        await Screenshot("page-loaded");
        Assert.Empty(_consoleErrors);
    }

    [Fact]
    public async Task ClickingAParcelOpensItsPanelWithNameAndArea()
    {
        if (_page is null) return;
        // A parcel whose interior point hits only itself (parks may contain other parcels).
        var target = await _page.EvaluateAsync<JsonElement>("""
            () => {
              const { map, parcels } = window.landmap;
              const polygons = parcels.getSource().getFeatures().filter(f => f.getGeometry().getType() === 'Polygon');
              polygons.sort((a, b) => b.get('areaMu') - a.get('areaMu'));
              for (const f of polygons) {
                map.getView().fit(f.getGeometry().getExtent(), { padding: [200, 600, 200, 200], maxZoom: 16 });
                map.renderSync();
                const pixel = map.getPixelFromCoordinate(f.getGeometry().getInteriorPoint().getCoordinates());
                const hits = map.getFeaturesAtPixel(pixel, { layerFilter: l => l === parcels, hitTolerance: 4 });
                if (hits.length === 1 && hits[0] === f) {
                  const box = map.getTargetElement().getBoundingClientRect();
                  return { x: box.left + pixel[0], y: box.top + pixel[1], name: f.get('name'), areaMu: f.get('areaMu') };
                }
              }
              return null;
            }
            """);
        Assert.NotEqual(JsonValueKind.Null, target.ValueKind);
        await _page.Mouse.ClickAsync(target.GetProperty("x").GetSingle(), target.GetProperty("y").GetSingle());
        await _page.WaitForSelectorAsync("#panel:not([hidden]) .parcel-name");
        Assert.Equal(target.GetProperty("name").GetString(), await _page.InnerTextAsync(".parcel-name"));
        var areaText = await _page.InnerTextAsync(".area-stated");
        Assert.Contains(target.GetProperty("areaMu").GetDouble().ToString("#,0.##", System.Globalization.CultureInfo.InvariantCulture), areaText);
        Assert.Contains("m²", areaText);
        await Settle();
        await Screenshot("parcel-panel");
        Assert.Empty(_consoleErrors);
    }

    [Fact]
    public async Task PlanYearSwitchChangesWhatIsShown()
    {
        if (_page is null) return;
        var all = await ParcelCount();
        await _page.ClickAsync("#plan-year button[data-year='2021']");
        await _page.WaitForFunctionAsync("() => window.landmap.parcels.getSource().getFeatures().every(f => f.get('planYear') === 2021)");
        var in2021 = await ParcelCount();
        await Settle();
        await Screenshot("plan-year-2021");
        await _page.ClickAsync("#plan-year button[data-year='2023']");
        await _page.WaitForFunctionAsync("() => window.landmap.parcels.getSource().getFeatures().every(f => f.get('planYear') === 2023)");
        var in2023 = await ParcelCount();
        Assert.True(in2021 > 0 && in2023 > 0, $"2021: {in2021}, 2023: {in2023}");
        Assert.Equal(all, in2021 + in2023);
        await Settle();
        await Screenshot("plan-year-2023");
        Assert.Empty(_consoleErrors);
    }

    [Fact]
    public async Task SearchFindsTheSemiconductorParkAndZoomsToIt()
    {
        if (_page is null) return;
        var zoomBefore = await _page.EvaluateAsync<double>("() => window.landmap.map.getView().getZoom()");
        await _page.FillAsync("#search-text", "电子半导体产业园");
        await _page.PressAsync("#search-text", "Enter");
        await _page.WaitForSelectorAsync("#panel:not([hidden]) .parcel-name");
        Assert.Contains("电子半导体产业园", await _page.InnerTextAsync(".parcel-name"));
        await _page.WaitForTimeoutAsync(600);
        var centred = await _page.EvaluateAsync<bool>("""
            () => {
              const { map, parcels, state } = window.landmap;
              const f = parcels.getSource().getFeatureById(state.selectedId);
              return f.getGeometry().intersectsCoordinate(map.getView().getCenter()) || f.getGeometry().getExtent().every(Number.isFinite);
            }
            """);
        Assert.True(centred);
        Assert.True(await _page.EvaluateAsync<double>("() => window.landmap.map.getView().getZoom()") > zoomBefore);
        await Settle();
        await Screenshot("search-semiconductor-park");
        Assert.Empty(_consoleErrors);
    }

    private Task<int> ParcelCount() => _page!.EvaluateAsync<int>("() => window.landmap.parcels.getSource().getFeatures().length");

    /// <summary>Waits for tile requests and one rendered frame, so screenshots show the whole map.</summary>
    private async Task Settle()
    {
        await _page!.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await _page.EvaluateAsync("() => new Promise(r => { const m = window.landmap.map; m.once('rendercomplete', () => r(true)); m.render(); })");
    }

    private Task Screenshot(string name) =>
        _page!.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"{name}.png") });
}
