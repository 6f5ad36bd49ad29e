using BenchmarkDotNet.Running;
using LandMap.Benchmarks;

// dotnet run -c Release --project tests/LandMap.Benchmarks -- [BenchmarkDotNet options, e.g. --job short]
// dotnet run -c Release --project tests/LandMap.Benchmarks -- tiles [seconds]   (tile load on loopback)
// dotnet run -c Release --project tests/LandMap.Benchmarks -- city make|bench|drop-pg …  (city scale: docs/development.md)
// dotnet run -c Release --project tests/LandMap.Benchmarks -- conflicts [--features N] [--parcels M] [--rounds R] [--no-import]   (conflict check vs a 三调 layer)
// dotnet run -c Release --project tests/LandMap.Benchmarks -- layers make OUT.geojsonl [--features N]   (synthetic 三调 layer, EPSG:4526)
// dotnet run -c Release --project tests/LandMap.Benchmarks -- layers tiles --pg CONNECTION --name NAME [--tiles N]   (z14 layer tiles vs ST_AsMVT)
// dotnet run -c Release --project tests/LandMap.Benchmarks -- geocode run [rounds] [--sequential] | dump OUT.tsv | compare A.tsv B.tsv   (synthetic geocoding for a profiler; results to diff)
// dotnet run -c Release --project tests/LandMap.Benchmarks -- sheet [--db DB] [--parcels N] [--rounds R]   (parcel sheets: load + PDF)
if (args is ["tiles", ..]) return await TileLoad.RunAsync(args);
if (args is ["city", ..]) return await LandMap.Benchmarks.City.CityCommand.RunAsync(args);
if (args is ["sheet", ..]) return await LandMap.Benchmarks.Print.SheetBench.RunAsync(args);
if (args is ["layers", "make", ..]) return LandMap.Benchmarks.Layers.SurveyLayerFile.Make(args);
if (args is ["layers", "tiles", ..]) return await LandMap.Benchmarks.Layers.LayerTileBench.RunAsync(args);
if (args is ["geocode", ..]) return GeocodeRun.Run(args);
if (args is ["conflicts", ..]) return await ConflictBench.RunAsync(args);

var summaries = BenchmarkSwitcher.FromAssembly(typeof(ExtractionBenchmarks).Assembly).Run(args);

// Benchmarks run in child processes; size the synthetic report here to turn its median into MB/s.
var sizing = new ExtractionBenchmarks();
sizing.Setup();
foreach (var report in summaries.SelectMany(s => s.Reports))
{
    if (report.ResultStatistics is not { } stats) continue;
    var name = report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo;
    var medianMs = stats.Median / 1e6;
    var line = $"{name}: median {medianMs:0.###} ms";
    if (report.BenchmarkCase.Descriptor.WorkloadMethod.Name == nameof(ExtractionBenchmarks.LargeSyntheticReport) && sizing.LargeReportBytes > 0)
    {
        line += $", {sizing.LargeReportBytes / 1048576.0 / (medianMs / 1000):0.#} MB/s";
    }
    if (report.BenchmarkCase.Descriptor.WorkloadMethod.Name == nameof(GeocodingBenchmarks.SyntheticColumns))
    {
        line += $", {GeocodingBenchmarks.SyntheticEntries / (medianMs / 1000):0} entries/s";
    }
    else if (report.BenchmarkCase.Descriptor.WorkloadMethod.Name == nameof(GeocodingBenchmarks.SeedColumns))
    {
        line += $", {60 / (medianMs / 1000):0} entries/s";
    }
    Console.WriteLine(line);
}
return 0;
