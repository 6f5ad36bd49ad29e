using System.Net;
using System.Text.Json;

namespace LandMap.Server.Tests.Ogc;

/// <summary>OGC API – Tiles under <c>/ogc</c>: the WebMercatorQuad matrix set, the parcels' tileset and its tiles, on the sample reports.</summary>
[Collection(ApiCollection.Name)]
public sealed class OgcTilesTests(LandMapApplication app)
{
    private const string Tileset = "/ogc/collections/parcels/tiles/WebMercatorQuad";
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task WebMercatorQuadIsTheTmsTwoDefinition()
    {
        using var list = await GetJson("/ogc/tileMatrixSets");
        var entry = list.RootElement.GetProperty("tileMatrixSets").EnumerateArray().Single();
        Assert.Equal("WebMercatorQuad", entry.GetProperty("id").GetString());

        using var tms = await GetJson(new Uri(Rel(entry, "self")).PathAndQuery);
        var r = tms.RootElement;
        Assert.Equal("http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad", r.GetProperty("uri").GetString());
        Assert.Equal("http://www.opengis.net/def/crs/EPSG/0/3857", r.GetProperty("crs").GetString());
        var matrices = r.GetProperty("tileMatrices").EnumerateArray().ToList();
        Assert.Equal(25, matrices.Count);
        // Level 0 and 24 as the OGC registry's WebMercatorQuad.json writes them.
        Assert.Equal(559082264.028717, matrices[0].GetProperty("scaleDenominator").GetDouble(), 1e-6);
        Assert.Equal(156543.033928041, matrices[0].GetProperty("cellSize").GetDouble(), 1e-9);
        Assert.Equal(33.3238997476528, matrices[24].GetProperty("scaleDenominator").GetDouble(), 1e-9);
        Assert.Equal(16777216, matrices[24].GetProperty("matrixWidth").GetInt64());
        Assert.All(matrices, m =>
        {
            Assert.Equal("topLeft", m.GetProperty("cornerOfOrigin").GetString());
            Assert.Equal(-20037508.3427892, m.GetProperty("pointOfOrigin")[0].GetDouble(), 1e-6);
            Assert.Equal(20037508.3427892, m.GetProperty("pointOfOrigin")[1].GetDouble(), 1e-6);
            Assert.Equal(256, m.GetProperty("tileWidth").GetInt32());
        });
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/ogc/tileMatrixSets/WorldCRS84Quad")).StatusCode);
    }

    [Fact]
    public async Task ParcelsLinkTheirVectorTilesetsAndProjectsSayTheyHaveNone()
    {
        using var parcels = await GetJson("/ogc/collections/parcels");
        var tilesets = Rel(parcels.RootElement, "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector");
        using var projects = await GetJson("/ogc/collections/projects");
        Assert.DoesNotContain(projects.RootElement.GetProperty("links").EnumerateArray(), l => l.GetProperty("rel").GetString()!.Contains("tilesets"));
        var none = await _client.GetAsync("/ogc/collections/projects/tiles");
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Contains("no vector tiles", await none.Content.ReadAsStringAsync());

        using var list = await GetJson(new Uri(tilesets).PathAndQuery);
        var tileset = list.RootElement.GetProperty("tilesets").EnumerateArray().Single();
        Assert.Equal("vector", tileset.GetProperty("dataType").GetString());
        Assert.EndsWith("/ogc/tileMatrixSets/WebMercatorQuad", Rel(tileset, "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme"));
        Assert.EndsWith(Tileset, Rel(tileset, "self"));
        using var landing = await GetJson("/ogc");
        Assert.EndsWith("/ogc/tileMatrixSets", Rel(landing.RootElement, "http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes"));
    }

    [Fact]
    public async Task TheTilesetDescribesItsLayerLimitsAndTileTemplate()
    {
        using var doc = await GetJson(Tileset);
        var r = doc.RootElement;
        Assert.Equal("vector", r.GetProperty("dataType").GetString());
        Assert.Equal("http://www.opengis.net/def/crs/EPSG/0/3857", r.GetProperty("crs").GetString());
        Assert.Equal("http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad", r.GetProperty("tileMatrixSetURI").GetString());
        var item = r.GetProperty("links").EnumerateArray().Single(l => l.GetProperty("rel").GetString() == "item");
        Assert.Equal("application/vnd.mapbox-vector-tile", item.GetProperty("type").GetString());
        Assert.EndsWith($"{Tileset}/{{tileMatrix}}/{{tileRow}}/{{tileCol}}", item.GetProperty("href").GetString());
        var layer = r.GetProperty("layers").EnumerateArray().Single();
        Assert.Equal("parcels", layer.GetProperty("id").GetString());
        Assert.Equal(2, layer.GetProperty("geometryDimension").GetInt32());
        var fields = layer.GetProperty("propertiesSchema").GetProperty("properties");
        Assert.Equal("string", fields.GetProperty("name").GetProperty("type").GetString());
        Assert.Equal("number", fields.GetProperty("planYear").GetProperty("type").GetString());

        // Limits: levels 0–22, each the tiles of the collection's extent — which holds every parcel's tile.
        var limits = r.GetProperty("tileMatrixSetLimits").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(0, 23).Select(z => z.ToString()), limits.Select(l => l.GetProperty("tileMatrix").GetString()));
        var z14 = limits[14];
        var (x, y) = await ParkTile(_client, 14);
        Assert.InRange(y, z14.GetProperty("minTileRow").GetInt32(), z14.GetProperty("maxTileRow").GetInt32());
        Assert.InRange(x, z14.GetProperty("minTileCol").GetInt32(), z14.GetProperty("maxTileCol").GetInt32());
        Assert.True(z14.GetProperty("maxTileCol").GetInt32() - z14.GetProperty("minTileCol").GetInt32() < 100, "the limits are the data's, not the world's");
    }

    // Row is y, column is x: the same bytes as the page's own tile route, at several levels.
    [Theory]
    [InlineData(10)]
    [InlineData(14)]
    [InlineData(16)]
    public async Task ATileIsTheBytesOfTheTilesRouteWithRowAsYAndColumnAsX(int z)
    {
        var (x, y) = await ParkTile(_client, z);

        var ogc = await _client.GetAsync($"{Tileset}/{z}/{y}/{x}");
        var page = await _client.GetAsync($"/tiles/parcels/{z}/{x}/{y}.pbf");

        Assert.Equal(HttpStatusCode.OK, ogc.StatusCode);
        Assert.Equal("application/vnd.mapbox-vector-tile", ogc.Content.Headers.ContentType?.MediaType);
        var bytes = await ogc.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.Length > 100);
        Assert.Equal(await page.Content.ReadAsByteArrayAsync(), bytes);
        Assert.Equal(page.Headers.ETag, ogc.Headers.ETag);
        if (x != y) Assert.NotEqual(HttpStatusCode.OK, (await _client.GetAsync($"{Tileset}/{z}/{x}/{y}")).StatusCode);
    }

    [Theory]
    [InlineData("99/0/0", 404, "tileMatrix")]
    [InlineData("23/0/0", 404, "tileMatrix")]
    [InlineData("14/-1/13351", 404, "tileRow")]
    [InlineData("14/6557/0", 404, "tileCol")]
    [InlineData("14/99999/13351", 404, "tileRow")]
    [InlineData("x/6557/13351", 400, "tileMatrix")]
    [InlineData("14/six/13351", 400, "tileRow")]
    [InlineData("14/6557/1e3", 400, "tileCol")]
    [InlineData("14/6557/99999999999", 400, "tileCol")]
    [InlineData("14/6557/13351?f=xml", 400, "f")]
    public async Task ATileOutsideTheLimitsOrNotANumberIsAProblemNamingTheParameter(string address, int status, string parameter)
    {
        var response = await _client.GetAsync($"{Tileset}/{address}");

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(parameter, out _), problem.RootElement.ToString());
    }

    [Theory]
    [InlineData("/ogc/collections/parcels/tiles/WorldCRS84Quad", "tileMatrixSetId")]
    [InlineData("/ogc/collections/parcels/tiles?f=xml", "f")]
    [InlineData("/ogc/collections/parcels/tiles/WebMercatorQuad?f=html", "f")]
    [InlineData("/ogc/tileMatrixSets?f=xml", "f")]
    public async Task BadTilesetRequestsNameTheParameter(string url, string parameter)
    {
        var response = await _client.GetAsync(url);

        Assert.True((int)response.StatusCode is 400 or 404, $"{url}: {(int)response.StatusCode}");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(parameter, out _), problem.RootElement.ToString());
    }

    [Fact]
    public async Task ConformanceAndOpenApiListTheTilesResources()
    {
        using var conformance = await GetJson("/ogc/conformance");
        var classes = conformance.RootElement.GetProperty("conformsTo").EnumerateArray().Select(c => c.GetString()).ToList();
        foreach (var c in (string[])["core", "tileset", "tilesets-list", "geodata-tilesets", "mvt", "oas30"])
            Assert.Contains($"http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/{c}", classes);
        using var api = await GetJson("/ogc/api");
        var paths = api.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/collections/parcels/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}", out var tile));
        Assert.True(tile.GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("application/vnd.mapbox-vector-tile", out _));
        Assert.True(paths.TryGetProperty("/tileMatrixSets/{tileMatrixSetId}", out _));
        Assert.False(paths.TryGetProperty("/collections/projects/tiles", out _));
    }

    // The park of the sample reports: its tile at zoom z (x west to east, y north to south).
    /// <summary>
    /// The tile at <paramref name="z"/> holding a point inside the semiconductor park's parcel (410403202300001), taken
    /// from the parcel as served rather than a hard-coded position, which the gazetteer's GCJ-02 → WGS 84 conversion moved.
    /// </summary>
    internal static async Task<(int X, int Y)> ParkTile(HttpClient client, int z)
    {
        using var parcel = JsonDocument.Parse(await client.GetStringAsync("/api/parcels/410403202300001"));
        var geoJson = new JsonSerializerOptions { Converters = { new NetTopologySuite.IO.Converters.GeoJsonConverterFactory() } };
        var inside = JsonSerializer.Deserialize<NetTopologySuite.Geometries.Geometry>(parcel.RootElement.GetProperty("geometry").GetRawText(), geoJson)!.InteriorPoint;
        var tile = LandMap.Tiles.Vector.TileAddress.At(inside.X, inside.Y, z);
        return (tile.X, tile.Y);
    }

    private static string Rel(JsonElement doc, string rel) =>
        doc.GetProperty("links").EnumerateArray().First(l => l.GetProperty("rel").GetString() == rel).GetProperty("href").GetString()!;

    private async Task<JsonDocument> GetJson(string url)
    {
        var response = await _client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
