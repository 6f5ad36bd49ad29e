using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using LandMap.Core.Conflicts;
using LandMap.Core.Layers;
using LandMap.Data.Conflicts;
using NetTopologySuite.Geometries;

namespace LandMap.Data.Sql;

// Conflict checks kept current by the store, in the transaction that changes a geometry or a layer: conflicts then never
// disagree with the layers or outlines they were computed from, and a failed write leaves both as they were.
public abstract partial class SqlParcelStore
{
    /// <summary>The store setting that overrides the sliver tolerance (m²; <see cref="ConflictOptions.DefaultToleranceM2"/>).</summary>
    public const string ConflictToleranceSetting = "conflict_tolerance_m2";

    private const int RecheckBatch = 500;

    private static readonly string CheckedKindList =
        string.Join(", ", ConflictCheckOp.CheckedKinds.Select(k => "'" + k.Name() + "'"));

    /// <summary>
    /// Checks the current geometry versions of <paramref name="parcelIds"/> (all parcels when null) against every layer of
    /// a checked kind through the layer's spatial index, and writes each version's conflicts column. Parcels in batches by
    /// id, so a reader is never open while the next statement runs (Npgsql allows one at a time).
    /// </summary>
    /// <returns>The geometry versions checked.</returns>
    internal async Task<long> RecheckConflictsAsync(DbConnection c, DbTransaction t, IReadOnlyCollection<long>? parcelIds, CancellationToken ct)
    {
        var layers = new List<(long Id, string Name, LayerKind Kind)>();
        await using (var r = await Command(c, t, $"SELECT id, name, kind FROM layers WHERE kind IN ({CheckedKindList}) ORDER BY name").ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
                layers.Add((Long(r, 0), r.GetString(1), LayerKinds.Parse(r.GetString(2)) ?? LayerKind.Other));
        }
        // Without layers there is nothing to find: a new parcel's column stays null (not checked) rather than costing a write.
        if (layers.Count == 0 && parcelIds is not null) return 0;
        var op = new ConflictCheckOp(new ConflictOptions { ToleranceM2 = await ConflictToleranceAsync(c, t, ct) });
        var checkedCount = 0L;
        var after = 0L;
        var scope = parcelIds is null ? "" : $" AND g.parcel_id IN ({string.Join(", ", parcelIds.Select(id => id.ToString(CultureInfo.InvariantCulture)))})";
        if (parcelIds is { Count: 0 }) return 0;
        while (true)
        {
            var batch = new List<(long Id, Geometry? Geometry)>();
            await using (var r = await Command(c, t,
                $"SELECT g.id, g.geom FROM parcel_geometries g WHERE g.is_current = 1 AND g.id > @after{scope} ORDER BY g.id LIMIT {RecheckBatch}",
                ("after", after)).ExecuteReaderAsync(ct))
            {
                while (await r.ReadAsync(ct)) batch.Add((Long(r, 0), ReadGeometry(r, 1)));
            }
            if (batch.Count == 0) return checkedCount;
            foreach (var (id, geometry) in batch)
            {
                var conflicts = geometry is IPolygonal && !geometry.IsEmpty ? await CheckAsync(c, t, op, geometry, layers, ct) : [];
                await Command(c, t, "UPDATE parcel_geometries SET conflicts = @c WHERE id = @id",
                    ("c", new JsonText(StoredConflicts.Write(conflicts))), ("id", id)).ExecuteNonQueryAsync(ct);
                checkedCount++;
            }
            after = batch[^1].Id;
        }
    }

    /// <summary>Checks the parcels of a newly imported report (nothing to do while the store has no checked layer).</summary>
    private async Task RecheckReportConflictsAsync(DbConnection c, DbTransaction t, long reportId, CancellationToken ct)
    {
        var any = await Command(c, t, $"SELECT COUNT(*) FROM layers WHERE kind IN ({CheckedKindList})").ExecuteScalarAsync(ct);
        if (Convert.ToInt64(any, CultureInfo.InvariantCulture) == 0) return;
        var ids = new List<long>();
        await using (var r = await Command(c, t, "SELECT id FROM parcels WHERE report_id = @r", ("r", reportId)).ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct)) ids.Add(Long(r, 0));
        }
        await RecheckConflictsAsync(c, t, ids, ct);
    }

    private async Task<List<LayerConflict>> CheckAsync(DbConnection c, DbTransaction t, ConflictCheckOp op, Geometry parcel,
        List<(long Id, string Name, LayerKind Kind)> layers, CancellationToken ct)
    {
        var result = new List<LayerConflict>();
        foreach (var layer in layers)
        {
            var features = new List<OverlayFeature>();
            // "+f.layer_id": SQLite would otherwise walk the (layer_id, feature_key) index over the whole layer and test each
            // row against the R*Tree; the unary plus makes the spatial index drive (measured: 9.5 ms → see docs/benchmarks.md).
            await using (var r = await Command(c, t, $"SELECT f.feature_key, f.attributes, f.geom FROM layer_features f WHERE +f.layer_id = @layer AND {LayerBoxFilterSql}",
                [("layer", layer.Id), .. BoxParameters(parcel.EnvelopeInternal)]).ExecuteReaderAsync(ct))
            {
                while (await r.ReadAsync(ct))
                {
                    var code = layer.Kind == LayerKind.LandSurvey ? LandClassCode(r.GetString(1)) : null;
                    if (ReadGeometry(r, 2) is { } g) features.Add(new OverlayFeature(r.GetString(0), g, code));
                }
            }
            // An urban boundary with no feature near the parcel still has the parcel wholly outside it.
            if (features.Count == 0 && layer.Kind != LayerKind.UrbanBoundary) continue;
            if (op.Check(parcel, layer.Name, layer.Kind, features) is { } conflict) result.Add(conflict);
        }
        return result;
    }

    // DLBM as the survey stores it; a file whose codes are numbers (101) lost the leading zero, which is put back.
    private static string? LandClassCode(string attributesJson)
    {
        using var doc = JsonDocument.Parse(attributesJson);
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            if (!p.Name.Equals("DLBM", StringComparison.OrdinalIgnoreCase)) continue;
            return p.Value.ValueKind switch
            {
                JsonValueKind.String => p.Value.GetString(),
                JsonValueKind.Number => p.Value.GetRawText().PadLeft(4, '0'),
                _ => null,
            };
        }
        return null;
    }

    /// <summary>SQLite: adds <paramref name="column"/> to <paramref name="table"/> (names from the schema code, never input) unless there.</summary>
    internal async Task AddColumnIfMissingAsync(DbConnection c, DbTransaction t, string table, string column, string type, CancellationToken ct)
    {
        var present = await Command(c, t, $"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = @n", ("n", column)).ExecuteScalarAsync(ct);
        if (Convert.ToInt64(present, CultureInfo.InvariantCulture) == 0)
            await Command(c, t, $"ALTER TABLE {table} ADD COLUMN {column} {type}").ExecuteNonQueryAsync(ct);
    }

    private async Task<double> ConflictToleranceAsync(DbConnection c, DbTransaction t, CancellationToken ct)
    {
        var value = await Command(c, t, "SELECT value FROM store_settings WHERE key = @k", ("k", ConflictToleranceSetting)).ExecuteScalarAsync(ct);
        return value is string s && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var m2) && m2 >= 0
            ? m2 : ConflictOptions.DefaultToleranceM2;
    }
}
