using System.Diagnostics;
using LandMap.Server.Hosting;

namespace LandMap.Benchmarks;

/// <summary>
/// Tile latency and throughput under concurrent load: starts the real server on a loopback port over a fresh
/// SQLite store, then 16 clients request the z14–z16 tiles over 卫东区 for a fixed time, first the parcels layer
/// (built on request, then cached) and then the basemap (MBTiles). Prints median, p95 and requests/s.
/// Run: <c>dotnet run -c Release --project tests/LandMap.Benchmarks -- tiles [seconds]</c>.
/// </summary>
internal static class TileLoad
{
    private const int Clients = 16;

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 1 && int.TryParse(args[1], out var s) ? s : 10;
        var folder = Directory.CreateTempSubdirectory("landmap-tiles-bench-").FullName;
        await using var app = LandMapServer.Build(["--port", "0", "--db", Path.Combine(folder, "landmap.db")]);
        await app.StartAsync();
        var url = LandMapServer.Url(app)!;
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Clients }) { BaseAddress = new Uri(url) };

        var tiles = TilesOver(113.29, 33.71, 113.47, 33.83, 14, 16).ToArray();
        Console.WriteLine($"server {url}, {tiles.Length} tiles (z14–z16 over 卫东区), {Clients} clients, {seconds} s per layer");
        foreach (var layer in new[] { "parcels", "basemap" })
        {
            var cold = await Pass(client, layer, tiles);
            var (latencies, elapsed) = await Load(client, layer, tiles, TimeSpan.FromSeconds(seconds));
            latencies.Sort();
            Console.WriteLine($"{layer}: first pass (cold) median {Percentile(cold, 0.5):0.00} ms; under load median {Percentile(latencies, 0.5):0.00} ms, " +
                $"p95 {Percentile(latencies, 0.95):0.00} ms, {latencies.Count / elapsed.TotalSeconds:0} requests/s");
        }
        await app.StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
        return 0;
    }

    private static async Task<List<double>> Pass(HttpClient client, string layer, (int Z, int X, int Y)[] tiles)
    {
        var latencies = new List<double>();
        foreach (var tile in tiles) latencies.Add(await Fetch(client, layer, tile));
        latencies.Sort();
        return latencies;
    }

    private static async Task<(List<double>, TimeSpan)> Load(HttpClient client, string layer, (int Z, int X, int Y)[] tiles, TimeSpan duration)
    {
        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, Clients).Select(async worker =>
        {
            var mine = new List<double>();
            for (var i = worker; clock.Elapsed < duration; i += Clients) mine.Add(await Fetch(client, layer, tiles[i % tiles.Length]));
            return mine;
        }));
        return (results.SelectMany(r => r).ToList(), clock.Elapsed);
    }

    private static async Task<double> Fetch(HttpClient client, string layer, (int Z, int X, int Y) t)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await client.GetAsync($"tiles/{layer}/{t.Z}/{t.X}/{t.Y}.pbf");
        await response.Content.ReadAsByteArrayAsync();
        if ((int)response.StatusCode is not (200 or 204)) throw new InvalidOperationException($"{layer} {t}: HTTP {(int)response.StatusCode}");
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];

    // XYZ tiles (Web Mercator) covering the lon/lat box at each zoom.
    private static IEnumerable<(int Z, int X, int Y)> TilesOver(double minLon, double minLat, double maxLon, double maxLat, int minZoom, int maxZoom)
    {
        for (var z = minZoom; z <= maxZoom; z++)
        {
            var (x0, y0) = Tile(minLon, maxLat, z);
            var (x1, y1) = Tile(maxLon, minLat, z);
            for (var x = x0; x <= x1; x++)
            {
                for (var y = y0; y <= y1; y++) yield return (z, x, y);
            }
        }
    }

    private static (int X, int Y) Tile(double lon, double lat, int z)
    {
        var n = 1 << z;
        var latRad = lat * Math.PI / 180;
        return ((int)((lon + 180) / 360 * n), (int)((1 - Math.Log(Math.Tan(latRad) + 1 / Math.Cos(latRad)) / Math.PI) / 2 * n));
    }
}
