using System.Data.Common;
using LandMap.Core.Filtering;
using Npgsql;
using NpgsqlTypes;

namespace LandMap.Data.Postgis;

/// <summary>Layer rows as one binary COPY stream; the GiST index follows the rows as PostgreSQL inserts them.</summary>
public sealed partial class PostgisParcelStore
{
    /// <inheritdoc />
    private protected override async Task WriteLayerFeaturesAsync(DbConnection c, DbTransaction t, long layerId, IEnumerable<LayerRow> rows, CancellationToken ct)
    {
        await using var copy = await ((NpgsqlConnection)c).BeginBinaryImportAsync(
            "COPY layer_features (layer_id, feature_key, attributes, geom, area_m2, content_hash) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(layerId, NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(row.Key, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(row.AttributesJson, NpgsqlDbType.Jsonb, ct);
            await copy.WriteAsync(row.Geometry, NpgsqlDbType.Geometry, ct);
            await copy.WriteAsync(row.AreaM2, NpgsqlDbType.Double, ct);
            await copy.WriteAsync(row.ContentHash, NpgsqlDbType.Bigint, ct);
        }
        await copy.CompleteAsync(ct);
    }

    /// <inheritdoc />
    // && meets the index's float4 boxes; the ST_XMin … tests make the envelope check exact, as for parcels.
    private protected override string LayerBoxFilterSql =>
        "f.geom && ST_MakeEnvelope(@bb_min_x, @bb_min_y, @bb_max_x, @bb_max_y, 4326)" +
        " AND ST_XMax(f.geom) >= @bb_min_x AND ST_XMin(f.geom) <= @bb_max_x AND ST_YMax(f.geom) >= @bb_min_y AND ST_YMin(f.geom) <= @bb_max_y";

    /// <inheritdoc />
    private protected override string LayerIntersectsSql => "ST_Intersects(f.geom, @area)";

    /// <inheritdoc />
    // jsonb_typeof keeps each field to its type: a number field's stray text is null (never a cast error that fails the
    // request), a text field's stray number or boolean too, as in SQLite.
    private protected override string LayerAttributeSql(string field, CqlType type) => type == CqlType.String
        ? $"(CASE WHEN jsonb_typeof(f.attributes -> '{field}') = 'string' THEN f.attributes ->> '{field}' END)"
        : $"(CASE WHEN jsonb_typeof(f.attributes -> '{field}') = 'number' THEN (f.attributes ->> '{field}')::double precision END)";
}
