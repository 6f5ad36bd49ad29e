using System.Text.Json;

namespace LandMap.Server.Tests.Browser;

[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class MapPageTests(BrowserFixture fixture) : MapPageTest(fixture)
{
    [Fact]
    public async Task PageLoadsWithoutConsoleErrorsAndDrawsParcels()
    {
        if (Page is null) return;
        Assert.True(await ParcelCount() > 0);
        Assert.Contains("地块", await Page.InnerTextAsync("#parcel-count"));
        await Screenshot("page-loaded");
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task ClickingAParcelOpensItsPanelWithNameAndArea()
    {
        if (Page is null) return;
        // A parcel whose interior point hits only itself (parks may contain other parcels).
        var target = await Page.EvaluateAsync<JsonElement>("""
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
        await Page.Mouse.ClickAsync(target.GetProperty("x").GetSingle(), target.GetProperty("y").GetSingle());
        await Page.WaitForSelectorAsync("#panel:not([hidden]) .parcel-name");
        Assert.Equal(target.GetProperty("name").GetString(), await Page.InnerTextAsync(".parcel-name"));
        var areaText = await Page.InnerTextAsync(".area-stated");
        Assert.Contains(target.GetProperty("areaMu").GetDouble().ToString("#,0.##", System.Globalization.CultureInfo.InvariantCulture), areaText);
        Assert.Contains("m²", areaText);
        await Settle();
        await Screenshot("parcel-panel");
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task PlanYearSwitchChangesWhatIsShown()
    {
        if (Page is null) return;
        var all = await ParcelCount();
        await Page.ClickAsync("#plan-year button[data-year='2021']");
        await Page.WaitForFunctionAsync("() => window.landmap.parcels.getSource().getFeatures().every(f => f.get('planYear') === 2021)");
        var in2021 = await ParcelCount();
        await Settle();
        await Screenshot("plan-year-2021");
        await Page.ClickAsync("#plan-year button[data-year='2023']");
        await Page.WaitForFunctionAsync("() => window.landmap.parcels.getSource().getFeatures().every(f => f.get('planYear') === 2023)");
        var in2023 = await ParcelCount();
        Assert.True(in2021 > 0 && in2023 > 0, $"2021: {in2021}, 2023: {in2023}");
        Assert.Equal(all, in2021 + in2023);
        await Settle();
        await Screenshot("plan-year-2023");
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task SearchFindsTheSemiconductorParkAndZoomsToIt()
    {
        if (Page is null) return;
        var zoomBefore = await Page.EvaluateAsync<double>("() => window.landmap.map.getView().getZoom()");
        await Page.FillAsync("#search-text", "电子半导体产业园");
        await Page.PressAsync("#search-text", "Enter");
        await Page.WaitForSelectorAsync("#panel:not([hidden]) .parcel-name");
        Assert.Contains("电子半导体产业园", await Page.InnerTextAsync(".parcel-name"));
        await Page.WaitForTimeoutAsync(600);
        var centred = await Page.EvaluateAsync<bool>("""
            () => {
              const { map, parcels, state } = window.landmap;
              const f = parcels.getSource().getFeatureById(state.selectedId);
              return f.getGeometry().intersectsCoordinate(map.getView().getCenter()) || f.getGeometry().getExtent().every(Number.isFinite);
            }
            """);
        Assert.True(centred);
        Assert.True(await Page.EvaluateAsync<double>("() => window.landmap.map.getView().getZoom()") > zoomBefore);
        await Settle();
        await Screenshot("search-semiconductor-park");
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task InvestorFindsIndustrialLandOfAStatedSize()
    {
        if (Page is null) return;
        var all = await ParcelCount();
        var expected = await Page.EvaluateAsync<JsonElement>("""
            async () => (await (await fetch('/api/parcels?use=industrial-land&minAreaMu=100')).json()).features
              .map(f => f.properties).sort((a, b) => b.areaMu - a.areaMu).map(p => p.name)
            """);

        await Page.SelectOptionAsync("#land-use", "industrial-land");
        await Page.FillAsync("#land-min", "100");
        await Page.DispatchEventAsync("#land-min", "change");
        await Page.WaitForFunctionAsync("n => document.querySelectorAll('#land-list li[data-id]').length === n", expected.GetArrayLength());

        var listed = await Page.EvalOnSelectorAllAsync<string[]>("#land-list li[data-id] .pname", "items => items.map(i => i.textContent)");
        Assert.Equal(expected.EnumerateArray().Select(e => e.GetString()), listed);
        Assert.Equal("河南（平顶山）电子半导体产业园", listed[0]);
        Assert.Equal(expected.GetArrayLength(), await ParcelCount());
        Assert.Contains("产业用地", await Page.InnerTextAsync("#land-use option:checked"));

        await Page.ClickAsync("#land-list li[data-id]");
        await Page.WaitForSelectorAsync("#panel:not([hidden]) .land-use");
        Assert.Contains("产业园区", await Page.InnerTextAsync("#panel .land-use"));
        Assert.Contains("名称中心词“产业园”", await Page.InnerTextAsync("#panel .land-use"));
        await Page.WaitForTimeoutAsync(600);
        await Settle();
        await Screenshot("find-industrial-land");

        await Page.ClickAsync("#land-clear");
        await Page.WaitForFunctionAsync("n => window.landmap.parcels.getSource().getFeatures().length === n", all);
        Assert.Equal(0, await Page.Locator("#land-list li").CountAsync());
        Assert.Empty(ConsoleErrors);
    }
}
