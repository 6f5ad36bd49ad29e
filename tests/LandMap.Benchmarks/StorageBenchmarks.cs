using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using LandMap.Core.Geocoding;
using LandMap.Core.Reports;
using LandMap.Data;
using NetTopologySuite.Geometries;
using Npgsql;

namespace LandMap.Benchmarks;

/// <summary>
/// Storage on 99,999 synthetic parcels (squares of 20–200 m scattered over the two districts' extent): import
/// throughput, measured once in the setup as entries/s, and the latency of 500 random bounding-box queries
/// (about 1 km a side), printed as median and p95. SQLite always; PostGIS beside it when LANDMAP_TEST_PG is set.
/// </summary>
// One launch, one measured pass: the figures are printed by the setup and the query loop itself.
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 3)]
public class StorageBenchmarks
{
    // The most one column can number: a parcel's public id holds five digits of seq.
    public const int Parcels = ParcelIds.MaxSeq;
    private const int Queries = 500;
    private IParcelStore _store = null!;
    private string? _schema;
    private Envelope[] _boxes = [];

    [ParamsSource(nameof(Backends))]
    public string Backend { get; set; } = "sqlite";

    public static IEnumerable<string> Backends =>
        Environment.GetEnvironmentVariable("LANDMAP_TEST_PG") is { Length: > 0 } ? ["sqlite", "postgis"] : ["sqlite"];

    [GlobalSetup]
    public void Setup()
    {
        var db = Backend == "sqlite" ? Path.Combine(Path.GetTempPath(), $"landmap-bench-{Guid.NewGuid():N}.db") : PostgisDatabase();
        _store = ParcelStoreFactory.OpenAsync(db).GetAwaiter().GetResult();
        var import = Synthetic(new Random(42));
        var watch = Stopwatch.StartNew();
        _store.ImportReportAsync(import).GetAwaiter().GetResult();
        Console.WriteLine($"// {Backend}: imported {Parcels:N0} parcels in one transaction in {watch.Elapsed.TotalSeconds:0.0} s = {Parcels / watch.Elapsed.TotalSeconds:N0} parcels/s");
        var random = new Random(7);
        _boxes = Enumerable.Range(0, Queries).Select(_ =>
        {
            var x = 113.25 + random.NextDouble() * 0.25;
            var y = 33.68 + random.NextDouble() * 0.17;
            return new Envelope(x, x + 0.011, y, y + 0.009);
        }).ToArray();
    }

    [Benchmark(Description = "500 bbox queries (~1 km²)")]
    public int BoundingBoxQueries()
    {
        var latencies = new double[Queries];
        var found = 0;
        for (var i = 0; i < Queries; i++)
        {
            var start = Stopwatch.GetTimestamp();
            found += _store.QueryParcelsAsync(new ParcelQuery { BoundingBox = _boxes[i] }).GetAwaiter().GetResult().Count;
            latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(latencies);
        Console.WriteLine($"// {Backend}: bbox query median {latencies[Queries / 2]:0.00} ms, p95 {latencies[(int)(Queries * 0.95)]:0.00} ms, {found / (double)Queries:0.0} parcels per query");
        return found;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (_schema is null) return;
        using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("LANDMAP_TEST_PG"));
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP SCHEMA {_schema} CASCADE", connection);
        drop.ExecuteNonQuery();
    }

    private string PostgisDatabase()
    {
        var server = Environment.GetEnvironmentVariable("LANDMAP_TEST_PG")!;
        _schema = "landmap_bench_" + Guid.NewGuid().ToString("N")[..8];
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE SCHEMA {_schema}", connection);
            create.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(server) { SearchPath = $"{_schema},public" }.ToString();
    }

    private static ReportImport Synthetic(Random random)
    {
        var factory = new GeometryFactory(new PrecisionModel(), 4326);
        var entries = new List<LandEntry>(Parcels);
        var geocoded = new List<GeocodedEntry>(Parcels);
        for (var i = 1; i <= Parcels; i++)
        {
            var x = 113.25 + random.NextDouble() * 0.26;
            var y = 33.68 + random.NextDouble() * 0.18;
            var size = 0.0002 + random.NextDouble() * 0.0018;
            var square = factory.CreatePolygon([new(x, y), new(x + size, y), new(x + size, y + size), new(x, y + size), new(x, y)]);
            var name = $"合成地块{i}号";
            entries.Add(new LandEntry { Seq = i, Name = name, Location = "平安大道东段北侧", AreaMu = 30, Source = new SourceRef(i, name) });
            geocoded.Add(new GeocodedEntry { File = "synthetic.txt", Seq = i, Name = name, Status = GeocodeStatus.Located, Confidence = 0.8, Method = "synthetic", Geometry = square });
        }
        var report = new ExtractedReport { File = "synthetic.txt", District = "卫东区", PlanYear = 2030, Encoding = "utf-8", LandEntries = entries };
        return new ReportImport(report, geocoded, Guid.NewGuid().ToString("N"));
    }
}
