using System.Net;
using System.Text.Json;
using LandMap.Core.Layers;
using LandMap.Data;
using LandMap.Data.Layers;
using LandMap.Server.Tests.Api;
using LandMap.Tiles.Vector;
using NetTopologySuite.IO.VectorTiles.Mapbox;

namespace LandMap.Server.Tests.Layers;

/// <summary>A server whose store holds one small 三调 layer, imported through the real GeoJSON reader before the tests.</summary>
public sealed class LayerServer : IAsyncLifetime
{
    public const string Name = "测试三调";

    public LandMapApplication App { get; } = new();

    public async Task InitializeAsync()
    {
        // The server opens (and fills) its store first; the layer then comes in through a second store on the same file.
        (await App.CreateClient().GetAsync("/api/layers")).EnsureSuccessStatusCode();
        await TestLayers.ImportAsync(App.DatabasePath, Name, LayerKind.LandSurvey,
            TestLayers.Square(113.40, 33.76, 0.004, """{"BSM":"410403000001","DLBM":"0101","DLMC":"水田","TBMJ":160000.5,"QSDWMC":"东高皇村"}"""),
            TestLayers.Square(113.45, 33.80, 0.004, """{"BSM":"410403000002","DLBM":"0301","DLMC":"乔木林地","TBMJ":158000,"QSDWMC":"西高皇村"}"""),
            // About 5 m square: under a pixel at z10 (about 127 m here), visible at z18.
            TestLayers.Square(113.41, 33.77, 0.00005, """{"BSM":"410403000003","DLBM":"1006","DLMC":"农村道路","TBMJ":25.1,"QSDWMC":"东高皇村"}"""));
    }

    public Task DisposeAsync()
    {
        App.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class LayersApiTests(LayerServer server) : IClassFixture<LayerServer>
{
    private readonly HttpClient _client = server.App.CreateClient();
    private static readonly string Escaped = Uri.EscapeDataString(LayerServer.Name);

    [Fact]
    public async Task LayersAreListedWithKindFieldsLabelsCrsAndImporter()
    {
        using var json = JsonDocument.Parse(await _client.GetStringAsync("/api/layers"));
        var layer = json.RootElement.GetProperty("layers").EnumerateArray().Single(l => l.GetProperty("name").GetString() == LayerServer.Name);
        Assert.Equal("land-survey", layer.GetProperty("kind").GetString());
        Assert.Equal("三调", layer.GetProperty("kindName").GetString());
        Assert.Equal(3, layer.GetProperty("featureCount").GetInt64());
        Assert.Equal("测试员", layer.GetProperty("importedBy").GetString());
        Assert.Equal("EPSG:4326", layer.GetProperty("sourceCrs").GetString());
        Assert.True(DateTime.UtcNow - layer.GetProperty("importedAt").GetDateTime().ToUniversalTime() < TimeSpan.FromHours(1));
        var extent = layer.GetProperty("extent").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal([113.40, 33.76, 113.454, 33.804], extent.Select(v => Math.Round(v, 6)));
        var fields = layer.GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);
        Assert.Equal("地类编码", fields["DLBM"].GetProperty("label").GetString());
        Assert.Equal("权属单位名称", fields["QSDWMC"].GetProperty("label").GetString());
        Assert.Equal("layer-" + LayerServer.Name, layer.GetProperty("tileSource").GetString());
        Assert.Equal($"/tiles/layer-{Escaped}.json", layer.GetProperty("tileJson").GetString());
    }

    [Fact]
    public async Task FeaturesArePagedWithNumberMatchedAndNextLinks()
    {
        using var first = JsonDocument.Parse(await _client.GetStringAsync($"/api/layers/{Escaped}/features?limit=2"));
        Assert.Equal("FeatureCollection", first.RootElement.GetProperty("type").GetString());
        Assert.Equal(3, first.RootElement.GetProperty("numberMatched").GetInt64());
        Assert.Equal(2, first.RootElement.GetProperty("numberReturned").GetInt32());
        var feature = first.RootElement.GetProperty("features")[0];
        Assert.Equal("410403000001", feature.GetProperty("id").GetString());
        Assert.Equal("水田", feature.GetProperty("properties").GetProperty("DLMC").GetString());
        Assert.Equal(160000.5, feature.GetProperty("properties").GetProperty("TBMJ").GetDouble());
        Assert.Equal("Polygon", feature.GetProperty("geometry").GetProperty("type").GetString());

        var next = first.RootElement.GetProperty("links").EnumerateArray().Single(l => l.GetProperty("rel").GetString() == "next").GetProperty("href").GetString()!;
        using var second = JsonDocument.Parse(await _client.GetStringAsync(next));
        Assert.Equal(1, second.RootElement.GetProperty("numberReturned").GetInt32());
        Assert.Equal("410403000003", second.RootElement.GetProperty("features")[0].GetProperty("id").GetString());
        Assert.DoesNotContain(second.RootElement.GetProperty("links").EnumerateArray(), l => l.GetProperty("rel").GetString() == "next");

        using var boxed = JsonDocument.Parse(await _client.GetStringAsync($"/api/layers/{Escaped}/features?bbox=113.449,33.799,113.46,33.81"));
        Assert.Equal(1, boxed.RootElement.GetProperty("numberMatched").GetInt64());
        Assert.Equal("410403000002", boxed.RootElement.GetProperty("features")[0].GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=10001", "limit")]
    [InlineData("limit=two", "limit")]
    [InlineData("offset=-1", "offset")]
    [InlineData("bbox=113,33,114", "bbox")]
    [InlineData("bbox=114,33,113,34", "bbox")]
    public async Task BadParametersAreProblemsNamingThem(string query, string parameter) =>
        await ProblemAssert.NamesParameter(await _client.GetAsync($"/api/layers/{Escaped}/features?{query}"), parameter);

    [Fact]
    public async Task AnUnknownLayerIsANotFoundProblemNamingTheLayers()
    {
        var response = await _client.GetAsync("/api/layers/no-such-layer/features");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(LayerServer.Name, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheLayerIsATileSourceWithItsFieldsInTileJson()
    {
        using var list = JsonDocument.Parse(await _client.GetStringAsync("/tiles"));
        var entry = list.RootElement.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "layer-" + LayerServer.Name);
        Assert.EndsWith($"/tiles/layer-{Escaped}.json", entry.GetProperty("tileJson").GetString());
        using var tileJson = JsonDocument.Parse(await _client.GetStringAsync(entry.GetProperty("tileJson").GetString()));
        Assert.Equal("3.0.0", tileJson.RootElement.GetProperty("tilejson").GetString());
        var vectorLayer = Assert.Single(tileJson.RootElement.GetProperty("vector_layers").EnumerateArray());
        Assert.Equal(LayerServer.Name, vectorLayer.GetProperty("id").GetString());
        Assert.Equal("String: 地类编码", vectorLayer.GetProperty("fields").GetProperty("DLBM").GetString());
        Assert.Equal("Number: 图斑面积", vectorLayer.GetProperty("fields").GetProperty("TBMJ").GetString());
        Assert.EndsWith($"/tiles/layer-{Escaped}/{{z}}/{{x}}/{{y}}.pbf", tileJson.RootElement.GetProperty("tiles")[0].GetString());
    }

    [Fact]
    public async Task AZ14TileHoldsTheFeatureWithEveryAttribute()
    {
        var tile = TileAddress.At(113.402, 33.762, 14);
        var features = await DecodeAsync(tile);
        var paddy = Assert.Single(features, f => (string)f.Attributes["BSM"] == "410403000001");
        Assert.Equal("水田", paddy.Attributes["DLMC"]);
        Assert.Equal("0101", paddy.Attributes["DLBM"]);
        Assert.Equal("东高皇村", paddy.Attributes["QSDWMC"]);
        Assert.Equal(160000.5, Convert.ToDouble(paddy.Attributes["TBMJ"]), 3);
        Assert.True(paddy.Geometry.Area > 0);
    }

    [Fact]
    public async Task LowZoomsLeaveOutPolygonsUnderAPixel()
    {
        var low = await DecodeAsync(TileAddress.At(113.41, 33.77, 10));
        Assert.Contains(low, f => (string)f.Attributes["BSM"] == "410403000001");
        Assert.DoesNotContain(low, f => (string)f.Attributes["BSM"] == "410403000003");
        var high = await DecodeAsync(TileAddress.At(113.41002, 33.77002, 18));
        Assert.Contains(high, f => (string)f.Attributes["BSM"] == "410403000003");
    }

    [Fact]
    public async Task ARemovedLayerLeavesTheTileListAndItsTilesAreNotFound()
    {
        const string name = "临时 图层（测试）";
        await TestLayers.ImportAsync(server.App.DatabasePath, name, LayerKind.Farmland,
            TestLayers.Square(113.50, 33.70, 0.002, """{"JBNTTBBH":"J001","DLBM":"0101"}"""));
        var tile = TileAddress.At(113.501, 33.701, 15);
        var url = $"/tiles/{Uri.EscapeDataString("layer-" + name)}/{tile.Z}/{tile.X}/{tile.Y}.pbf";
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(url)).StatusCode);

        await using (var store = await ParcelStoreFactory.OpenAsync(server.App.DatabasePath))
            Assert.True(await ILayerStore.Of(store).RemoveLayerAsync(name, "测试员"));
        using var list = JsonDocument.Parse(await _client.GetStringAsync("/tiles"));
        var ids = list.RootElement.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("id").GetString()).ToList();
        Assert.Contains("layer-" + LayerServer.Name, ids);
        Assert.DoesNotContain("layer-" + name, ids);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync(url)).StatusCode);
    }

    private async Task<IList<NetTopologySuite.Features.IFeature>> DecodeAsync(TileAddress tile)
    {
        var response = await _client.GetAsync($"/tiles/layer-{Escaped}/{tile.Z}/{tile.X}/{tile.Y}.pbf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var decoded = new MapboxTileReader().Read(new MemoryStream(bytes), new NetTopologySuite.IO.VectorTiles.Tiles.Tile(tile.X, tile.Y, tile.Z));
        return Assert.Single(decoded.Layers, l => l.Name == LayerServer.Name).Features;
    }
}
