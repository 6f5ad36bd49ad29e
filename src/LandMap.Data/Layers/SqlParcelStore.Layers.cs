using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using LandMap.Core.Conflicts;
using LandMap.Core.Filtering;
using LandMap.Core.Layers;
using LandMap.Data.Layers;
using NetTopologySuite.Geometries;

namespace LandMap.Data.Sql;

// The layer queries live beside the layer schema; they share the store's helpers, so this is a part of the same class.
public abstract partial class SqlParcelStore : ILayerStore
{

    /// <summary>Writes the rows of layer <paramref name="layerId"/> (and, in SQLite, their R*Tree entries) as they come.</summary>
    private protected abstract Task WriteLayerFeaturesAsync(DbConnection c, DbTransaction t, long layerId, IEnumerable<LayerRow> rows, CancellationToken ct);

    /// <summary>Deletes the features of layer <paramref name="layerId"/> (and their R*Tree entries in SQLite).</summary>
    private protected virtual async Task DeleteLayerFeaturesAsync(DbConnection c, DbTransaction t, long layerId, CancellationToken ct) =>
        await Command(c, t, "DELETE FROM layer_features WHERE layer_id = @id", ("id", layerId)).ExecuteNonQueryAsync(ct);

    /// <summary>A condition on layer_features f: its envelope meets @bb_min_x, @bb_min_y, @bb_max_x, @bb_max_y.</summary>
    private protected abstract string LayerBoxFilterSql { get; }

    /// <inheritdoc />
    public async Task<LayerImportResult> ImportLayerAsync(LayerImport import, IEnumerable<LayerFeature> features, IProgress<long>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(import);
        ArgumentNullException.ThrowIfNull(features);
        CheckLayerName(import.Name);
        var tally = new LayerTally(import, progress, cancellationToken);
        try
        {
            // Not InTransactionAsync: a retry would have to read the features again, and they are read once.
            await using var c = NewConnection();
            await c.OpenAsync(cancellationToken);
            await PrepareConnectionAsync(c, cancellationToken);
            await PrepareBulkWriteAsync(c, cancellationToken);
            await using var t = await c.BeginTransactionAsync(cancellationToken);
            var old = await Command(c, t, "SELECT id FROM layers WHERE name = @n", ("n", import.Name)).ExecuteScalarAsync(cancellationToken) is { } o and not DBNull
                ? Convert.ToInt64(o) : (long?)null;
            var oldKind = old is null ? null
                : LayerKinds.Parse((string)(await Command(c, t, "SELECT kind FROM layers WHERE id = @id", ("id", old)).ExecuteScalarAsync(cancellationToken))!);
            // The old version steps aside under a name no user can give (names refuse control characters) until the new one is in.
            if (old is { } oldId)
                await Command(c, t, "UPDATE layers SET name = @tmp WHERE id = @id", ("tmp", $"\u0001replaced {oldId}"), ("id", oldId)).ExecuteNonQueryAsync(cancellationToken);
            var layerId = Convert.ToInt64(await Command(c, t,
                """
                INSERT INTO layers (name, kind, source_file, source_crs, area_crs, encoding, fields, feature_count, repaired_count, imported_at, imported_by)
                VALUES (@name, @kind, @file, @crs, @area_crs, @encoding, @fields, 0, 0, @at, @by) RETURNING id
                """,
                ("name", import.Name), ("kind", import.Kind.Name()), ("file", import.SourceFile), ("crs", import.SourceCrs), ("area_crs", import.AreaCrs),
                ("encoding", import.Encoding), ("fields", Json(Array.Empty<object>())), ("at", DateTime.UtcNow), ("by", import.ImportedBy))
                .ExecuteScalarAsync(cancellationToken));
            // Reading, repair, projection and encoding run on a second core while this one writes (ReadAhead).
            // At most 8 batches of 256 rows or 4 MiB wait, so a layer of 100,000-vertex red-line polygons stays bounded too.
            var rows = ReadAhead.Of(tally.Rows(features), cancellationToken, weigh: row => row.Wkb.Length + 2L * row.AttributesJson.Length, batchWeight: 4 << 20);
            await WriteLayerFeaturesAsync(c, t, layerId, rows, cancellationToken);

            var (added, removed, changed) = (tally.Count, 0L, 0L);
            if (old is { } previous)
            {
                (added, removed, changed) = await DiffLayersAsync(c, t, previous, layerId, cancellationToken);
                await DeleteLayerFeaturesAsync(c, t, previous, cancellationToken);
                await Command(c, t, "DELETE FROM layers WHERE id = @id", ("id", previous)).ExecuteNonQueryAsync(cancellationToken);
            }
            var e = tally.Extent;
            await Command(c, t,
                """
                UPDATE layers SET fields = @fields, feature_count = @count, repaired_count = @repaired, area_crs = @area_crs,
                    min_x = @min_x, min_y = @min_y, max_x = @max_x, max_y = @max_y WHERE id = @id
                """,
                ("fields", Json(tally.Fields())), ("area_crs", import.AreaCrsOnceRead?.Invoke() ?? import.AreaCrs), ("count", tally.Count), ("repaired", tally.Repaired),
                ("min_x", e?.MinX), ("min_y", e?.MinY), ("max_x", e?.MaxX), ("max_y", e?.MaxY), ("id", layerId)).ExecuteNonQueryAsync(cancellationToken);
            // In the import's transaction: the parcels' conflicts change with the layer or not at all.
            if (ConflictCheckOp.CheckedKinds.Contains(import.Kind) || oldKind is { } k && ConflictCheckOp.CheckedKinds.Contains(k))
                await RecheckConflictsAsync(c, t, null, cancellationToken);
            await AuditAsync(c, t, import.ImportedBy, "layer-import", "layer", layerId, new
            {
                name = import.Name, kind = import.Kind.Name(), file = import.SourceFile, crs = import.SourceCrs, features = tally.Count,
                repaired = tally.Repaired, replaced = old, added, removed, changed,
            }, cancellationToken);
            await Command(c, t, "UPDATE store_changes SET seq = seq + 1 WHERE id = 1").ExecuteNonQueryAsync(cancellationToken);
            await t.CommitAsync(cancellationToken);
            return new LayerImportResult(layerId, tally.Count, tally.Repaired, old is not null, added, removed, changed, e);
        }
        catch (Exception e) when (e is not StoreException && Translate(e) is { } translated)
        {
            throw translated;
        }
    }

    // Keys compared between the two versions; a key in both counts as changed when its content hash differs.
    private async Task<(long Added, long Removed, long Changed)> DiffLayersAsync(DbConnection c, DbTransaction t, long oldId, long newId, CancellationToken ct)
    {
        await using var r = await Command(c, t,
            """
            SELECT
              (SELECT COUNT(DISTINCT n.feature_key) FROM layer_features n WHERE n.layer_id = @new
                 AND NOT EXISTS (SELECT 1 FROM layer_features o WHERE o.layer_id = @old AND o.feature_key = n.feature_key)),
              (SELECT COUNT(DISTINCT o.feature_key) FROM layer_features o WHERE o.layer_id = @old
                 AND NOT EXISTS (SELECT 1 FROM layer_features n WHERE n.layer_id = @new AND n.feature_key = o.feature_key)),
              (SELECT COUNT(DISTINCT n.feature_key) FROM layer_features n JOIN layer_features o ON o.layer_id = @old AND o.feature_key = n.feature_key
                 WHERE n.layer_id = @new AND n.content_hash <> o.content_hash)
            """, ("old", oldId), ("new", newId)).ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return (Long(r, 0), Long(r, 1), Long(r, 2));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredLayer>> ListLayersAsync(CancellationToken cancellationToken = default) =>
        WithConnectionAsync<IReadOnlyList<StoredLayer>>(async c =>
        {
            var result = new List<StoredLayer>();
            await using var r = await Command(c, null,
                """
                SELECT id, name, kind, source_file, source_crs, area_crs, encoding, fields, feature_count, repaired_count, min_x, min_y, max_x, max_y,
                    imported_at, imported_by FROM layers ORDER BY name
                """).ExecuteReaderAsync(cancellationToken);
            while (await r.ReadAsync(cancellationToken))
            {
                var extent = r.IsDBNull(10) ? null : new Envelope(DoubleOrNull(r, 10)!.Value, DoubleOrNull(r, 12)!.Value, DoubleOrNull(r, 11)!.Value, DoubleOrNull(r, 13)!.Value);
                var fields = JsonSerializer.Deserialize<List<LayerField>>(r.GetString(7), JsonOptions) ?? [];
                result.Add(new StoredLayer(Long(r, 0), r.GetString(1), LayerKinds.Parse(r.GetString(2)) ?? LayerKind.Other, r.GetString(3), r.GetString(4),
                    r.GetString(5), StringOrNull(r, 6), fields, Long(r, 8), Long(r, 9), extent, Time(r, 14), r.GetString(15)));
            }
            return result;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<bool> RemoveLayerAsync(string name, string actor, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async (c, t) =>
        {
            await using var find = Command(c, t, "SELECT id, feature_count, kind FROM layers WHERE name = @n", ("n", name));
            long id, count;
            LayerKind? kind;
            await using (var r = await find.ExecuteReaderAsync(cancellationToken))
            {
                if (!await r.ReadAsync(cancellationToken)) return false;
                (id, count, kind) = (Long(r, 0), Long(r, 1), LayerKinds.Parse(r.GetString(2)));
            }
            await DeleteLayerFeaturesAsync(c, t, id, cancellationToken);
            await Command(c, t, "DELETE FROM layers WHERE id = @id", ("id", id)).ExecuteNonQueryAsync(cancellationToken);
            if (kind is { } removed && ConflictCheckOp.CheckedKinds.Contains(removed)) await RecheckConflictsAsync(c, t, null, cancellationToken);
            await AuditAsync(c, t, actor, "layer-remove", "layer", id, new { name, features = count }, cancellationToken);
            return true;
        }, cancellationToken);

    /// <summary>
    /// A field of layer_features f's attributes as SQL of <paramref name="type"/> (numbers: null where the value is no number).
    /// <paramref name="field"/> has passed <see cref="LayerFilterFields.IsSafeName"/>, so it may stand in a string literal.
    /// </summary>
    private protected abstract string LayerAttributeSql(string field, CqlType type);

    /// <summary>
    /// A condition on layer_features f that is true when f.geom intersects @area, for a backend whose intersects test is
    /// exact (<see cref="IntersectsIsExact"/>); the others test envelopes and refine in memory.
    /// </summary>
    private protected virtual string? LayerIntersectsSql => null;

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredLayerFeature>?> QueryLayerFeaturesAsync(string name, Envelope? bbox, int limit, int offset, CqlExpression? filter = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        return WithConnectionAsync<IReadOnlyList<StoredLayerFeature>?>(async c =>
        {
            if (await LayerFieldsAsync(c, name, cancellationToken) is not { } layer) return null;
            var (where, parameters, refine) = LayerFilter(layer.Schema, bbox, filter);
            parameters.Add(("layer", layer.Id));
            // An inexact spatial filter is refined in memory, so limit and offset apply after it.
            if (refine) return await RefinedLayerFeaturesAsync(c, where, parameters, filter!, layer.Schema, cancellationToken).Skip(offset).Take(limit).ToListAsync(cancellationToken);
            parameters.AddRange([("limit", limit), ("offset", offset)]);
            var result = new List<StoredLayerFeature>();
            await using var r = await Command(c, null, $"SELECT {LayerFeatureColumns} FROM layer_features f WHERE f.layer_id = @layer{where} ORDER BY f.id LIMIT @limit OFFSET @offset",
                [.. parameters]).ExecuteReaderAsync(cancellationToken);
            while (await r.ReadAsync(cancellationToken)) result.Add(ReadLayerFeature(r));
            return result;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<long?> CountLayerFeaturesAsync(string name, Envelope? bbox, CqlExpression? filter = null, CancellationToken cancellationToken = default) =>
        WithConnectionAsync<long?>(async c =>
        {
            if (await LayerFieldsAsync(c, name, cancellationToken) is not { } layer) return null;
            var (where, parameters, refine) = LayerFilter(layer.Schema, bbox, filter);
            parameters.Add(("layer", layer.Id));
            return refine
                ? await RefinedLayerFeaturesAsync(c, where, parameters, filter!, layer.Schema, cancellationToken).LongCountAsync(cancellationToken)
                : Convert.ToInt64(await Command(c, null, LayerCountSql + where, [.. parameters]).ExecuteScalarAsync(cancellationToken));
        }, cancellationToken);

    private const string LayerFeatureColumns = "f.id, f.feature_key, f.attributes, f.geom, f.area_m2";
    private const string LayerCountSql = "SELECT COUNT(*) FROM layer_features f WHERE f.layer_id = @layer";

    private StoredLayerFeature ReadLayerFeature(DbDataReader r) =>
        new(Long(r, 0), r.GetString(1), r.GetString(2), ReadGeometry(r, 3)!, DoubleOrNull(r, 4) ?? 0);

    // The rows the envelope test lets through (no more than the cap, checked first) that the filter keeps in memory, in
    // storage order, one at a time: memory stays bounded however many there are.
    private async IAsyncEnumerable<StoredLayerFeature> RefinedLayerFeaturesAsync(DbConnection c, string where, List<(string, object?)> parameters,
        CqlExpression filter, IReadOnlyDictionary<string, CqlType> schema, [EnumeratorCancellation] CancellationToken ct)
    {
        await CheckRefinementAsync(c, LayerCountSql + where, parameters, ct);
        var evaluator = new CqlEvaluator(filter);
        await using var r = await Command(c, null, $"SELECT {LayerFeatureColumns} FROM layer_features f WHERE f.layer_id = @layer{where} ORDER BY f.id",
            [.. parameters]).ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var feature = ReadLayerFeature(r);
            if (evaluator.Matches(LayerFilterFields.Reader(feature, schema))) yield return feature;
        }
    }

    /// <inheritdoc />
    public Task<StoredLayerFeature?> GetLayerFeatureAsync(string name, long id, CancellationToken cancellationToken = default) =>
        WithConnectionAsync<StoredLayerFeature?>(async c =>
        {
            await using var r = await Command(c, null,
                $"SELECT {LayerFeatureColumns} FROM layer_features f JOIN layers l ON l.id = f.layer_id WHERE l.name = @n AND f.id = @id",
                ("n", name), ("id", id)).ExecuteReaderAsync(cancellationToken);
            return await r.ReadAsync(cancellationToken)
                ? ReadLayerFeature(r)
                : null;
        }, cancellationToken);

    // The conditions after "f.layer_id = @layer": the envelope test of bbox and the filter, and whether rows need refining in memory.
    private (string Where, List<(string, object?)> Parameters, bool Refine) LayerFilter(IReadOnlyDictionary<string, CqlType> schema, Envelope? bbox,
        CqlExpression? filter)
    {
        var sql = new StringBuilder();
        var parameters = new List<(string, object?)>();
        if (bbox is not null)
        {
            sql.Append(" AND ").Append(LayerBoxFilterSql);
            parameters.AddRange(BoxParameters(bbox));
        }
        if (filter is null) return (sql.ToString(), parameters, false);
        sql.Append(" AND ");
        AppendCql(sql, parameters, filter, new CqlTarget(field => field == LayerFilterFields.Geometry ? new CqlColumn("f.geom", CqlType.Geometry)
            : schema.TryGetValue(field, out var type) && LayerFilterFields.IsSafeName(field) ? new CqlColumn(LayerAttributeSql(field, type), type)
            // A field the layer no longer has (replaced since the filter was parsed) is missing in every feature: null.
            : new CqlColumn("NULL", CqlType.String), LayerIntersectsSql, LayerBoxFilterSql));
        return (sql.ToString(), parameters, !IntersectsIsExact && CqlTree.HasSpatial(filter));
    }

    // The layer's id and its queryable fields, or null when there is no such layer.
    private async Task<(long Id, IReadOnlyDictionary<string, CqlType> Schema)?> LayerFieldsAsync(DbConnection c, string name, CancellationToken ct)
    {
        await using var r = await Command(c, null, "SELECT id, fields FROM layers WHERE name = @n", ("n", name)).ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        var fields = JsonSerializer.Deserialize<List<LayerField>>(r.GetString(1), JsonOptions) ?? [];
        return (Long(r, 0), LayerFilterFields.Schema(fields));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredLayerFeature>?> QueryLayerTileFeaturesAsync(string name, Envelope bbox, double minAreaM2, int limit,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bbox);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return WithConnectionAsync<IReadOnlyList<StoredLayerFeature>?>(async c =>
        {
            if (await LayerIdAsync(c, name, cancellationToken) is not { } layerId) return null;
            var result = new List<StoredLayerFeature>();
            // Lines and points have area 0 and are never dropped for size; polygons under the floor cannot show at the zoom.
            await using var r = await Command(c, null,
                $"SELECT {LayerFeatureColumns} FROM layer_features f WHERE f.layer_id = @layer AND {LayerBoxFilterSql}" +
                " AND (f.area_m2 >= @floor OR f.area_m2 = 0) ORDER BY f.area_m2 DESC, f.id LIMIT @limit",
                [("layer", layerId), ("floor", minAreaM2), ("limit", limit), .. BoxParameters(bbox)]).ExecuteReaderAsync(cancellationToken);
            while (await r.ReadAsync(cancellationToken))
                result.Add(ReadLayerFeature(r));
            return result;
        }, cancellationToken);
    }

    private async Task<long?> LayerIdAsync(DbConnection c, string name, CancellationToken ct) =>
        await Command(c, null, "SELECT id FROM layers WHERE name = @n", ("n", name)).ExecuteScalarAsync(ct) is { } found and not DBNull
            ? Convert.ToInt64(found) : null;

    private static void CheckLayerName(string name)
    {
        if (LayerNames.Problem(name) is { } problem) throw new ArgumentException(problem, nameof(name));
    }

    /// <summary>One feature as written: the key, attributes as JSON, WKB, envelope, area and content hash.</summary>
    private protected sealed record LayerRow(string Key, string AttributesJson, Geometry Geometry, byte[] Wkb, Envelope Envelope, double AreaM2, long ContentHash);
}
