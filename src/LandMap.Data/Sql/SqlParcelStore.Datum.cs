using System.Data.Common;
using LandMap.Core.Crs;
using NetTopologySuite.Geometries;

namespace LandMap.Data.Sql;

public abstract partial class SqlParcelStore
{
    private const int DatumBatch = 2_000;

    private static readonly Func<Geometry, CrsResult<Geometry>> FromGcj02 = SourceCrs.Of(WebDatum.Gcj02).ToWgs84([]).Value;

    /// <summary>
    /// Schema 11's backfill (<see cref="DatumSchema"/>): GCJ-02 → WGS 84 for every row of parcel_geometries (current and
    /// history) and of gazetteer_features, unless the store's gazetteer copy shows its parcels were placed on another
    /// gazetteer (a bureau's own, in a real datum, or the converted one): then nothing moves.
    /// </summary>
    internal async Task ConvertParcelsFromGcj02Async(DbConnection c, DbTransaction t, CancellationToken ct)
    {
        // Nothing moves, so nothing is logged: the store's rows are as they were.
        if (!await PlacedOnTheGcj02SketchAsync(c, t, ct)) return;
        // Not what came in a real datum: surveyed outlines (勘测定界 files, read in their declared CRS) and gazetteer rows a
        // bureau imported (OSM, its own layers); only the sketch and the GCJ-02 outlines were drawn in GCJ-02.
        var parcels = await ConvertTableAsync(c, t, "parcel_geometries", "method <> 'survey'", ct);
        var gazetteer = await ConvertTableAsync(c, t, "gazetteer_features",
            "(source LIKE 'sketch%' OR source LIKE 'pingdingshan-districts.geojson%')", ct);
        // A new store has nothing to move and says nothing.
        if (parcels == 0 && gazetteer == 0) return;
        await RecheckConflictsAsync(c, t, null, ct);
        await Command(c, t, "UPDATE store_changes SET seq = seq + 1 WHERE id = 1").ExecuteNonQueryAsync(ct);
        await AuditAsync(c, t, "schema-11", "datum-gcj02-to-wgs84", "store", null, new { parcelGeometries = parcels, gazetteerFeatures = gazetteer }, ct);
    }

    // The GCJ-02 district outlines lie on a 1/1024° grid (the npm source's rounding); converted ones do not. An empty copy
    // means the store never synced a gazetteer: its parcels came from the shipped one, which was the GCJ-02 sketch.
    private async Task<bool> PlacedOnTheGcj02SketchAsync(DbConnection c, DbTransaction t, CancellationToken ct)
    {
        var districts = new List<Geometry>();
        var any = false;
        await using (var r = await Command(c, t, "SELECT kind, source, geom FROM gazetteer_features").ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                any = true;
                if (r.GetString(0) == "district" && StringOrNull(r, 1) is { } source && source.StartsWith("pingdingshan-districts.geojson", StringComparison.Ordinal)
                    && ReadGeometry(r, 2) is { } geometry)
                    districts.Add(geometry);
            }
        }
        if (!any) return true;
        return districts.Count > 0 && districts.All(d => d.Coordinates.All(p => OnGrid(p.X) && OnGrid(p.Y)));
    }

    private static bool OnGrid(double degrees) => Math.Abs(degrees * 1024 - Math.Round(degrees * 1024)) < 1e-3;

    private async Task<int> ConvertTableAsync(DbConnection c, DbTransaction t, string table, string condition, CancellationToken ct)
    {
        var set = string.Join(", ", GeometryColumns.Split(", ").Zip(GeometryValues("g").Split(", "), (column, value) => $"{column} = {value}"));
        var update = Command(c, t, $"UPDATE {table} SET {set} WHERE id = @id");
        var converted = 0;
        for (var after = long.MinValue; ;)
        {
            // In batches by id: a city store holds hundreds of thousands of versions, not all of them in memory at once.
            var rows = new List<(long Id, Geometry Geometry)>();
            await using (var r = await Command(c, t, $"SELECT id, geom FROM {table} WHERE id > @after AND geom IS NOT NULL AND {condition} ORDER BY id LIMIT {DatumBatch}",
                ("after", after)).ExecuteReaderAsync(ct))
            {
                while (await r.ReadAsync(ct))
                    if (ReadGeometry(r, 1) is { } geometry) rows.Add((Long(r, 0), geometry));
            }
            if (rows.Count == 0) return converted;
            foreach (var (id, gcj02) in rows)
            {
                // Only a non-finite stored position has no WGS 84 one: such a row stays as it is rather than stop the upgrade.
                if (FromGcj02(gcj02) is not { IsSuccess: true, Value: var geometry }) continue;
                BindGeometry(update, "g", geometry);
                Set(update, "id", id);
                await update.ExecuteNonQueryAsync(ct);
                converted++;
            }
            after = rows[^1].Id;
        }
    }
}
