using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using LandMap.Core.Extraction;
using LandMap.Core.Extraction.Input;
using LandMap.Core.Gazetteer;
using LandMap.Core.Geocoding;
using LandMap.Core.Reports;

namespace LandMap.Benchmarks;

/// <summary>
/// Geocoding throughput: the 60 entries of the two Weidong columns, and 10,000 synthetic entries —
/// 400 columns of the 2023 column's own 25 locations with varied areas, so every grammar form and the
/// overlap avoidance inside a column do real work. All synthetic columns share the 2023 plan year, so
/// none borrows another's area.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(GeocodingConfig))]
public class GeocodingBenchmarks
{
    // The synthetic set takes a second per run: a few measured iterations give a stable median, after five warm-up runs
    // (the JIT's second tier takes that long to reach the geometry code; one warm-up left the iterations still falling,
    // 1.46 → 1.00 s). The collector is the one `landmap` runs with (Server GC, see LandMap.Cli.csproj). The median and
    // p95 are printed beside the mean: the target is a median.
    private sealed class GeocodingConfig : ManualConfig
    {
        public GeocodingConfig() => AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(5).WithIterationCount(9).WithGcServer(true))
            .AddColumn(StatisticColumn.Median, StatisticColumn.P95);
    }

    private GazetteerIndex _gazetteer = null!;
    private ExtractedReport[] _seeds = [];
    private ExtractedReport[] _synthetic = [];

    /// <summary>The gazetteer, after <see cref="Setup"/>.</summary>
    public GazetteerIndex Gazetteer => _gazetteer;

    /// <summary>The shipped reports with land entries, after <see cref="Setup"/>.</summary>
    public IReadOnlyList<ExtractedReport> Seeds => _seeds;

    /// <summary>The 400 synthetic columns, after <see cref="Setup"/>.</summary>
    public IReadOnlyList<ExtractedReport> Synthetic => _synthetic;

    /// <summary>Entries in the synthetic set, for the entries/s figure.</summary>
    public const int SyntheticEntries = 10_000;

    [GlobalSetup]
    public void Setup()
    {
        var (gazetteer, load) = GazetteerIndex.LoadDirectory(Path.Combine(Paths.GisData, "gazetteer"));
        _gazetteer = gazetteer ?? throw new InvalidOperationException(string.Join("\n", load.Problems));
        _seeds = Directory.GetFiles(Path.Combine(Paths.GisData, "reports"), "*.txt").Order()
            .Select(p => ReportExtractor.Extract(ReportFileReader.Read(p).Text!))
            .Where(r => r.LandEntries.Count > 0)
            .ToArray();
        var column = _seeds.Single(r => r.PlanYear == 2023);
        _synthetic = Enumerable.Range(0, SyntheticEntries / column.LandEntries.Count).Select(i => column with
        {
            File = $"synthetic-{i}.txt",
            LandEntries = column.LandEntries.Select(e => e with { AreaMu = e.AreaMu is { } a ? Math.Round(a * (0.5 + (i * 7 + e.Seq) % 10 / 10.0), 2) : null, Parts = [] }).ToList(),
        }).ToArray();
    }

    [Benchmark(Description = "seed columns (60 entries)")]
    public int SeedColumns() => new ParcelGeocoder(_gazetteer).GeocodeAll(_seeds).Count;

    // One call for the 400 columns, as `landmap geocode` of 400 files makes: the columns are geocoded in parallel.
    [Benchmark(Description = "10,000 synthetic entries")]
    public int SyntheticColumns() => new ParcelGeocoder(_gazetteer).GeocodeAll(_synthetic).Count;

    /// <summary>The synthetic columns one by one (<c>geocode run --sequential</c>): the work per entry, without the parallelism.</summary>
    public int SyntheticColumnsOneByOne() => _synthetic.Sum(r => new ParcelGeocoder(_gazetteer).GeocodeReport(r).Count);
}
