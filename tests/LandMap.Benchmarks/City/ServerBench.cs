using System.Diagnostics;
using System.Globalization;
using LandMap.Tiles.Vector;
using NetTopologySuite.Geometries;

namespace LandMap.Benchmarks.City;

/// <summary>
/// The server on the city store in a child process: time from launch to the first answered bbox request (three starts),
/// then <see cref="Clients"/> loopback clients for the given time with a mix of parcel tiles (z12–z16 over the core) and
/// API requests (bbox pages, details by public id, text search), and the server's resident memory after it.
/// </summary>
internal static class ServerBench
{
    private const int Clients = 16;
    private const int Starts = 3;

    /// <summary>Runs the start and load measurements; returns the last server, still running, and its URL (for the page).</summary>
    public static async Task<(ServerProcess Server, string Url)> RunAsync(string db, string label, IReadOnlyList<Coordinate> centres, SyntheticCity city, int seconds, bool load)
    {
        var probe = $"api/parcels?bbox={Bbox(centres[0], 0.01)}&limit=100";
        var starts = new Latencies();
        ServerProcess? server = null;
        // A checkout without tiles/basemap.mbtiles builds it on the first start (once, half a minute): not what is measured.
        if (!File.Exists(Path.Combine(Path.GetDirectoryName(Paths.GisData)!, "tiles", "basemap.mbtiles")))
        {
            Console.WriteLine("  (tiles/basemap.mbtiles is missing: one unmeasured start builds it)");
            await (await ServerProcess.StartAsync(db)).Server.DisposeAsync();
        }
        string url = "";
        for (var i = 0; i < Starts; i++)
        {
            if (server is not null) await server.DisposeAsync();
            var watch = Stopwatch.StartNew();
            (server, url) = await ServerProcess.StartAsync(db);
            using var client = new HttpClient { BaseAddress = new Uri(url) };
            (await client.GetAsync(probe)).EnsureSuccessStatusCode();
            starts.Add(watch.Elapsed.TotalMilliseconds);
            Console.WriteLine($"  start {i + 1} ({label}): first bbox answer after {watch.Elapsed.TotalMilliseconds:0} ms, RSS {server.Memory().Rss:0} MB");
        }
        Console.WriteLine($"start ({label}): launch → first answered /{probe.Split('?')[0]}?bbox: {starts} (target < 3000 ms)");
        if (!load) return (server!, url);

        var tiles = Enumerable.Range(12, 5).SelectMany(z => centres.Select(c => TileAddress.At(c.X, c.Y, z))).Distinct().ToArray();
        var random = new Random(11);
        var kinds = new[] { "tile", "tile", "tile", "tile", "tile", "tile", "bbox", "bbox", "detail", "search" };
        var words = new[] { "物流园", "高新片区3产业园", "安置房项目12", "中学项目", "标准化厂房项目7号" };
        // Each client follows its own seeded sequence of requests, so runs are comparable.
        string Next(Random r) => kinds[r.Next(kinds.Length)] switch
        {
            "tile" => tiles[r.Next(tiles.Length)] is var t ? $"tiles/parcels/{t.Z}/{t.X}/{t.Y}.pbf" : "",
            "bbox" => $"api/parcels?bbox={Bbox(centres[r.Next(centres.Count)], 0.004 + r.NextDouble() * 0.02)}&limit=100",
            "detail" => $"api/parcels/{SyntheticCity.PublicId(r.Next(10), SyntheticCity.FirstPlanYear + r.Next(SyntheticCity.PlanYears), 1 + r.Next(city.EntriesPerReport))}",
            _ => $"api/parcels?q={Uri.EscapeDataString(words[r.Next(words.Length)])}&limit=20",
        };
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Clients }) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(2) };
        var byKind = new Dictionary<string, Latencies>();
        var all = new Latencies();
        var errors = 0;
        var firstError = "";
        var clock = Stopwatch.StartNew();
        var duration = TimeSpan.FromSeconds(seconds);
        var results = await Task.WhenAll(Enumerable.Range(0, Clients).Select(async worker =>
        {
            var mine = new List<(string Kind, double Ms, string? Error)>();
            var r = new Random(1000 + worker);
            while (clock.Elapsed < duration)
            {
                var path = Next(r);
                var kind = path.StartsWith("tiles", StringComparison.Ordinal) ? "tile" : path.Contains("bbox=", StringComparison.Ordinal) ? "bbox"
                    : path.Contains("q=", StringComparison.Ordinal) ? "search" : "detail";
                var started = Stopwatch.GetTimestamp();
                string? error = null;
                try
                {
                    using var response = await http.GetAsync(path);
                    await response.Content.ReadAsByteArrayAsync();
                    if ((int)response.StatusCode is not (200 or 204)) error = $"{path}: HTTP {(int)response.StatusCode}";
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    error = $"{path}: {e.Message}";
                }
                mine.Add((kind, Stopwatch.GetElapsedTime(started).TotalMilliseconds, error));
            }
            return mine;
        }));
        var elapsed = clock.Elapsed;
        foreach (var (kind, ms, error) in results.SelectMany(r => r))
        {
            all.Add(ms);
            (byKind.TryGetValue(kind, out var list) ? list : byKind[kind] = new Latencies()).Add(ms);
            if (error is null) continue;
            errors++;
            if (firstError.Length == 0) firstError = error;
        }
        var memory = server!.Memory();
        Console.WriteLine($"load ({label}): {Clients} clients, {elapsed.TotalSeconds:0} s, {all.Count:N0} requests = {all.Count / elapsed.TotalSeconds:0} requests/s, " +
            $"p50 {all.Median:0.0} ms, p99 {all.Percentile(0.99):0.0} ms, {errors} errors{(errors > 0 ? $" (first: {firstError})" : "")}");
        foreach (var (kind, list) in byKind.OrderBy(k => k.Key))
            Console.WriteLine($"  {kind,-6}: {list}, p99 {list.Percentile(0.99):0.0} ms");
        Console.WriteLine($"memory ({label}): resident {memory.Rss:0} MB after {seconds} s of mixed load, peak {memory.Peak:0} MB (target < 400 MB)");
        return (server, url);
    }

    private static string Bbox(Coordinate c, double side) => string.Join(',',
        new[] { c.X - side / 2, c.Y - side * 0.4, c.X + side / 2, c.Y + side * 0.4 }.Select(v => v.ToString("0.######", CultureInfo.InvariantCulture)));
}
