using System.Globalization;
using System.Text;
using System.Text.Json;
using LandMap.Core.Layers;
using LandMap.Data;
using LandMap.Data.Layers;
using LandMap.Tests.Shared;
using Microsoft.Playwright;
using SkiaSharp;

namespace LandMap.Server.Tests.Browser;

/// <summary>
/// A 国土空间规划 layer (用地用海, YDYHFLDM) as GDAL writes it — a GeoPackage in CGCS2000 GK CM 114°E (EPSG:4547) with the
/// lower-case field names of a PostGIS or GDAL export — drawn in the colours of 《市级国土空间总体规划制图规范（试行）》附录 B:
/// each feature's pixel on the page, and the legend's swatches, are the appendix's RGB for its code (a third-level code in
/// its parent's colour, a feature without YDYHFLDM by its DLBM); identify shows the fields under their Chinese labels.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class PlanningLayerTests(BrowserFixture browser) : MapPageTest(browser)
{
    private readonly string _database = browser.Database;

    private const string Layer = "测试用地用海";

    // Five squares (WGS 84) south-west of 卫东区's parcels, inside the fixture's clear layer box.
    private const double South = 33.7015, Size = 0.0025;

    // Per feature: its west edge, YDYHFLDM, YDYHFLMC, DLBM; the legend's code and name; the appendix's RGB it must draw in.
    private static readonly (double West, string? Code, string? Name, string? Dlbm, string Legend, byte[] Rgb)[] Features =
    [
        (113.3000, "0701", "城镇住宅用地", null, "0701 城镇住宅用地", [255, 255, 45]),
        // Third level: 1208 has no colour of its own, so the first-level 12 交通运输用地's.
        (113.3035, "120801", "对外交通场站用地", null, "120801 对外交通场站用地", [183, 183, 183]),
        (113.3070, "1207", "城镇村道路用地", null, "1207 城镇村道路用地", [163, 163, 163]),
        (113.3105, "01", "耕地", null, "01 耕地", [245, 248, 220]),
        // No YDYHFLDM: drawn by its DLBM.
        (113.3140, null, null, "1401", "1401 公园绿地", [0, 255, 0]),
    ];

    [Fact]
    public async Task APlanningLayerIsDrawnAndListedInTheLandUseColoursOfItsCodes()
    {
        if (Page is null) return;
        var folder = Directory.CreateTempSubdirectory("landmap-planning-").FullName;
        try
        {
            await ImportAsync(Ogr2OgrGeoPackage(folder));
            await Page.ReloadAsync();
            await Page.WaitForSelectorAsync("body[data-ready]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached, Timeout = 30_000 });
            await Page.EvaluateAsync("box => window.landmap.fitLonLat(box)", new[] { 113.2995, South - 0.0005, 113.3170, South + Size + 0.0005 });
            await Page.CheckAsync($"#layer-switcher input[data-layer='{Layer}']");
            // Fully opaque, so a pixel inside a feature is its fill colour alone.
            await Page.FillAsync($"#layer-switcher .layer-row:has(input[data-layer='{Layer}']) .layer-opacity", "100");
            await Settle();
            await Screenshot("layers-planning");

            var legend = await Page.EvalOnSelectorAllAsync<JsonElement>("#layer-legend .legend-row[data-code]",
                "rows => rows.map(r => ({ text: r.textContent.trim(), colour: getComputedStyle(r.querySelector('.swatch')).backgroundColor }))");
            Assert.Contains($"{Layer}（用地用海分类）", await Page.InnerTextAsync("#layer-legend"));
            Assert.Equal(Features.Select(f => f.Legend).Order(StringComparer.Ordinal), legend.EnumerateArray().Select(r => r.GetProperty("text").GetString()));
            foreach (var row in legend.EnumerateArray())
            {
                var feature = Features.Single(f => f.Legend == row.GetProperty("text").GetString());
                Assert.Equal($"rgb({feature.Rgb[0]}, {feature.Rgb[1]}, {feature.Rgb[2]})", row.GetProperty("colour").GetString());
            }

            using var shot = SKBitmap.Decode(await Page.ScreenshotAsync());
            foreach (var feature in Features)
            {
                var at = await PixelOf(feature.West + Size / 2, South + Size / 2);
                var pixel = shot.GetPixel((int)at.GetProperty("x").GetSingle(), (int)at.GetProperty("y").GetSingle());
                Assert.True(Math.Abs(pixel.Red - feature.Rgb[0]) <= 2 && Math.Abs(pixel.Green - feature.Rgb[1]) <= 2 && Math.Abs(pixel.Blue - feature.Rgb[2]) <= 2,
                    $"{feature.Legend}: drawn {pixel}, the appendix has rgb({string.Join(", ", feature.Rgb)})");
            }

            var first = await PixelOf(Features[0].West + Size / 2, South + Size / 2);
            await Page.Mouse.ClickAsync(first.GetProperty("x").GetSingle(), first.GetProperty("y").GetSingle());
            await Page.WaitForSelectorAsync("#panel:not([hidden]) #panel-layers:not([hidden]) .layer-attributes");
            var rows = await Page.EvalOnSelectorAllAsync<string[]>("#panel-layers .layer-attributes tr", "rows => rows.map(r => r.innerText.replace(/\\s+/g, ' ').trim())");
            Assert.Contains("用地用海分类代码 ydyhfldm 0701", rows);
            Assert.Contains("用地用海分类名称 ydyhflmc 城镇住宅用地", rows);
            Assert.Contains("地块编号 dkbh GH-1", rows);
            Assert.Contains($"{Layer} · 城镇住宅用地", await Page.InnerTextAsync("#panel-layers summary"));
            await Screenshot("layers-planning-identify");
            Assert.Empty(ConsoleErrors);
        }
        finally
        {
            await using (var store = await ParcelStoreFactory.OpenAsync(_database))
                await ILayerStore.Of(store).RemoveLayerAsync(Layer, "test");
            Directory.Delete(folder, recursive: true);
        }
    }

    // The features as GeoJSON (WGS 84), turned by GDAL's ogr2ogr into a GeoPackage in EPSG:4547.
    private static string Ogr2OgrGeoPackage(string folder)
    {
        string P(double x, double y) => string.Create(CultureInfo.InvariantCulture, $"[{x:0.#########},{y:0.#########}]");
        string Text(string? value) => value is null ? "null" : $"\"{value}\"";
        var features = Features.Select((f, i) =>
        {
            var (w, s, e, n) = (f.West, South, f.West + Size, South + Size);
            var ring = string.Join(",", P(w, s), P(e, s), P(e, n), P(w, n), P(w, s));
            return "{\"type\":\"Feature\",\"properties\":{\"ydyhfldm\":" + Text(f.Code) + ",\"ydyhflmc\":" + Text(f.Name) +
                   ",\"dlbm\":" + Text(f.Dlbm) + ",\"dkbh\":" + Text($"GH-{i + 1}") + "},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[" + ring + "]]}}";
        });
        var source = Path.Combine(folder, "ydyh.geojson");
        File.WriteAllText(source, $$"""{"type":"FeatureCollection","features":[{{string.Join(",", features)}}]}""", new UTF8Encoding(false));
        var gpkg = Path.Combine(folder, "ydyh.gpkg");
        ExternalTools.Run("ogr2ogr", ["-f", "GPKG", "-s_srs", "EPSG:4326", "-t_srs", "EPSG:4547", "-nln", "GHYDYH", gpkg, source]);
        return gpkg;
    }

    // Imports the GeoPackage into the page's store as `landmap layer import --kind planning` does.
    private async Task ImportAsync(string gpkg)
    {
        using var reading = LayerReader.Open(gpkg, new LayerReadOptions { Kind = LayerKind.Planning });
        Assert.True(reading.IsOpen, string.Join("\n", reading.Problems));
        Assert.Equal("EPSG:4547", reading.Crs!.Label);
        await using var store = await ParcelStoreFactory.OpenAsync(_database);
        var import = new LayerImport(Layer, LayerKind.Planning, reading.SourceFile, reading.Crs.Label, "-", "测试员")
        {
            DeclaredFields = reading.Fields, AreaCrsOnceRead = () => reading.AreaCrs,
        };
        var result = await ILayerStore.Of(store).ImportLayerAsync(import, reading.Features());
        Assert.Equal(Features.Length, result.Added);
    }

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
