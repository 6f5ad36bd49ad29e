using System.Diagnostics;
using LandMap.Tiles.Vector;
using NetTopologySuite.Geometries;
using Npgsql;

namespace LandMap.Benchmarks.City;

/// <summary>A way to make a parcel tile: its name and the uncompressed MVT bytes of a tile (empty when none).</summary>
/// <summary>One way to make a tile; <paramref name="MinZoom"/> is the lowest zoom it is asked for.</summary>
internal sealed record TileContender(string Name, Func<TileAddress, Task<byte[]>> GetAsync, int MinZoom = 0);

/// <summary>
/// Parcel tiles over the city core, the same tile list for every contender: 30 tiles each at z14, z15 and z16 (where
/// parcels are, drawn at random from them) and the tiles covering the core at z10–z12 (generalised). Each contender
/// makes every tile once in an unmeasured pass (so database and OS caches are equally warm) and once measured;
/// contenders take turns first per tile. Sources hold no tile cache. Prints latency median/p95, feature counts
/// against plain ST_AsMVT (±3 %) and the speed ratio per zoom band.
/// </summary>
internal static class TileBench
{
    /// <summary>
    /// Plain PostGIS: the current geometries of current, not rejected parcels meeting the tile plus its 64-unit buffer,
    /// as one MVT layer with the attributes LandMap's tiles carry; the SQL a hand-written tile server would run.
    /// </summary>
    private const string StAsMvtSql =
        """
        SELECT ST_AsMVT(t, 'parcels', 4096, 'geom', 'id') FROM (
          SELECT p.public_id AS id, e.name, e.seq, g.status, round(g.confidence::numeric, 3)::float8 AS confidence, r.plan_year AS "planYear",
                 r.district, e.land_use AS "landUse", p.review_status AS "reviewStatus", e.area_mu AS "areaMu",
                 round(g.area_mu_computed::numeric, 2)::float8 AS "areaMuComputed", p.project_stage AS "projectStage",
                 ST_AsMVTGeom(ST_Transform(g.geom, 3857), ST_TileEnvelope(@z, @x, @y), 4096, 64, true) AS geom
          FROM parcel_geometries g
          JOIN parcels p ON p.id = g.parcel_id AND p.is_current = 1 AND p.review_status <> 'rejected'
          JOIN land_entries e ON e.id = p.entry_id
          JOIN reports r ON r.id = p.report_id
          WHERE g.is_current = 1 AND g.geom && ST_Transform(ST_TileEnvelope(@z, @x, @y, margin => 64.0 / 4096), 4326)
        ) t WHERE geom IS NOT NULL
        """;

    // Plain ST_AsMVT is the peer at z14–z16 only: at z10–z12 over a dense city it has no feature limit and runs into the
    // statement timeout (LandMap's z10–z12 targets are absolute: < 500 KB and < 50 ms).
    public static TileContender StAsMvt(NpgsqlDataSource postgis) => new("plain ST_AsMVT", async tile =>
    {
        await using var command = postgis.CreateCommand(StAsMvtSql);
        command.Parameters.AddWithValue("z", tile.Z);
        command.Parameters.AddWithValue("x", tile.X);
        command.Parameters.AddWithValue("y", tile.Y);
        return await command.ExecuteScalarAsync() as byte[] ?? [];
    }, MinZoom: 14);

    /// <summary>The tile list: <paramref name="centres"/> (parcel centres in the core) at z14–z16, the core's cover at z10–z12.</summary>
    public static List<TileAddress> TileList(IReadOnlyList<Coordinate> centres)
    {
        var tiles = new List<TileAddress>();
        for (var z = 10; z <= 12; z++) tiles.AddRange(TileAddress.Covering(SyntheticCity.Core, z));
        for (var z = 14; z <= 16; z++) tiles.AddRange(centres.Select(c => TileAddress.At(c.X, c.Y, z)).Distinct().Take(30));
        return tiles;
    }

    public static async Task RunAsync(IReadOnlyList<TileContender> contenders, IReadOnlyList<TileAddress> tiles)
    {
        Console.WriteLine($"tiles: {tiles.Count} tiles ({string.Join(", ", tiles.GroupBy(t => t.Z).Select(g => $"{g.Count()} at z{g.Key}"))}), contenders: {string.Join(", ", contenders.Select(c => c.Name))}");
        var results = contenders.ToDictionary(c => c.Name, _ => new Dictionary<TileAddress, (double Ms, int Bytes, int Features)>());
        var failures = new List<(string Contender, TileAddress Tile, string Error)>();
        foreach (var measured in new[] { false, true })
        {
            for (var i = 0; i < tiles.Count; i++)
            {
                // Contenders take turns going first, so none always meets the colder cache.
                for (var k = 0; k < contenders.Count; k++)
                {
                    var contender = contenders[(i + k) % contenders.Count];
                    if (tiles[i].Z < contender.MinZoom) continue;
                    var watch = Stopwatch.StartNew();
                    byte[] bytes;
                    try
                    {
                        bytes = await contender.GetAsync(tiles[i]);
                    }
                    catch (Exception e)
                    {
                        // A tile that fails (a statement timeout on a huge low-zoom tile) is counted, not the end of the run.
                        if (measured) failures.Add((contender.Name, tiles[i], e.GetBaseException().Message));
                        bytes = [];
                    }
                    var ms = watch.Elapsed.TotalMilliseconds;
                    if (measured) results[contender.Name][tiles[i]] = (ms, bytes.Length, MvtFeatureCount.Of(bytes));
                }
            }
        }

        var reference = contenders.Last().Name;
        foreach (var (band, zooms) in new[] { ("z10–z12", new[] { 10, 11, 12 }), ("z14", [14]), ("z15", [15]), ("z16", [16]) })
        {
            var inBand = tiles.Where(t => zooms.Contains(t.Z)).ToList();
            if (inBand.Count == 0) continue;
            Console.WriteLine($"  {band} ({inBand.Count} tiles):");
            var referenceLatency = inBand.All(results[reference].ContainsKey) ? Band(results[reference], inBand) : new Latencies();
            var referenceFeatures = inBand.Sum(t => results[reference].GetValueOrDefault(t).Features);
            var compared = inBand.All(results[reference].ContainsKey);
            foreach (var contender in contenders.Where(c => inBand.All(results[c.Name].ContainsKey)))
            {
                var r = results[contender.Name];
                var latency = Band(r, inBand);
                var features = inBand.Sum(t => r[t].Features);
                var line = $"    {contender.Name,-18} {latency}, max {latency.Max:0} ms; {features:N0} features, largest tile {inBand.Max(t => r[t].Bytes) / 1024.0:N0} KB" +
                    $" ({inBand.Count(t => r[t].Bytes >= 500 * 1024)} tiles ≥ 500 KB, {inBand.Count(t => r[t].Ms >= 50)} ≥ 50 ms)";
                if (contender.Name != reference && compared)
                {
                    double Off(TileAddress t) => (r[t].Features - results[reference][t].Features) / (double)Math.Max(1, results[reference][t].Features);
                    var worst = Off(inBand.MaxBy(t => Math.Abs(Off(t))));
                    line += $"; features {100.0 * features / Math.Max(1, referenceFeatures):0.0} % of ST_AsMVT (worst tile {100 * worst:+0.0;-0.0;0} %)" +
                        $"; speed {referenceLatency.Median / latency.Median:0.00}× ST_AsMVT at the median, {referenceLatency.Percentile(0.95) / latency.Percentile(0.95):0.00}× at p95";
                }
                Console.WriteLine(line);
            }
        }
        foreach (var group in failures.GroupBy(f => (f.Contender, f.Tile.Z)))
            Console.WriteLine($"  FAILED: {group.Key.Contender} z{group.Key.Z}: {group.Count()} tiles ({group.First().Error}); their time is counted as the time to fail");
        Console.WriteLine("  targets: LandMap ≥ 1.0× the speed of plain ST_AsMVT at z14–z16 with feature counts within ±3 %; z10–z12 tiles < 500 KB and < 50 ms");
    }

    private static Latencies Band(Dictionary<TileAddress, (double Ms, int Bytes, int Features)> results, List<TileAddress> tiles)
    {
        var latencies = new Latencies();
        latencies.AddRange(tiles.Select(t => results[t].Ms));
        return latencies;
    }
}

/// <summary>Counts the features of an MVT by walking its protobuf (layers: field 3; a layer's features: field 2).</summary>
internal static class MvtFeatureCount
{
    public static int Of(byte[] tile)
    {
        var count = 0;
        var position = 0;
        while (position < tile.Length)
        {
            var (field, wire) = Key(tile, ref position);
            if (field == 3 && wire == 2)
            {
                var length = (int)Varint(tile, ref position);
                var end = position + length;
                while (position < end)
                {
                    var (inner, innerWire) = Key(tile, ref position);
                    if (inner == 2 && innerWire == 2) count++;
                    Skip(tile, ref position, innerWire);
                }
            }
            else
            {
                Skip(tile, ref position, wire);
            }
        }
        return count;
    }

    private static (int Field, int Wire) Key(byte[] data, ref int position)
    {
        var key = Varint(data, ref position);
        return ((int)(key >> 3), (int)(key & 7));
    }

    private static ulong Varint(byte[] data, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = data[position++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80) return value;
        }
    }

    private static void Skip(byte[] data, ref int position, int wire)
    {
        switch (wire)
        {
            case 0: Varint(data, ref position); break;
            case 1: position += 8; break;
            case 2:
                // Read the length first: "position += Varint(ref position)" would add it to the position before the varint.
                var length = (int)Varint(data, ref position);
                position += length;
                break;
            case 5: position += 4; break;
            default: throw new InvalidDataException($"MVT: wire type {wire} at byte {position}.");
        }
    }
}
