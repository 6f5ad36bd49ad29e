using LandMap.Data;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Geometries;
using Npgsql;

namespace LandMap.Benchmarks.City;

/// <summary>
/// <c>city bench</c>: the measurements on a city <c>city make</c> wrote, in this order: bbox queries (SQLite), parcel
/// tiles (LandMap SQLite, LandMap PostGIS, plain ST_AsMVT), the server (start, load, memory; SQLite, and start on
/// PostGIS) and the page. Every measurement prints median and p95 and what it counted.
/// </summary>
internal static class CityBench
{
    public static async Task<int> RunAsync(string db, string? postgis, int seconds, IReadOnlyCollection<string> only, IReadOnlySet<int>? zooms = null)
    {
        if (!File.Exists(db)) throw new ArgumentException($"{db} not found: write it first with city make --parcels N --out {db}.");
        var (parcels, centres) = await SampleAsync(db);
        var city = new SyntheticCity((int)Math.Round(parcels / 100.0) * 100);
        // The 0.02° cell holding most of the sampled centres (a sample of parcels, so weighted by density).
        var busiest = centres.GroupBy(c => (Math.Floor(c.X / 0.02), Math.Floor(c.Y / 0.02))).MaxBy(g => g.Count())!;
        var focus = new Coordinate(busiest.Average(c => c.X), busiest.Average(c => c.Y));
        Console.WriteLine($"city: {db}, {parcels:N0} current parcels{(postgis is null ? "" : ", and PostGIS " + new NpgsqlConnectionStringBuilder(postgis).SearchPath)}; " +
            $"{centres.Count} parcel centres sampled in the core, busiest at {focus.X:0.000}°E {focus.Y:0.000}°N; {Environment.ProcessorCount} cores");

        if (only.Contains("bbox")) await BboxBench.RunAsync(db, centres);

        if (only.Contains("tiles"))
        {
            await using var sqlite = await ParcelStoreFactory.OpenAsync(db);
            await using var pg = postgis is null ? null : await ParcelStoreFactory.OpenAsync(postgis);
            await using var pgRaw = postgis is null ? null : NpgsqlDataSource.Create(postgis);
            var contenders = new List<TileContender> { LandMapTiles.For(sqlite), LandMapTiles.StoreRead(sqlite) };
            if (pg is not null) contenders.AddRange([LandMapTiles.For(pg), LandMapTiles.StoreRead(pg)]);
            if (pg is not null) contenders.Add(LandMapTiles.EncodedInDatabase(pg));
            if (pgRaw is not null) contenders.Add(TileBench.StAsMvt(pgRaw));
            await TileBench.RunAsync(contenders, TileBench.TileList(centres).Where(t => zooms is null || zooms.Contains(t.Z)).ToList());
        }

        if (only.Contains("server") || only.Contains("page"))
        {
            var (server, url) = await ServerBench.RunAsync(db, "sqlite", centres, city, seconds, load: only.Contains("server"));
            await using (server)
            {
                if (only.Contains("page"))
                {
                    var screenshots = Path.Combine(Path.GetDirectoryName(Paths.GisData)!, "docs", "benchmarks");
                    await PageBench.RunAsync(url, focus, screenshots, "sqlite");
                    Console.WriteLine($"memory (sqlite): resident {server.Memory().Rss:0} MB after the page, peak {server.Memory().Peak:0} MB");
                }
            }
            if (postgis is not null && only.Contains("server"))
            {
                var (pgServer, _) = await ServerBench.RunAsync(postgis, "postgis", centres, city, seconds, load: false);
                await pgServer.DisposeAsync();
            }
        }
        return 0;
    }

    /// <summary>The number of current parcels and up to 300 centres of parcels in the core, drawn at random (seeded) by row id.</summary>
    private static async Task<(long Parcels, List<Coordinate> Centres)> SampleAsync(string db)
    {
        await using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly");
        await connection.OpenAsync();
        long Scalar(string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(command.ExecuteScalar());
        }
        var parcels = Scalar("SELECT COUNT(*) FROM parcels WHERE is_current = 1");
        var maxId = Scalar("SELECT MAX(id) FROM parcel_geometries");
        var random = new Random(5);
        var centres = new List<Coordinate>();
        await using var pick = connection.CreateCommand();
        pick.CommandText = "SELECT (min_x + max_x) / 2, (min_y + max_y) / 2 FROM parcel_geometries WHERE id = @id AND is_current = 1 AND min_x IS NOT NULL";
        var id = pick.Parameters.Add("@id", SqliteType.Integer);
        for (var tries = 0; tries < 100_000 && centres.Count < 300; tries++)
        {
            id.Value = random.NextInt64(1, maxId + 1);
            await using var reader = await pick.ExecuteReaderAsync();
            if (!await reader.ReadAsync()) continue;
            var c = new Coordinate(reader.GetDouble(0), reader.GetDouble(1));
            if (SyntheticCity.Core.Contains(c)) centres.Add(c);
        }
        if (centres.Count == 0) throw new InvalidOperationException($"{db} holds no parcel in the city core: write it with city make.");
        return (parcels, centres);
    }
}
