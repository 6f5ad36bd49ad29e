using System.Diagnostics;
using LandMap.Data;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace LandMap.Benchmarks.City;

/// <summary>
/// Bounding-box queries of about 500 parcels over the city core: <see cref="IParcelStore.QueryParcelsAsync"/> on SQLite
/// against the raw SQL a hand-written reader would run on the same R*Tree (the same rows: current geometries of current
/// parcels, not rejected; geometry blobs read, and once more parsed as WKB). The box side is fitted to the density first.
/// </summary>
internal static class BboxBench
{
    private const int Queries = 240;
    private const int Target = 500;

    // The rows the store returns for a box: the R*Tree candidates, tested exactly on the envelope columns.
    private const string RawSql =
        """
        SELECT p.public_id, g.geom FROM parcel_geometry_rtree t
        JOIN parcel_geometries g ON g.id = t.id AND g.is_current = 1
        JOIN parcels p ON p.id = g.parcel_id AND p.is_current = 1 AND p.review_status <> 'rejected'
        WHERE t.max_x >= @x0 AND t.min_x <= @x1 AND t.max_y >= @y0 AND t.min_y <= @y1
          AND g.max_x >= @x0 AND g.min_x <= @x1 AND g.max_y >= @y0 AND g.min_y <= @y1
        """;

    // What a hand-written reader needs for the same answer as the store: the same rows with the same columns (entry, report,
    // current version, review fields), read on an open connection. The ratio against it is the store's own cost.
    private const string RawSameColumnsSql =
        """
        SELECT p.id, r.id, r.file_name, e.id, r.district, r.plan_year, e.seq, e.name, e.location, e.note, e.area_mu,
               g.area_mu_computed, g.status, g.confidence, g.method, p.version, g.made_by, g.geom, g.constraints, g.warnings,
               p.public_id, p.review_status, p.review_reason, e.land_use, e.land_use_name, e.land_use_reason, p.project_stage,
               e.area_text, e.area_qualifier, e.approx, e.parts, e.bounds, e.source_line, e.source_text
        FROM parcel_geometry_rtree t
        JOIN parcel_geometries g ON g.id = t.id AND g.is_current = 1
        JOIN parcels p ON p.id = g.parcel_id AND p.is_current = 1 AND p.review_status <> 'rejected'
        JOIN land_entries e ON e.id = p.entry_id JOIN reports r ON r.id = p.report_id
        WHERE t.max_x >= @x0 AND t.min_x <= @x1 AND t.max_y >= @y0 AND t.min_y <= @y1
          AND g.max_x >= @x0 AND g.min_x <= @x1 AND g.max_y >= @y0 AND g.min_y <= @y1
        ORDER BY r.district, r.plan_year, e.seq, p.id
        """;

    public static async Task RunAsync(string db, IReadOnlyList<Coordinate> centres)
    {
        await using var store = await ParcelStoreFactory.OpenAsync(db);
        await using var raw = new SqliteConnection($"Data Source={db};Mode=ReadOnly");
        await raw.OpenAsync();

        // Fit the box to the density: scale its side by √(500 / median count) until the median is within 10 %.
        var side = 0.01;
        for (var round = 0; round < 6; round++)
        {
            var counts = new List<int>();
            foreach (var c in centres.Take(40)) counts.Add((await RawAsync(raw, Box(c, side), parse: false)).Rows);
            var median = counts.Order().ElementAt(counts.Count / 2);
            if (Math.Abs(median - Target) < Target * 0.1 || median == 0) break;
            side *= Math.Sqrt(Target / (double)median);
        }
        var boxes = centres.Take(Queries).Select(c => Box(c, side)).ToList();
        Console.WriteLine($"bbox: {boxes.Count} boxes of {side * 111_320 * Math.Cos(33.73 * Math.PI / 180) / 1000:0.00} km × {side * 0.8 * 110.574:0.00} km ({side:0.0000}° × {side * 0.8:0.0000}°) over the core");

        // One unmeasured round warms the page cache and the JIT for both.
        foreach (var box in boxes.Take(20))
        {
            await store.QueryParcelsAsync(Query(box));
            await RawAsync(raw, box, parse: true);
        }
        var (viaStore, viaRaw, viaRawWkb, viaRawSame) = (new Latencies(), new Latencies(), new Latencies(), new Latencies());
        var (rows, mismatches) = (0L, 0);
        foreach (var box in boxes)
        {
            var watch = Stopwatch.StartNew();
            var parcels = await store.QueryParcelsAsync(Query(box));
            viaStore.Add(watch.Elapsed.TotalMilliseconds);
            var blobs = await RawAsync(raw, box, parse: false);
            viaRaw.Add(blobs.Ms);
            viaRawWkb.Add((await RawAsync(raw, box, parse: true)).Ms);
            viaRawSame.Add((await RawAsync(raw, box, parse: true, RawSameColumnsSql)).Ms);
            rows += parcels.Count;
            if (parcels.Count != blobs.Rows) mismatches++;
        }
        Console.WriteLine($"  IParcelStore.QueryParcelsAsync (sqlite): {viaStore}, {rows / (double)boxes.Count:0} parcels per box");
        Console.WriteLine($"  raw R*Tree SQL, blobs read:              {viaRaw}");
        Console.WriteLine($"  raw R*Tree SQL, blobs parsed as WKB:     {viaRawWkb}");
        Console.WriteLine($"  raw R*Tree SQL, the store's columns:     {viaRawSame}");
        Console.WriteLine($"  ratio store / raw, same rows and columns: median {viaStore.Median / viaRawSame.Median:0.00}×, " +
            $"p95 {viaStore.Percentile(0.95) / viaRawSame.Percentile(0.95):0.00}×; target ≤ 1.2×");
        Console.WriteLine($"  ratio store / raw, ids and geometry only: median {viaStore.Median / viaRaw.Median:0.00}×, p95 {viaStore.Percentile(0.95) / viaRaw.Percentile(0.95):0.00}× " +
            $"(vs raw+WKB: {viaStore.Median / viaRawWkb.Median:0.00}×); row counts differ in {mismatches} of {boxes.Count} boxes");
    }

    private static ParcelQuery Query(Envelope box) =>
        new() { BoundingBox = box, ExcludeRejected = true, IncludeUnresolved = false, Limit = ParcelQuery.MaxLimit };

    private static Envelope Box(Coordinate c, double side) => new(c.X - side / 2, c.X + side / 2, c.Y - side * 0.4, c.Y + side * 0.4);

    private static async Task<(int Rows, double Ms)> RawAsync(SqliteConnection connection, Envelope box, bool parse, string sql = RawSql)
    {
        var watch = Stopwatch.StartNew();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("@x0", box.MinX);
        command.Parameters.AddWithValue("@x1", box.MaxX);
        command.Parameters.AddWithValue("@y0", box.MinY);
        command.Parameters.AddWithValue("@y1", box.MaxY);
        var rows = 0;
        var reader = new WKBReader();
        await using (var r = await command.ExecuteReaderAsync())
        {
            while (await r.ReadAsync())
            {
                var id = r.GetInt64(0);
                var blob = (byte[])r.GetValue(sql == RawSql ? 1 : 17);
                // The same-columns query reads every column as the store's reader does.
                for (var i = 2; sql != RawSql && i < r.FieldCount; i++) _ = r.IsDBNull(i) ? null : r.GetValue(i);
                if (parse) reader.Read(blob);
                rows += id > 0 && blob.Length > 0 ? 1 : 0;
            }
        }
        return (rows, watch.Elapsed.TotalMilliseconds);
    }
}
