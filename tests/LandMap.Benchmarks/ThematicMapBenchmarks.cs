using BenchmarkDotNet.Attributes;
using LandMap.Core.Gazetteer;
using LandMap.Data;
using LandMap.Data.Import;
using LandMap.Tiles.Print;

namespace LandMap.Benchmarks;

/// <summary>
/// The thematic map of one district's plan year (卫东区 2023: 25 parcels, the shipped gazetteer) as an A3 landscape PDF,
/// from a SQLite store imported from the sample reports: read from the store and drawn, and drawn alone.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class ThematicMapBenchmarks
{
    private static readonly ThematicMapRequest Request = new() { District = "卫东区", PlanYear = 2023 };
    private string _db = "";
    private IParcelStore _store = null!;
    private ThematicMapData _data = null!;

    [GlobalSetup]
    public void Setup()
    {
        _db = Path.Combine(Path.GetTempPath(), $"landmap-bench-map-{Guid.NewGuid():N}.db");
        _store = ParcelStoreFactory.OpenAsync(_db).GetAwaiter().GetResult();
        var (gazetteer, load) = GazetteerIndex.LoadDirectory(Path.Combine(Paths.GisData, "gazetteer"));
        if (gazetteer is null) throw new InvalidOperationException(load.ToString());
        string[] reports = ["001_187e19a5026d8d3e.txt", "000_3754bd8aaca57094.txt"];
        new ReportImporter(_store, gazetteer).ImportFilesAsync(reports.Select(r => Path.Combine(Paths.Reports, r)).ToList()).GetAwaiter().GetResult();
        _data = ThematicMapSource.LoadAsync(_store, Request).GetAwaiter().GetResult().Data!;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_db);
    }

    [Benchmark(Description = "thematic map PDF, 卫东区 2023, A3: store read + draw")]
    public byte[] ReadAndDraw() => ThematicMap.Render(ThematicMapSource.LoadAsync(_store, Request).GetAwaiter().GetResult().Data!, PrintFormat.Pdf);

    [Benchmark(Description = "thematic map PDF, 卫东区 2023, A3: draw only")]
    public byte[] DrawOnly() => ThematicMap.Render(_data, PrintFormat.Pdf);
}
