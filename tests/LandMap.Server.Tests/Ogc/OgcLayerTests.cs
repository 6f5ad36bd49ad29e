using System.Globalization;
using System.Net;
using System.Text.Json;
using LandMap.Core.Crs;
using LandMap.Core.Layers;
using LandMap.Server.Tests.Layers;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using NetTopologySuite.IO.VectorTiles.Mapbox;

namespace LandMap.Server.Tests.Ogc;

/// <summary>
/// A server whose store holds a 三调 layer of 20 features in a 5 × 4 grid, imported through the real reader; one field's
/// name is an injection attempt, kept as an attribute but never queryable.
/// </summary>
public sealed class OgcLayerServer : IAsyncLifetime
{
    public const string Name = "三调 地类图斑";
    public const int Count = 20;

    public LandMapApplication App { get; } = new();

    public static string Collection => "/ogc/collections/" + Uri.EscapeDataString("layer-" + Name);

    public static readonly string[] Classes = ["0101", "0103", "0301", "0702", "1006"];
    public static readonly string[] ClassNames = ["水田", "旱地", "乔木林地", "农村宅基地", "农村道路"];

    public async Task InitializeAsync()
    {
        (await App.CreateClient().GetAsync("/api/layers")).EnsureSuccessStatusCode();
        var features = Enumerable.Range(0, Count).Select(i => TestLayers.Square(113.40 + i % 5 * 0.004, 33.76 + i / 5 * 0.004, 0.003,
            string.Create(CultureInfo.InvariantCulture,
                $$"""{"BSM":"4104030{{i:00000}}","DLBM":"{{Classes[i % 5]}}","DLMC":"{{ClassNames[i % 5]}}","TBMJ":{{1000 + i * 500.5}},"QSDWMC":"{{(i < 10 ? "东高皇村" : "西高皇村")}}","BZ'); DROP TABLE layers; --":"备注"}""")));
        await TestLayers.ImportAsync(App.DatabasePath, Name, LayerKind.LandSurvey, [.. features]);
    }

    public Task DisposeAsync()
    {
        App.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>
/// An imported layer is an OGC API collection like the parcels: described with its extent, paged, filtered by its own
/// fields (parameters and CQL2, checked against the features read unfiltered), in the CRSs served, and tiled.
/// </summary>
public sealed class OgcLayerTests(OgcLayerServer server) : IClassFixture<OgcLayerServer>
{
    private static readonly JsonSerializerOptions GeoJson = new() { Converters = { new GeoJsonConverterFactory() } };
    private readonly HttpClient _client = server.App.CreateClient();
    private static string Collection => OgcLayerServer.Collection;

    private async Task<JsonDocument> GetJson(string path)
    {
        var response = await _client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body);
    }

    // Every feature as (BSM → properties), read page by page without a filter.
    private async Task<List<JsonElement>> AllAsync(string query = "")
    {
        var features = new List<JsonElement>();
        string? next = $"{Collection}/items?limit=7{query}";
        while (next is not null)
        {
            using var page = await GetJson(next);
            features.AddRange(page.RootElement.GetProperty("features").EnumerateArray().Select(f => f.Clone()));
            next = page.RootElement.GetProperty("links").EnumerateArray().Where(l => l.GetProperty("rel").GetString() == "next")
                .Select(l => new Uri(l.GetProperty("href").GetString()!).PathAndQuery).FirstOrDefault();
        }
        return features;
    }

    private static string Bsm(JsonElement feature) => feature.GetProperty("properties").GetProperty("BSM").GetString()!;

    [Fact]
    public async Task TheLayerIsACollectionWithItsExtentAndLinks()
    {
        using var collections = await GetJson("/ogc/collections");
        var layer = collections.RootElement.GetProperty("collections").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "layer-" + OgcLayerServer.Name);
        Assert.Equal(OgcLayerServer.Name, layer.GetProperty("title").GetString());
        Assert.Contains("三调图层（land-survey），20 个要素", layer.GetProperty("description").GetString());
        var bbox = layer.GetProperty("extent").GetProperty("spatial").GetProperty("bbox")[0].EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal([113.40, 33.76, 113.419, 33.775], bbox.Select(v => Math.Round(v, 6)));
        Assert.False(layer.GetProperty("extent").TryGetProperty("temporal", out _));
        var rels = layer.GetProperty("links").EnumerateArray().ToDictionary(l => l.GetProperty("rel").GetString()!, l => l.GetProperty("href").GetString()!);
        Assert.EndsWith($"{Collection}/items", rels["items"]);
        Assert.EndsWith($"{Collection}/tiles", rels["http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector"]);
        using var described = await GetJson(new Uri(rels["self"]).PathAndQuery);
        Assert.Equal(OgcLayerServer.Name, described.RootElement.GetProperty("title").GetString());
        using var api = await GetJson("/ogc/api");
        // Path keys name the collection as clients do (GDAL looks its items parameters up by the raw id).
        Assert.True(api.RootElement.GetProperty("paths").TryGetProperty($"/collections/layer-{OgcLayerServer.Name}/items", out _));
    }

    [Fact]
    public async Task PagingWithLimitSevenVisitsEveryFeatureExactlyOnceWithItsAttributes()
    {
        var all = await AllAsync();

        Assert.Equal(OgcLayerServer.Count, all.Count);
        Assert.Equal(OgcLayerServer.Count, all.Select(Bsm).Distinct().Count());
        Assert.Equal(OgcLayerServer.Count, all.Select(f => f.GetProperty("id").GetInt64()).Distinct().Count());
        var first = all.Single(f => Bsm(f) == "410403000003").GetProperty("properties");
        Assert.Equal(("0702", "农村宅基地", "东高皇村", 2501.5), (first.GetProperty("DLBM").GetString(), first.GetProperty("DLMC").GetString(),
            first.GetProperty("QSDWMC").GetString(), first.GetProperty("TBMJ").GetDouble()));
        using var page = await GetJson($"{Collection}/items?limit=7&offset=14");
        Assert.Equal((20, 6), (page.RootElement.GetProperty("numberMatched").GetInt32(), page.RootElement.GetProperty("numberReturned").GetInt32()));
    }

    public static TheoryData<string, string> Filters => new()
    {
        { "&DLBM=0301", "DLBM == 0301" },
        { "&QSDWMC=" + Uri.EscapeDataString("西高皇村") + "&DLBM=1006", "西高皇村 and 1006" },
        { "&filter=" + Uri.EscapeDataString("TBMJ > 5000"), "TBMJ > 5000" },
        { "&filter=" + Uri.EscapeDataString("DLMC LIKE '%林%' OR DLBM IN ('0101', '0103')"), "林 or 01" },
        { "&filter=" + Uri.EscapeDataString("NOT (QSDWMC = '东高皇村') AND TBMJ BETWEEN 6000 AND 9000"), "西 and 6000..9000" },
        { "&filter=" + Uri.EscapeDataString("S_INTERSECTS(geometry, POLYGON((113.401 33.761, 113.409 33.761, 113.409 33.769, 113.401 33.769, 113.401 33.761)))"), "box" },
        { "&bbox=113.4075,33.7635,113.4085,33.7685", "bbox" },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task FiltersSelectWhatTheAttributesSay(string query, string expectation)
    {
        var all = await AllAsync();
        static (string Dlbm, string Dlmc, string Owner, double Area, Envelope Box) Of(JsonElement f)
        {
            var p = f.GetProperty("properties");
            var box = JsonSerializer.Deserialize<Geometry>(f.GetProperty("geometry").GetRawText(), GeoJson)!.EnvelopeInternal;
            return (p.GetProperty("DLBM").GetString()!, p.GetProperty("DLMC").GetString()!, p.GetProperty("QSDWMC").GetString()!, p.GetProperty("TBMJ").GetDouble(), box);
        }
        Func<JsonElement, bool> keep = expectation switch
        {
            "DLBM == 0301" => f => Of(f).Dlbm == "0301",
            "西高皇村 and 1006" => f => Of(f) is { Owner: "西高皇村", Dlbm: "1006" },
            "TBMJ > 5000" => f => Of(f).Area > 5000,
            "林 or 01" => f => Of(f).Dlmc.Contains('林') || Of(f).Dlbm is "0101" or "0103",
            "西 and 6000..9000" => f => Of(f).Owner != "东高皇村" && Of(f).Area is >= 6000 and <= 9000,
            "box" => f => Of(f).Box.Intersects(new Envelope(113.401, 113.409, 33.761, 33.769)),
            "bbox" => f => Of(f).Box.Intersects(new Envelope(113.4075, 113.4085, 33.7635, 33.7685)),
            _ => throw new ArgumentException(expectation),
        };
        var expected = all.Where(keep).Select(Bsm).ToList();

        var filtered = await AllAsync(query);

        Assert.Equal(expected, filtered.Select(Bsm));
        Assert.InRange(expected.Count, 1, OgcLayerServer.Count - 1);
        using var first = await GetJson($"{Collection}/items?limit=1{query}");
        Assert.Equal(expected.Count, first.RootElement.GetProperty("numberMatched").GetInt32());
    }

    [Fact]
    public async Task QueryablesAreTheLayersFieldsWithTheirChineseLabels()
    {
        using var schema = await GetJson($"{Collection}/queryables");
        var properties = schema.RootElement.GetProperty("properties");
        Assert.Equal(("string", "地类编码"), (properties.GetProperty("DLBM").GetProperty("type").GetString(), properties.GetProperty("DLBM").GetProperty("title").GetString()));
        Assert.Equal("number", properties.GetProperty("TBMJ").GetProperty("type").GetString());
        Assert.Equal("geometry-any", properties.GetProperty("geometry").GetProperty("format").GetString());
        // A field whose name is no plain identifier stays an attribute of the features but is never offered for filtering.
        Assert.DoesNotContain(properties.EnumerateObject(), p => p.Name.StartsWith("BZ", StringComparison.Ordinal));
        using var items = await GetJson($"{Collection}/items?limit=1");
        Assert.Equal("备注", items.RootElement.GetProperty("features")[0].GetProperty("properties").GetProperty("BZ'); DROP TABLE layers; --").GetString());
    }

    [Theory]
    [InlineData("filter=NOSUCH%20%3D%201", "filter")]
    [InlineData("filter=DLBM%20%3E%3D%203", "filter")]
    [InlineData("datetime=2023-01-01", "datetime")]
    [InlineData("NOSUCH=1", "NOSUCH")]
    [InlineData("TBMJ=big", "TBMJ")]
    [InlineData("filter=%22BZ%27)%3B%20DROP%20TABLE%20layers%3B%20--%22%20%3D%20%27x%27", "filter")]
    public async Task BadParametersAreA400NamingTheParameter(string query, string parameter)
    {
        var response = await _client.GetAsync($"{Collection}/items?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(parameter, out _), problem.RootElement.GetRawText());
    }

    [Fact]
    public async Task AnItemInGaussKrugerIsItsFeatureInMetresAndAnUnknownOneIsA404()
    {
        var some = (await AllAsync())[4];
        var id = some.GetProperty("id").GetInt64();
        using var wgs84 = await GetJson($"{Collection}/items/{id}");
        var response = await _client.GetAsync($"{Collection}/items/{id}?crs=" + Uri.EscapeDataString("http://www.opengis.net/def/crs/EPSG/0/4547"));
        Assert.Equal("<http://www.opengis.net/def/crs/EPSG/0/4547>", response.Headers.GetValues("Content-Crs").Single());
        using var gk = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(Bsm(some), Bsm(wgs84.RootElement));
        var lonLat = JsonSerializer.Deserialize<Geometry>(wgs84.RootElement.GetProperty("geometry").GetRawText(), GeoJson)!.Coordinates;
        var metres = JsonSerializer.Deserialize<Geometry>(gk.RootElement.GetProperty("geometry").GetRawText(), GeoJson)!.Coordinates;
        // X north first, Y east second, as EPSG:4547 orders its axes (the project's GK transform is checked against GDAL
        // elsewhere); each vertex within 1 cm of a vertex of the WGS 84 feature projected here, whichever ring start each has.
        var projected = lonLat.Select(c => MetricPlane.Gk114.ToPlane(c.X, c.Y)).ToList();
        Assert.Equal(lonLat.Length, metres.Length);
        Assert.All(metres, m => Assert.Contains(projected, p => Math.Abs(p.N - m.X) < 0.01 && Math.Abs(p.E - m.Y) < 0.01));
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"{Collection}/items/999999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"{Collection}/items/abc")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/ogc/collections/layer-" + Uri.EscapeDataString("无此图层") + "/items")).StatusCode);
    }

    [Fact]
    public async Task TheLayersTilesAreServedUnderOgcApiTiles()
    {
        using var tileset = await GetJson($"{Collection}/tiles/WebMercatorQuad");
        Assert.Equal("vector", tileset.RootElement.GetProperty("dataType").GetString());
        // The tile (z14) over the grid's south-west corner (113.4015, 33.7615), addressed row (y) then column (x).
        var (x, y) = (13353, 6557);
        var response = await _client.GetAsync($"{Collection}/tiles/WebMercatorQuad/14/{y}/{x}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var tile = new MapboxTileReader().Read(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), new NetTopologySuite.IO.VectorTiles.Tiles.Tile(x, y, 14));
        var features = tile.Layers.SelectMany(l => l.Features).ToList();
        Assert.NotEmpty(features);
        Assert.All(features, f => Assert.StartsWith("4104030", (string)f.Attributes["BSM"]));
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"{Collection}/tiles/WebMercatorQuad/14/0/0")).StatusCode);
    }
}
