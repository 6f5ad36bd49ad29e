using System.Data.Common;
using LandMap.Core.Filtering;
using Microsoft.Data.Sqlite;

namespace LandMap.Data.Sqlite;

/// <summary>
/// Layer rows through one prepared statement on the raw handle (<see cref="SqliteBulkInsert"/>); the R*Tree is filled
/// after the rows with one INSERT … SELECT and emptied before they go, so no trigger runs per row.
/// </summary>
public sealed partial class SqliteParcelStore
{
    /// <inheritdoc />
    private protected override async Task WriteLayerFeaturesAsync(DbConnection c, DbTransaction t, long layerId, IEnumerable<LayerRow> rows, CancellationToken ct)
    {
        using (var insert = new SqliteBulkInsert((SqliteConnection)c,
            "INSERT INTO layer_features (layer_id, feature_key, attributes, geom, min_x, min_y, max_x, max_y, area_m2, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"))
        {
            foreach (var row in rows)
            {
                var e = row.Envelope;
                insert.Add(layerId).Add(row.Key).Add(row.AttributesJson).Add(row.Wkb).Add(e.MinX).Add(e.MinY).Add(e.MaxX).Add(e.MaxY)
                    .Add(row.AreaM2).Add(row.ContentHash).Step();
            }
        }
        await Command(c, t, "INSERT INTO layer_feature_rtree SELECT id, min_x, max_x, min_y, max_y FROM layer_features WHERE layer_id = @id", ("id", layerId))
            .ExecuteNonQueryAsync(ct);
    }

    /// <inheritdoc />
    private protected override async Task DeleteLayerFeaturesAsync(DbConnection c, DbTransaction t, long layerId, CancellationToken ct)
    {
        await Command(c, t, "DELETE FROM layer_feature_rtree WHERE id IN (SELECT id FROM layer_features WHERE layer_id = @id)", ("id", layerId)).ExecuteNonQueryAsync(ct);
        await base.DeleteLayerFeaturesAsync(c, t, layerId, ct);
    }

    /// <inheritdoc />
    // As for parcels: the R*Tree's float32 boxes narrow the rows, the envelope columns make the test exact.
    private protected override string LayerBoxFilterSql =>
        "f.id IN (SELECT id FROM layer_feature_rtree WHERE max_x >= @bb_min_x AND min_x <= @bb_max_x AND max_y >= @bb_min_y AND min_y <= @bb_max_y)" +
        " AND f.max_x >= @bb_min_x AND f.min_x <= @bb_max_x AND f.max_y >= @bb_min_y AND f.min_y <= @bb_max_y";

    /// <inheritdoc />
    // json_type keeps each field to its type (a number field's stray text, a text field's stray number or boolean are
    // null), as in PostgreSQL: the two would print such strays differently (1E+20, 100000000000000000000; 1, true).
    private protected override string LayerAttributeSql(string field, CqlType type) =>
        $"(CASE WHEN json_type(f.attributes, '$.\"{field}\"') IN ({(type == CqlType.String ? "'text'" : "'integer', 'real'")}) " +
        $"THEN json_extract(f.attributes, '$.\"{field}\"') END)";
}
