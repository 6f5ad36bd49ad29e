using System.Diagnostics;
using LandMap.Core.Conflicts;
using LandMap.Core.Crs;
using LandMap.Core.Reports;
using LandMap.Core.Geocoding;
using LandMap.Core.Layers;
using LandMap.Data;
using LandMap.Data.Import;
using LandMap.Data.Layers;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace LandMap.Benchmarks;

/// <summary>
/// <c>conflicts [--features N] [--parcels M] [--rounds R] [--no-import]</c>: the conflict check of M parcels against a synthetic 三调 layer
/// of N polygons (a jittered 80 m grid in EPSG:4547 around 113.33°E 33.73°N, DLBM in 三调-like shares). Prints (a) the
/// check itself: an STRtree lookup and <see cref="ConflictCheckOp"/> per parcel, median of R rounds; (b) what the store adds
/// on a layer import: import into a SQLite store holding the M parcels minus the same import into one holding none.
/// </summary>
internal static class ConflictBench
{
    private static readonly (string Code, double Share)[] Classes =
        [("0103", 0.30), ("0101", 0.08), ("0301", 0.20), ("0201", 0.06), ("0404", 0.05), ("0702", 0.12), ("0601", 0.06), ("1003", 0.05), ("1104", 0.08)];

    public static async Task<int> RunAsync(string[] args)
    {
        int Arg(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback;
        var featureCount = Arg("--features", 100_000);
        var parcelCount = Arg("--parcels", 1_000);
        var rounds = Arg("--rounds", 5);
        var random = new Random(42);
        var side = (int)Math.Ceiling(Math.Sqrt(featureCount));
        const double cell = 80;
        var origin = MetricPlane.Gk114.ToPlane(113.33, 33.73);
        var plane = new GeometryFactory();
        var watch = Stopwatch.StartNew();
        var features = new List<LayerFeature>(featureCount);
        for (var i = 0; i < featureCount; i++)
        {
            var (gx, gy) = (i % side * cell, i / side * cell);
            double J() => (random.NextDouble() - 0.5) * 16;
            var first = new Coordinate(origin.E + gx + J(), origin.N + gy + J());
            var ring = plane.CreatePolygon([first, new(origin.E + gx + cell + J(), origin.N + gy + J()),
                new(origin.E + gx + cell + J(), origin.N + gy + cell + J()), new(origin.E + gx + J(), origin.N + gy + cell + J()), first.Copy()]);
            var code = Pick(random.NextDouble());
            var wgs84 = MetricPlane.Gk114.ToWgs84(ring);
            wgs84.SRID = 4326;
            features.Add(new LayerFeature(i, $"BSM{i:D7}", new Dictionary<string, object?> { ["BSM"] = $"BSM{i:D7}", ["DLBM"] = code }, wgs84, ring.Area, false));
        }
        var parcels = new List<Geometry>(parcelCount);
        var extent = side * cell;
        for (var i = 0; i < parcelCount; i++)
        {
            var size = 60 + random.NextDouble() * 240;
            var (x, y) = (random.NextDouble() * (extent - size), random.NextDouble() * (extent - size));
            var square = MetricPlane.Gk114.ToWgs84(plane.ToGeometry(new Envelope(origin.E + x, origin.E + x + size, origin.N + y, origin.N + y + size)));
            square.SRID = 4326;
            parcels.Add(square);
        }
        Console.WriteLine($"// {featureCount:N0} survey polygons and {parcelCount:N0} parcels (60–300 m squares) made in {watch.Elapsed.TotalSeconds:0.0} s");

        var tree = new STRtree<OverlayFeature>();
        foreach (var f in features) tree.Insert(f.Geometry.EnvelopeInternal, new OverlayFeature(f.Key, f.Geometry, (string)f.Attributes["DLBM"]!));
        tree.Build();
        var op = new ConflictCheckOp();
        var times = new List<double>();
        var cultivated = 0.0;
        for (var r = 0; r < rounds; r++)
        {
            watch.Restart();
            cultivated = 0;
            foreach (var p in parcels)
                cultivated += op.Check(p, "三调", LayerKind.LandSurvey, tree.Query(p.EnvelopeInternal))?.CultivatedMu ?? 0;
            times.Add(watch.Elapsed.TotalSeconds);
        }
        times.Sort();
        Console.WriteLine($"(a) check of {parcelCount:N0} parcels against {featureCount:N0} polygons (STRtree + ConflictCheckOp): median {times[times.Count / 2]:0.000} s " +
            $"of {rounds} rounds ({parcelCount / times[times.Count / 2]:N0} parcels/s); 占用耕地 in all {cultivated:N0} 亩");

        if (args.Contains("--no-import")) return 0;
        var empty = await ImportSecondsAsync(features, null);
        var withParcels = await ImportSecondsAsync(features, parcels);
        Console.WriteLine($"(b) SQLite layer import: {empty:0.0} s into a store without parcels, {withParcels:0.0} s with {parcelCount:N0}: " +
            $"the store's recheck through the R*Tree adds {withParcels - empty:0.00} s");
        return 0;
    }

    private static string Pick(double u)
    {
        foreach (var (code, share) in Classes)
        {
            if (u < share) return code;
            u -= share;
        }
        return "1203";
    }

    private static async Task<double> ImportSecondsAsync(List<LayerFeature> features, List<Geometry>? parcels)
    {
        var db = Path.Combine(Path.GetTempPath(), $"landmap-conflict-bench-{Guid.NewGuid():N}.db");
        try
        {
            await using var store = await ParcelStoreFactory.OpenAsync(db);
            if (parcels is not null)
            {
                var entries = parcels.Select((_, i) => new LandEntry { Seq = i + 1, Name = $"合成地块{i + 1}号", AreaMu = 30, Source = new SourceRef(i + 1, "合成") }).ToList();
                var geocoded = parcels.Select((g, i) => new GeocodedEntry
                {
                    File = "synthetic.txt", Seq = i + 1, Name = $"合成地块{i + 1}号", Status = GeocodeStatus.Located, Confidence = 0.8, Method = "synthetic", Geometry = g,
                }).ToList();
                var report = new ExtractedReport { File = "synthetic.txt", District = "卫东区", PlanYear = 2030, Encoding = "utf-8", LandEntries = entries };
                await store.ImportReportAsync(new ReportImport(report, geocoded, Guid.NewGuid().ToString("N")));
            }
            var watch = Stopwatch.StartNew();
            await ILayerStore.Of(store).ImportLayerAsync(new LayerImport("三调", LayerKind.LandSurvey, "synthetic", "EPSG:4547", "EPSG:4547", "bench"), features);
            return watch.Elapsed.TotalSeconds;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(db);
        }
    }
}
