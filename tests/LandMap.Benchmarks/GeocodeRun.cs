using System.Diagnostics;
using System.Globalization;
using System.Text;
using LandMap.Core.Geocoding;
using NetTopologySuite.IO;

namespace LandMap.Benchmarks;

/// <summary>
/// <c>geocode run [rounds] [--sequential]</c>: the synthetic 10,000 entries geocoded <c>rounds</c> times in one process
/// (all columns in one parallel call, or one by one), with each round's wall and CPU time, the bytes it allocated and
/// the collector's pauses (a steady load for <c>dotnet-trace</c>). <c>geocode dump OUT</c>: every seed and synthetic entry's status, method, confidence, area,
/// checks, warnings and WKT, one entry a line, to compare an optimisation's results with the results before it
/// (<c>diff</c>); the synthetic entries geocoded in parallel go to <c>OUT.parallel</c>. <c>geocode compare A B</c> tells
/// two dumps' differences of substance from those of form (<see cref="DumpComparison"/>).
/// </summary>
internal static class GeocodeRun
{
    public static int Run(string[] args)
    {
        if (args is [_, "compare", var before, var after]) return DumpComparison.Compare(before, after);
        var bench = new GeocodingBenchmarks();
        bench.Setup();
        if (args is [_, "dump", var path])
        {
            using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
            Write(writer, "seed", ParcelGeocoder.Geocode(bench.Seeds, bench.Gazetteer));
            // One by one and all at once (in parallel) must give the same entries.
            var oneByOne = bench.Synthetic.SelectMany(r => new ParcelGeocoder(bench.Gazetteer).GeocodeReport(r)).ToList();
            var parallel = new ParcelGeocoder(bench.Gazetteer).GeocodeAll(bench.Synthetic);
            Write(writer, "synthetic", oneByOne);
            using var parallelWriter = new StreamWriter(path + ".parallel", false, new UTF8Encoding(false));
            Write(parallelWriter, "synthetic", parallel);
            return 0;
        }
        var rounds = args is [_, "run", var n, ..] ? int.Parse(n, CultureInfo.InvariantCulture) : 3;
        var sequential = args.Contains("--sequential");
        for (var i = 0; i < rounds; i++)
        {
            // CPU time beside wall time: on a machine other builds share, the process's CPU seconds scatter far less.
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var paused = GC.GetTotalPauseDuration();
            var (gen0, gen1) = (GC.CollectionCount(0), GC.CollectionCount(1));
            var watch = Stopwatch.StartNew();
            var count = sequential ? bench.SyntheticColumnsOneByOne() : bench.SyntheticColumns();
            watch.Stop();
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            Console.WriteLine($"round {i + 1}: {count} entries in {watch.Elapsed.TotalSeconds:0.000} s = {count / watch.Elapsed.TotalSeconds:0} entries/s; " +
                $"{cpuSeconds:0.000} CPU s = {count / cpuSeconds:0} entries per CPU s; {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e6:0} MB allocated, GC paused {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds:0} ms " +
                $"in {GC.CollectionCount(0) - gen0} collections ({GC.CollectionCount(1) - gen1} of gen 1 or 2)");
        }
        return 0;
    }

    private static void Write(StreamWriter writer, string source, IReadOnlyList<GeocodedEntry> entries)
    {
        var wkt = new WKTWriter { MaxCoordinatesPerLine = int.MaxValue };
        foreach (var e in entries)
        {
            var checks = string.Join(" | ", e.Constraints.Select(c => $"{c.Kind}:{c.Satisfied}:{c.Detail}"));
            writer.WriteLine(string.Join('\t', source, e.File, e.Seq, e.Status, e.Method, e.Confidence.ToString("R", CultureInfo.InvariantCulture),
                e.AreaMuComputed?.ToString("R", CultureInfo.InvariantCulture) ?? "-", checks, string.Join(" | ", e.Warnings),
                e.Geometry is null ? "-" : wkt.Write(e.Geometry)));
        }
    }
}
