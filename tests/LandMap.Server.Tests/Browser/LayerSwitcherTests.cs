using System.Text.Json;

namespace LandMap.Server.Tests.Browser;

/// <summary>
/// The bureau's layers on the page: the switcher lists the fixture's imported layers by kind, its checkbox shows and hides
/// the layer's tiles, the legend names the 三调 classes in view, and a click lists the layer's feature with its attributes
/// under their Chinese labels.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class LayerSwitcherTests(BrowserFixture fixture) : MapPageTest(fixture)
{
    // The paddy 图斑 (水田) of the survey layer: its middle, clear of the red line.
    private const double PaddyLon = 113.303, PaddyLat = 33.703;

    [Fact]
    public async Task TheSwitcherShowsAnImportedLayerWhoseTilesItTogglesAndIdentifyListsItsAttributes()
    {
        if (Page is null) return;
        var groups = await Page.EvalOnSelectorAllAsync<string[]>("#layer-switcher .layer-group .legend-title", "items => items.map(i => i.textContent)");
        Assert.Equal(["三调", "生态保护红线"], groups);
        var names = await Page.EvalOnSelectorAllAsync<string[]>("#layer-switcher .layer-name", "items => items.map(i => i.textContent)");
        Assert.Equal([BrowserFixture.SurveyLayer, BrowserFixture.RedlineLayer], names);

        await Page.EvaluateAsync("box => window.landmap.fitLonLat(box)", BrowserFixture.LayerBox);
        await Settle();
        Assert.Equal(0, await FeaturesAtPaddy());
        Assert.True(await Page.IsHiddenAsync("#layer-legend"));

        await Page.CheckAsync($"#layer-switcher input[data-layer='{BrowserFixture.SurveyLayer}']");
        await Page.CheckAsync($"#layer-switcher input[data-layer='{BrowserFixture.RedlineLayer}']");
        await Settle();
        Assert.Equal(1, await FeaturesAtPaddy());
        var legend = await Page.InnerTextAsync("#layer-legend");
        Assert.Contains("0101 水田", legend);
        Assert.Contains("0301 乔木林地", legend);
        Assert.Contains("0702 农村宅基地", legend);
        Assert.Contains("生态保护红线", legend);
        await Screenshot("layers-switcher-on");

        var at = await PixelOf(PaddyLon, PaddyLat);
        await Page.Mouse.ClickAsync(at.GetProperty("x").GetSingle(), at.GetProperty("y").GetSingle());
        await Page.WaitForSelectorAsync("#panel:not([hidden]) #panel-layers:not([hidden]) .layer-attributes");
        var rows = await Page.EvalOnSelectorAllAsync<string[]>("#panel-layers .layer-attributes tr", "rows => rows.map(r => r.innerText.replace(/\\s+/g, ' ').trim())");
        Assert.Contains("地类名称 DLMC 水田", rows);
        Assert.Contains("地类编码 DLBM 0101", rows);
        Assert.Contains("标识码 BSM 410403000101", rows);
        Assert.Contains("权属单位名称 QSDWMC 测试村", rows);
        Assert.Contains("图斑面积 TBMJ 370000.5", rows);
        // Every imported field and nothing the tile reader adds.
        Assert.Equal(5, rows.Length);
        Assert.Contains("三调", await Page.InnerTextAsync("#panel-layers .identify-kind"));
        await Screenshot("layers-identify");

        // Hidden again: nothing of the layer is hit, and the legend goes with it.
        await Page.UncheckAsync($"#layer-switcher input[data-layer='{BrowserFixture.SurveyLayer}']");
        await Page.UncheckAsync($"#layer-switcher input[data-layer='{BrowserFixture.RedlineLayer}']");
        await Settle();
        Assert.Equal(0, await FeaturesAtPaddy());
        Assert.True(await Page.IsHiddenAsync("#layer-legend"));
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task TheOpacitySliderFadesTheLayer()
    {
        if (Page is null) return;
        await Page.EvaluateAsync("box => window.landmap.fitLonLat(box)", BrowserFixture.LayerBox);
        await Page.CheckAsync($"#layer-switcher input[data-layer='{BrowserFixture.SurveyLayer}']");
        await Page.FillAsync($"#layer-switcher .layer-row:has(input[data-layer='{BrowserFixture.SurveyLayer}']) .layer-opacity", "30");
        await Settle();
        var opacity = await Page.EvaluateAsync<double>("name => window.landmap.bureau.find(l => l.get('bureauLayer').name === name).getOpacity()", BrowserFixture.SurveyLayer);
        Assert.Equal(0.3, opacity, 3);
        Assert.Empty(ConsoleErrors);
    }

    // Features of the survey layer the map hits at the paddy's middle: what a person would see there.
    private Task<int> FeaturesAtPaddy() => Page!.EvaluateAsync<int>("""
        ([lon, lat, name]) => {
          const { map, bureau } = window.landmap;
          const layer = bureau.find(l => l.get('bureauLayer').name === name);
          const r = 6378137, rad = Math.PI / 180;
          const pixel = map.getPixelFromCoordinate([r * lon * rad, r * Math.log(Math.tan(Math.PI / 4 + lat * rad / 2))]);
          return map.getFeaturesAtPixel(pixel, { layerFilter: l => l === layer }).length;
        }
        """, new object[] { PaddyLon, PaddyLat, BrowserFixture.SurveyLayer });

    private async Task<JsonElement> PixelOf(double lon, double lat) => await Page!.EvaluateAsync<JsonElement>("""
        ([lon, lat]) => {
          const { map } = window.landmap;
          const r = 6378137, rad = Math.PI / 180;
          const pixel = map.getPixelFromCoordinate([r * lon * rad, r * Math.log(Math.tan(Math.PI / 4 + lat * rad / 2))]);
          const box = map.getTargetElement().getBoundingClientRect();
          return { x: box.left + pixel[0], y: box.top + pixel[1] };
        }
        """, new[] { lon, lat });
}
