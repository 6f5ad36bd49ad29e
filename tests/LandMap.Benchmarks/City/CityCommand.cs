using System.Diagnostics;
using LandMap.Data;
using LandMap.Server.Hosting;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace LandMap.Benchmarks.City;

/// <summary>
/// <c>city</c>: the city-scale benchmarks on a synthetic prefecture (<see cref="SyntheticCity"/>).
/// <list type="bullet">
/// <item><c>city make --parcels N --out city.db [--pg]</c>: writes the city through <see cref="IParcelStore.ImportReportAsync"/>
/// into a new SQLite file and, with --pg, into a new schema of $LANDMAP_TEST_PG (printed), timing the imports.</item>
/// <item><c>city bench --db city.db [--pg SCHEMA] [--seconds 60] [--only bbox,tiles,server,page] [--zooms 14,15,16]</c>: the measurements (tiles: of the zooms given, else all).</item>
/// <item><c>city drop-pg SCHEMA</c>: drops a schema <c>city make --pg</c> wrote.</item>
/// <item><c>city serve --db DB --port P</c>: the map server as <c>landmap serve</c> runs it (the benchmark starts it as a child process).</item>
/// </list>
/// </summary>
internal static class CityCommand
{
    public const string SchemaPrefix = "landmap_city_";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = Options.Parse(args.Skip(2));
        switch (args.ElementAtOrDefault(1))
        {
            case "make":
                return await MakeAsync(int.Parse(options.Get("--parcels") ?? "1000000"), options.Get("--out") ?? throw Usage(), options.Has("--pg"), options.Has("--per-report"));
            case "bench":
                return await CityBench.RunAsync(options.Get("--db") ?? throw Usage(), options.Get("--pg") is { } schema ? PgConnection(schema) : null,
                    int.Parse(options.Get("--seconds") ?? "60"), options.Get("--only")?.Split(',') ?? ["bbox", "tiles", "server", "page"],
                    options.Get("--zooms")?.Split(',').Select(int.Parse).ToHashSet());
            case "drop-pg":
                await DropSchemaAsync(args.ElementAtOrDefault(2) ?? throw Usage());
                return 0;
            case "serve":
                await using (var app = LandMapServer.Build(["--db", options.Get("--db") ?? throw Usage(), "--port", options.Get("--port") ?? "0"]))
                {
                    await app.StartAsync();
                    await app.WaitForShutdownAsync();
                }
                return 0;
            default:
                throw Usage();
        }
    }

    private static ArgumentException Usage() => new(
        "usage: city make --parcels N --out city.db [--pg] [--per-report] | city bench --db city.db [--pg SCHEMA] [--seconds 60] [--only bbox,tiles,server,page] [--zooms 14,15,16] | city drop-pg SCHEMA");

    private static async Task<int> MakeAsync(int parcels, string outPath, bool pg, bool perReport)
    {
        if (File.Exists(outPath)) throw new ArgumentException($"{outPath} exists: pass --out a new file (the city is written into an empty store).");
        var city = new SyntheticCity(parcels);
        string? schema = null;
        if (pg)
        {
            schema = SchemaPrefix + Guid.NewGuid().ToString("N")[..8];
            await ExecuteAsync(Server(), $"CREATE SCHEMA {schema}");
            Console.WriteLine($"PostGIS schema {schema} (drop it with: city drop-pg {schema})");
        }
        await using var sqlite = await ParcelStoreFactory.OpenAsync(outPath);
        await using var postgis = schema is null ? null : await ParcelStoreFactory.OpenAsync(PgConnection(schema));
        Console.WriteLine($"writing {parcels:N0} parcels: 100 reports of {city.EntriesPerReport:N0} entries (10 districts × plan years {SyntheticCity.FirstPlanYear}–{SyntheticCity.FirstPlanYear + SyntheticCity.PlanYears - 1})");
        var (sqliteTime, postgisTime, generateTime) = (TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);
        if (!perReport)
        {
            // One transaction per store (IParcelStore.ImportReportsAsync), the city generated as it is stored; the time
            // spent generating is taken out.
            (sqliteTime, generateTime) = await TimedBatchAsync(sqlite, city);
            if (postgis is not null) (postgisTime, _) = await TimedBatchAsync(postgis, city);
        }
        var generate = Stopwatch.StartNew();
        var n = 0;
        foreach (var report in perReport ? city.Reports() : [])
        {
            generateTime += generate.Elapsed;
            sqliteTime += await TimedImportAsync(sqlite, report);
            if (postgis is not null) postgisTime += await TimedImportAsync(postgis, report);
            if (++n % 10 == 0) Console.WriteLine($"  {n} reports: sqlite {n * city.EntriesPerReport / sqliteTime.TotalSeconds:N0} parcels/s" +
                (postgis is null ? "" : $", postgis {n * city.EntriesPerReport / postgisTime.TotalSeconds:N0} parcels/s"));
            generate.Restart();
        }
        // An import may leave its last commits in the WAL for a later checkpoint: that checkpoint is part of the import's cost.
        var checkpoint = await CheckpointAsync(outPath);
        sqliteTime += checkpoint;
        Console.WriteLine($"generated in {generateTime.TotalSeconds:0.0} s (not counted)");
        Console.WriteLine($"import sqlite: {parcels:N0} parcels in {sqliteTime.TotalSeconds:0.0} s = {parcels / sqliteTime.TotalSeconds:N0} parcels/s (target ≥ 50,000), file {new FileInfo(outPath).Length / 1048576.0:N0} MB");
        if (postgis is not null) Console.WriteLine($"import postgis: {parcels:N0} parcels in {postgisTime.TotalSeconds:0.0} s = {parcels / postgisTime.TotalSeconds:N0} parcels/s (target ≥ 20,000), schema {schema}");
        return 0;
    }

    /// <summary>Copies what the WAL of <paramref name="path"/> still holds into the database file and empties the WAL.</summary>
    private static async Task<TimeSpan> CheckpointAsync(string path)
    {
        var wal = new FileInfo(path + "-wal") is { Exists: true } file ? file.Length : 0;
        var watch = Stopwatch.StartNew();
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        if (reader.GetInt32(0) != 0) throw new InvalidOperationException($"{path}: the final checkpoint was blocked by another connection.");
        var elapsed = watch.Elapsed;
        Console.WriteLine($"final SQLite checkpoint: WAL of {wal / 1048576.0:N0} MB in {elapsed.TotalSeconds:0.0} s (counted)");
        return elapsed;
    }

    private static async Task<(TimeSpan Import, TimeSpan Generate)> TimedBatchAsync(IParcelStore store, SyntheticCity city)
    {
        var generate = TimeSpan.Zero;
        var watch = Stopwatch.StartNew();
        var outcomes = await store.ImportReportsAsync(Generated());
        var elapsed = watch.Elapsed - generate;
        if (outcomes.Sum(o => o.Entries) != city.EntriesPerReport * outcomes.Count)
            throw new InvalidOperationException($"{store.Backend}: stored {outcomes.Sum(o => o.Entries)} entries of {city.EntriesPerReport * outcomes.Count}.");
        Console.WriteLine($"  {store.Backend}: {outcomes.Count} reports in one transaction, {elapsed.TotalSeconds:0.0} s (generating {generate.TotalSeconds:0.0} s not counted)");
        return (elapsed, generate);

        IEnumerable<LandMap.Data.ReportImport> Generated()
        {
            var clock = Stopwatch.StartNew();
            foreach (var report in city.Reports())
            {
                generate += clock.Elapsed;
                yield return report;
                clock.Restart();
            }
        }
    }

    private static async Task<TimeSpan> TimedImportAsync(IParcelStore store, LandMap.Data.ReportImport report)
    {
        var watch = Stopwatch.StartNew();
        var outcome = await store.ImportReportAsync(report);
        if (outcome.Entries != report.Geocoded.Count) throw new InvalidOperationException($"{store.Backend}: {report.Report.File} stored {outcome.Entries} of {report.Geocoded.Count} entries ({outcome.Status}).");
        return watch.Elapsed;
    }

    /// <summary>$LANDMAP_TEST_PG, the PostgreSQL server the city schemas live on.</summary>
    public static string Server() => Environment.GetEnvironmentVariable("LANDMAP_TEST_PG") is { Length: > 0 } server
        ? server
        : throw new InvalidOperationException("Set LANDMAP_TEST_PG to a PostgreSQL connection string (set -a; . /work/ci_env; set +a).");

    /// <summary>A connection string whose first search-path schema is <paramref name="schema"/>: the store's tables live there.</summary>
    public static string PgConnection(string schema)
    {
        if (!schema.StartsWith(SchemaPrefix, StringComparison.Ordinal) || !schema.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            throw new ArgumentException($"{schema} is not a schema city make wrote ({SchemaPrefix}…).");
        return new NpgsqlConnectionStringBuilder(Server()) { SearchPath = $"{schema},public" }.ToString();
    }

    private static async Task DropSchemaAsync(string schema)
    {
        PgConnection(schema);
        await ExecuteAsync(Server(), $"DROP SCHEMA {schema} CASCADE");
        Console.WriteLine($"dropped {schema}");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>--name value pairs and bare --flags.</summary>
    private sealed class Options(Dictionary<string, string?> values)
    {
        public static Options Parse(IEnumerable<string> args)
        {
            var values = new Dictionary<string, string?>();
            string? name = null;
            foreach (var arg in args)
            {
                if (arg.StartsWith("--", StringComparison.Ordinal)) { name = arg; values[arg] = null; }
                else if (name is not null) { values[name] = arg; name = null; }
            }
            return new Options(values);
        }

        public string? Get(string name) => values.GetValueOrDefault(name);

        public bool Has(string name) => values.ContainsKey(name);
    }
}
