using System.Net;
using System.Text.Json;
using LandMap.Core.Geocoding;
using LandMap.Core.Reports;
using LandMap.Data;
using LandMap.Data.Export;
using LandMap.Server.Hosting;
using LandMap.Tiles.Vector;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.VectorTiles.Mapbox;

namespace LandMap.Server.Tests.Api;

/// <summary>
/// A city-sized store behind the server: the sample reports, a 卫东区 column of 1,200 entries and a 湛河区 column of 5 in the
/// same plan year (whose old ids collided), and 200,000 synthetic parcels. The server must start without reading the
/// parcels, answer a bbox request by reading only that box, and serve every parcel of the long column under its own id.
/// </summary>
public sealed class CityScaleTests : IClassFixture<CityScaleTests.CityStore>
{
    private readonly CityStore _city;

    public CityScaleTests(CityStore city) => _city = city;

    /// <summary>The store, written once for the class (200,000 parcels take a few seconds to import).</summary>
    public sealed class CityStore : IAsyncLifetime
    {
        private static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);
        private readonly string _folder = Directory.CreateTempSubdirectory("landmap-city-").FullName;

        public string Database => Path.Combine(_folder, "city.db");

        public async Task InitializeAsync()
        {
            await using var store = await ParcelStoreFactory.OpenAsync(Database);
            await store.ImportReportAsync(Column("卫东区", 2026, 1200, 113.30, 33.60));
            await store.ImportReportAsync(Column("湛河区", 2026, 5, 113.30, 33.55));
            // 200,000 parcels of four columns south of the districts, where no test looks.
            foreach (var (district, year, i) in new[] { ("卫东区", 2030, 0), ("卫东区", 2031, 1), ("湛河区", 2030, 2), ("湛河区", 2031, 3) })
                await store.ImportReportAsync(Column(district, year, 50_000, 112.0 + i * 0.5, 30.0));
        }

        public Task DisposeAsync()
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
            return Task.CompletedTask;
        }

        /// <summary>A column of <paramref name="count"/> 0.0005° squares on a grid 200 wide from (<paramref name="west"/>, <paramref name="south"/>).</summary>
        private static ReportImport Column(string district, int planYear, int count, double west, double south)
        {
            var entries = new List<LandEntry>(count);
            var geocoded = new List<GeocodedEntry>(count);
            for (var seq = 1; seq <= count; seq++)
            {
                var (x, y) = (west + (seq - 1) % 200 * 0.001, south + (seq - 1) / 200 * 0.001);
                var square = Wgs84.CreatePolygon([new(x, y), new(x + 0.0005, y), new(x + 0.0005, y + 0.0005), new(x, y + 0.0005), new(x, y)]);
                var name = $"{district}{planYear}年第{seq}号地块";
                entries.Add(new LandEntry { Seq = seq, Name = name, AreaMu = 40, Source = new SourceRef(seq, name) });
                geocoded.Add(new GeocodedEntry
                {
                    File = $"{district}{planYear}.txt", District = district, PlanYear = planYear, Seq = seq, Name = name, Status = GeocodeStatus.Located,
                    Confidence = 0.8, Method = "synthetic", Geometry = square, AreaMu = 40,
                });
            }
            var report = new ExtractedReport { File = $"{district}{planYear}.txt", District = district, PlanYear = planYear, Encoding = "utf-8", LandEntries = entries };
            return new ReportImport(report, geocoded, Guid.NewGuid().ToString("N"));
        }
    }

    private WebApplicationFactory<Program> Server() => new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        builder.UseSetting("LandMap:Database", _city.Database));

    [Fact]
    public async Task StartReadsNoParcelAndABboxRequestReadsOnlyItsBox()
    {
        await using var server = Server();
        var client = server.CreateClient();
        var store = await server.Services.GetRequiredService<StoreAccess>().GetAsync();
        Assert.Equal(0, store.ParcelRowsRead);

        // 卫东区 2026 entries 1–3 lie in this box (0.001° apart, 0.0005° wide).
        using var answer = JsonDocument.Parse(await client.GetStringAsync("/api/parcels?bbox=113.3001,33.6001,113.3021,33.6004"));

        var ids = answer.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetInt64()).Order().ToList();
        Assert.Equal([410403_2026_00001L, 410403_2026_00002L, 410403_2026_00003L], ids);
        Assert.Equal(3, answer.RootElement.GetProperty("numberMatched").GetInt64());
        // The page read its three rows (the count reads none): nothing near the 201,205 parcels of the store.
        Assert.InRange(store.ParcelRowsRead, 3, 10);
    }

    [Fact]
    public async Task EveryEntryOfTheLongColumnHasItsOwnIdInPagesDetailTilesAndExports()
    {
        await using var server = Server();
        var client = server.CreateClient();

        var ids = new List<long>();
        string? next = "/api/parcels?planYear=2026&limit=500";
        while (next is not null)
        {
            using var page = JsonDocument.Parse(await client.GetStringAsync(next));
            Assert.Equal(1205, page.RootElement.GetProperty("numberMatched").GetInt64());
            var features = page.RootElement.GetProperty("features").EnumerateArray().ToList();
            Assert.Equal(features.Count, page.RootElement.GetProperty("numberReturned").GetInt32());
            Assert.InRange(features.Count, 1, 500);
            ids.AddRange(features.Select(f => f.GetProperty("id").GetInt64()));
            next = page.RootElement.GetProperty("links").EnumerateArray().Where(l => l.GetProperty("rel").GetString() == "next")
                .Select(l => l.GetProperty("href").GetString()).SingleOrDefault();
        }
        Assert.Equal(1205, ids.Count);
        Assert.Equal(1205, ids.Distinct().Count());
        Assert.Equal(1200, ids.Count(id => id / 1_000_000_000 == 410403));

        foreach (var id in new[] { 410403_2026_01200L, 410403_2026_00005L, 410411_2026_00005L })
        {
            using var one = JsonDocument.Parse(await client.GetStringAsync($"/api/parcels/{id}"));
            Assert.Equal(id, one.RootElement.GetProperty("id").GetInt64());
            Assert.Equal(id % 100_000, one.RootElement.GetProperty("properties").GetProperty("seq").GetInt32());
        }

        // Entry 1,200 at (113.30 + 199 × 0.001, 33.60 + 5 × 0.001): in the parcel tiles under the same id.
        var tile = TileAddress.At(113.49925, 33.60525, 16);
        var response = await client.GetAsync($"/tiles/parcels/{tile.Z}/{tile.X}/{tile.Y}.pbf");
        response.EnsureSuccessStatusCode();
        var decoded = new MapboxTileReader().Read(new MemoryStream(await response.Content.ReadAsByteArrayAsync()),
            new NetTopologySuite.IO.VectorTiles.Tiles.Tile(tile.X, tile.Y, tile.Z), "mvt_id");
        var tiled = decoded.Layers.Single(l => l.Name == "parcels").Features;
        Assert.Contains(tiled, f => Convert.ToInt64(f.Attributes["mvt_id"]) == 410403_2026_01200L && Convert.ToInt64(f.Attributes["id"]) == 410403_2026_01200L);

        // The same ids in an export.
        var export = Path.Combine(Path.GetTempPath(), $"landmap-city-{Guid.NewGuid():N}.geojson");
        await using (var store = await ParcelStoreFactory.OpenAsync(_city.Database))
            await ParcelExporter.ExportAsync(store, ExportFormat.GeoJson, export, planYear: 2026);
        using var exported = JsonDocument.Parse(await File.ReadAllTextAsync(export));
        File.Delete(export);
        Assert.Equal(ids.Order(), exported.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties").GetProperty("id").GetInt64()).Order());
    }

    [Fact]
    public async Task OldIdsAnswerAPermanentRedirectToThePublicId()
    {
        await using var server = Server();
        var client = server.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/api/parcels/202602017");

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/api/parcels/410411202600017", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/parcels/410411202600017")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/parcels/410411202600005")).StatusCode);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=10001", "limit")]
    [InlineData("offset=-1", "offset")]
    [InlineData("ids=1,x", "ids")]
    [InlineData("sortby=area;drop", "sortby")]
    public async Task BadPageParametersAreProblemsNamingThem(string query, string parameter)
    {
        await using var server = Server();
        var response = await server.CreateClient().GetAsync($"/api/parcels?{query}");
        await ProblemAssert.NamesParameter(response, parameter);
    }
}
