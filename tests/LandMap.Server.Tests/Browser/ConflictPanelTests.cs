using System.Text.Json;
using LandMap.Core.Layers;
using LandMap.Data;
using LandMap.Data.Layers;
using LandMap.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace LandMap.Server.Tests.Browser;

/// <summary>
/// The parcel panel's 冲突 section, on a server of its own (the shared browser store keeps no layers, which other page
/// tests count on): a farmland layer over the west half of a shipped parcel, the panel opened on that parcel.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConflictPanelTests(BrowserFixture fixture) : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("landmap-conflict-page-").FullName;
    private WebApplication? _app;
    private string _url = "";
    private long _parcelId;

    public async Task InitializeAsync()
    {
        if (fixture.Browser is null) return;
        var database = Path.Combine(_folder, "landmap.db");
        _app = LandMapServer.Build(["--port", "0", "--db", database]);
        await _app.StartAsync();
        _url = LandMapServer.Url(_app)!;
        using var http = new HttpClient { BaseAddress = new Uri(_url) };
        using var list = JsonDocument.Parse(await http.GetStringAsync("/api/parcels?planYear=2023&limit=10000"));
        var feature = list.RootElement.GetProperty("features").EnumerateArray()
            .Where(f => f.GetProperty("geometry").ValueKind == JsonValueKind.Object && f.GetProperty("geometry").GetProperty("type").GetString() == "Polygon")
            .MinBy(f => f.GetProperty("properties").GetProperty("areaMuComputed").GetDouble());
        _parcelId = feature.GetProperty("id").GetInt64();
        var outline = feature.GetProperty("geometry").Deserialize<Geometry>(new JsonSerializerOptions { Converters = { new GeoJsonConverterFactory() } })!;
        var e = outline.EnvelopeInternal;
        var farmland = new GeometryFactory(new PrecisionModel(), 4326).ToGeometry(new Envelope(e.MinX - 1e-5, e.Centre.X, e.MinY - 1e-5, e.MaxY + 1e-5));
        await using var store = await ParcelStoreFactory.OpenAsync(database);
        await ILayerStore.Of(store).ImportLayerAsync(new LayerImport("永久基本农田", LayerKind.Farmland, "yjjbnt.geojson", "EPSG:4326", "EPSG:4547", "tester"),
            [new LayerFeature(0, "JB-7", new Dictionary<string, object?> { ["JBNTTBBH"] = "JB-7" }, farmland, 0, false)]);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task PanelShowsTheFarmlandConflict()
    {
        if (fixture.Browser is null) return;
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 }, Locale = "zh-CN",
        });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync(_url);
        await page.WaitForSelectorAsync("body[data-ready]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        await page.EvaluateAsync("id => window.landmap.select(id, { zoom: true })", _parcelId);
        await page.WaitForSelectorAsync("#panel:not([hidden]) .conflict-section");
        var section = await page.InnerTextAsync(".conflict-section");
        Assert.Contains("冲突", section);
        Assert.Matches(@"占用永久基本农田 [\d.]+ 亩（[\d.]+%）", section);
        Assert.Contains("JB-7", section);
        await page.Locator(".conflict-section").ScrollIntoViewIfNeededAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        // On the map the parcel carries the warning outline: its style has the red mark under the usual one.
        var marked = await page.EvaluateAsync<bool>("""
            async id => {
              const { map, parcels } = window.landmap;
              await new Promise(r => { map.once('rendercomplete', r); map.render(); });
              const features = [];
              const size = map.getSize();
              for (let x = 0; x < size[0]; x += 4) for (let y = 0; y < size[1]; y += 4)
                for (const f of map.getFeaturesAtPixel([x, y], { layerFilter: l => l === parcels })) if (f.getId() === id) features.push(f);
              if (!features.length) return false;
              const styles = parcels.getStyleFunction()(features[0], map.getView().getResolution());
              return Array.isArray(styles) && styles[0].getStroke().getColor().startsWith('rgba(192,57,43');
            }
            """, _parcelId);
        Assert.True(marked, "the parcel with a conflict has no warning outline on the map");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "parcel-panel-conflicts.png") });
        Assert.Empty(errors);
    }
}
