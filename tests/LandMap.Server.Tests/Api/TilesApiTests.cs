using System.Diagnostics;
using System.Net;
using System.Text.Json;
using LandMap.Tiles.Vector;
using NetTopologySuite.IO.VectorTiles.Mapbox;

namespace LandMap.Server.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class TilesApiTests(LandMapApplication app)
{
    private static readonly TileAddress Weidong = TileAddress.At(113.36, 33.74, 14);
    private readonly HttpClient _client = app.CreateClient();

    [Theory]
    [InlineData("basemap", "roads")]
    [InlineData("parcels", "parcels")]
    public async Task Z14TileOverWeidongDecodesAsMvt(string layer, string expectedLayer)
    {
        var bytes = await GetTile(layer, Weidong);
        var tile = new MapboxTileReader().Read(new MemoryStream(bytes), new NetTopologySuite.IO.VectorTiles.Tiles.Tile(Weidong.X, Weidong.Y, Weidong.Z));
        var decoded = tile.Layers.SingleOrDefault(l => l.Name == expectedLayer);
        Assert.NotNull(decoded);
        Assert.NotEmpty(decoded.Features);
        Assert.All(decoded.Features, f => Assert.True(f.Geometry.IsValid || f.Geometry.Dimension < NetTopologySuite.Geometries.Dimension.Surface, f.Geometry.AsText()));
        OpenWithGdal(layer, bytes, expectedLayer);
    }

    [Fact]
    public async Task UnknownLayerIsANotFoundProblem()
    {
        var response = await _client.GetAsync("/tiles/roads/14/1/1.pbf");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/tiles/../appsettings.json")]
    [InlineData("/tiles/%2e%2e/%2e%2e/gis-data/README.md")]
    [InlineData("/tiles/basemap/%2e%2e/1/1.pbf")]
    [InlineData("/tiles/basemap/14/../../1.pbf")]
    [InlineData("/tiles/basemap/99/1/1.pbf")]
    public async Task PathTraversalFindsNothing(string url)
    {
        var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task SourcesAreListedWithTileJsonWhoseUrlServesTiles()
    {
        using var list = JsonDocument.Parse(await _client.GetStringAsync("/tiles"));
        var sources = list.RootElement.GetProperty("sources").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!);
        Assert.Equal(["basemap", "parcels"], sources.Keys.Order());

        foreach (var (id, entry) in sources)
        {
            var tileJsonUrl = entry.GetProperty("tileJson").GetString()!;
            Assert.EndsWith($"/tiles/{id}.json", tileJsonUrl);
            using var tileJson = JsonDocument.Parse(await _client.GetStringAsync(tileJsonUrl));
            Assert.Equal("3.0.0", tileJson.RootElement.GetProperty("tilejson").GetString());
            Assert.NotEmpty(tileJson.RootElement.GetProperty("vector_layers").EnumerateArray());
            var template = Assert.Single(tileJson.RootElement.GetProperty("tiles").EnumerateArray()).GetString()!;
            Assert.Equal(entry.GetProperty("tiles").GetString(), template);
            var url = template.Replace("{z}", Weidong.Z.ToString()).Replace("{x}", Weidong.X.ToString()).Replace("{y}", Weidong.Y.ToString());
            Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(url)).StatusCode);
        }
        var unknown = await _client.GetAsync("/tiles/cadastre.json");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Contains("basemap, parcels", await unknown.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("parcels")]
    [InlineData("basemap")]
    public async Task TilesComeGzippedWhenAskedWithAnETagThatRevalidates(string source)
    {
        var url = $"/tiles/{source}/{Weidong.Z}/{Weidong.X}/{Weidong.Y}.pbf";
        var plain = await _client.GetAsync(url);
        Assert.Null(plain.Content.Headers.ContentEncoding.FirstOrDefault());
        var plainBytes = await plain.Content.ReadAsByteArrayAsync();
        Assert.False(MvtEncoder.IsGzip(plainBytes));

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptEncoding.ParseAdd("gzip, br");
        var gzipped = await _client.SendAsync(request);
        Assert.Equal("gzip", Assert.Single(gzipped.Content.Headers.ContentEncoding));
        Assert.Equal(plainBytes, MvtEncoder.Gunzip(await gzipped.Content.ReadAsByteArrayAsync()));

        var etag = plain.Headers.ETag;
        Assert.NotNull(etag);
        using var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await _client.SendAsync(again)).StatusCode);
        using var stale = new HttpRequestMessage(HttpMethod.Get, url);
        stale.Headers.IfNoneMatch.ParseAdd("\"0-stale\"");
        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(stale)).StatusCode);
    }

    [Fact]
    public async Task ATileWithNothingIsNoContent()
    {
        // The South Pacific at z14: no parcel and no basemap feature.
        var sea = TileAddress.At(-150.0, -40.0, 14);
        foreach (var source in new[] { "parcels", "basemap" })
            Assert.Equal(HttpStatusCode.NoContent, (await _client.GetAsync($"/tiles/{source}/{sea.Z}/{sea.X}/{sea.Y}.pbf")).StatusCode);
    }

    [Fact]
    public async Task StyleDefinitionIsServed()
    {
        var style = await _client.GetStringAsync("/tiles/style.json");
        Assert.Contains("\"roads\"", style);
        Assert.Contains("主体封顶", style);
    }

    private async Task<byte[]> GetTile(string layer, TileAddress tile)
    {
        var response = await _client.GetAsync($"/tiles/{layer}/{tile.Z}/{tile.X}/{tile.Y}.pbf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.mapbox-vector-tile", response.Content.Headers.ContentType?.MediaType);
        // The test client sends no Accept-Encoding, so the server inflates the stored gzip.
        return MvtEncoder.Gunzip(await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>GDAL's MVT driver as an independent reader: required in CI, skipped locally when ogrinfo is missing.</summary>
    private static void OpenWithGdal(string layer, byte[] bytes, string expectedLayer)
    {
        var ogrinfo = Tools.Find("ogrinfo");
        if (ogrinfo is null)
        {
            Assert.False(Tools.InCi, "ogrinfo (GDAL) is required in CI to check the tiles: add gdal-bin to .ci/apt-packages.txt");
            return;
        }
        var file = Path.Combine(Path.GetTempPath(), $"landmap-{layer}-{Guid.NewGuid():N}.pbf");
        File.WriteAllBytes(file, bytes);
        try
        {
            var (exit, output) = Tools.Run(ogrinfo, $"-ro -so {file} {expectedLayer}");
            Assert.True(exit == 0, output);
            Assert.Contains($"Layer name: {expectedLayer}", output);
            Assert.Matches(@"Feature Count: [1-9]", output);
        }
        finally { File.Delete(file); }
    }
}
