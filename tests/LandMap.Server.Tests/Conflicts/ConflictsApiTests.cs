using System.Text.Json;
using LandMap.Core.Crs;
using LandMap.Core.Layers;
using LandMap.Data;
using LandMap.Data.Layers;
using LandMap.Server.Tests.Api;
using LandMap.Server.Tests.Review;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace LandMap.Server.Tests.Conflicts;

/// <summary>
/// Conflicts through the API: a farmland layer laid over the west half of a shipped parcel's outline; the parcel's detail
/// and <c>GET /api/conflicts</c> report the overlap as measured independently in EPSG:4547, and bad parameters are 400s.
/// Its own server: the farmland layer must not leak into the other API tests' store.
/// </summary>
public sealed class ConflictsApiTests : IClassFixture<ConflictsApiTests.Server>
{
    private const double SquareMetresPerMu = 10_000.0 / 15;
    private readonly Server _server;
    private readonly HttpClient _client;

    public ConflictsApiTests(Server server)
    {
        _server = server;
        _client = server.App.CreateClient();
    }

    /// <summary>The server, with one farmland layer over a parcel imported once for the class.</summary>
    public sealed class Server : IAsyncLifetime, IDisposable
    {
        public ReviewApplication App { get; } = new();
        public long ParcelId { get; private set; }
        public double ExpectedMu { get; private set; }

        public async Task InitializeAsync()
        {
            var client = await App.ClientAsync();
            using var list = JsonDocument.Parse(await client.GetStringAsync("/api/parcels?limit=10000&planYear=2023"));
            var options = new JsonSerializerOptions { Converters = { new GeoJsonConverterFactory() } };
            var feature = list.RootElement.GetProperty("features").EnumerateArray()
                .First(f => f.GetProperty("geometry").ValueKind == JsonValueKind.Object && f.GetProperty("geometry").GetProperty("type").GetString() is "Polygon" or "MultiPolygon");
            ParcelId = feature.GetProperty("id").GetInt64();
            var outline = feature.GetProperty("geometry").Deserialize<Geometry>(options)!;
            var e = outline.EnvelopeInternal;
            var farmland = new GeometryFactory(new PrecisionModel(), 4326).ToGeometry(new Envelope(e.MinX - 0.01, e.Centre.X, e.MinY - 0.01, e.MaxY + 0.01));
            ExpectedMu = MetricPlane.Gk114.ToPlane(outline).Intersection(MetricPlane.Gk114.ToPlane(farmland)).Area / SquareMetresPerMu;
            await using var store = await ParcelStoreFactory.OpenAsync(App.DatabasePath);
            await ILayerStore.Of(store).ImportLayerAsync(new LayerImport("永久基本农田", LayerKind.Farmland, "yjjbnt.geojson", "EPSG:4326", "EPSG:4547", "tester"),
                [new LayerFeature(0, "JB-7", new Dictionary<string, object?> { ["JBNTTBBH"] = "JB-7" }, farmland, 0, false)]);
        }

        public Task DisposeAsync() => Task.CompletedTask;

        public void Dispose() => App.Dispose();
    }

    [Fact]
    public async Task ParcelDetailCarriesTheFarmlandOverlap()
    {
        using var detail = JsonDocument.Parse(await _client.GetStringAsync($"/api/parcels/{_server.ParcelId}"));
        var conflict = Assert.Single(detail.RootElement.GetProperty("properties").GetProperty("conflicts").EnumerateArray());
        Assert.Equal("farmland", conflict.GetProperty("kind").GetString());
        Assert.Equal("永久基本农田", conflict.GetProperty("layer").GetString());
        Assert.Equal(_server.ExpectedMu, conflict.GetProperty("areaMu").GetDouble(), 0.1);
        Assert.Equal("JB-7", conflict.GetProperty("features")[0].GetString());
        Assert.StartsWith("占用永久基本农田 ", conflict.GetProperty("text").GetString());
        Assert.InRange(conflict.GetProperty("share").GetDouble(), 0.2, 0.8);
    }

    [Fact]
    public async Task ConflictsTableListsTheParcelAndFiltersByKind()
    {
        using var table = JsonDocument.Parse(await _client.GetStringAsync("/api/conflicts?planYear=2023&kind=farmland"));
        var rows = table.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.All(rows, r => Assert.Equal("farmland", r.GetProperty("conflict").GetProperty("kind").GetString()));
        // Largest first; the farmland may take neighbours of the parcel too.
        Assert.Equal(rows.Select(r => r.GetProperty("conflict").GetProperty("conflictMu").GetDouble()).OrderDescending(),
            rows.Select(r => r.GetProperty("conflict").GetProperty("conflictMu").GetDouble()));
        var row = Assert.Single(rows, r => r.GetProperty("id").GetInt64() == _server.ParcelId);
        Assert.Equal(_server.ExpectedMu, row.GetProperty("conflict").GetProperty("areaMu").GetDouble(), 0.1);
        using var none = JsonDocument.Parse(await _client.GetStringAsync("/api/conflicts?kind=eco-redline"));
        Assert.Equal(0, none.RootElement.GetProperty("count").GetInt32());
        using var otherYear = JsonDocument.Parse(await _client.GetStringAsync("/api/conflicts?planYear=2021"));
        Assert.DoesNotContain(otherYear.RootElement.GetProperty("rows").EnumerateArray(), r => r.GetProperty("id").GetInt64() == _server.ParcelId);
    }

    [Theory]
    [InlineData("/api/conflicts?planYear=twenty", "planYear")]
    [InlineData("/api/conflicts?kind=planning", "kind")]
    [InlineData("/api/conflicts?kind=farm", "kind")]
    public async Task BadParametersAreNamedIn400s(string url, string parameter) =>
        await ProblemAssert.NamesParameter(await _client.GetAsync(url), parameter);

    [Fact]
    public async Task CsvExportHasTheConflictsColumn()
    {
        var csv = await _client.GetStringAsync("/api/parcels/export.csv?planYear=2023");
        Assert.Contains("冲突", csv.Split('\n')[0]);
        Assert.Contains("占用永久基本农田", csv);
    }

    [Fact]
    public async Task ReviewQueueSortsByConflictArea()
    {
        var reviewer = await _server.App.ClientAsync("reviewer");
        using var queue = JsonDocument.Parse(await reviewer.GetStringAsync("/api/review/queue?status=candidate&sort=conflict&limit=5"));
        var items = queue.RootElement.GetProperty("items").EnumerateArray().ToList();
        var figures = items.Select(i => i.GetProperty("conflictMu").GetDouble()).ToList();
        Assert.Equal(figures.OrderDescending(), figures);
        Assert.True(figures[0] > 0, "the largest conflict comes first");
        Assert.Contains(items, i => i.GetProperty("id").GetInt64() == _server.ParcelId);
        await ProblemAssert.NamesParameter(await reviewer.GetAsync("/api/review/queue?sort=area"), "sort");
    }
}
