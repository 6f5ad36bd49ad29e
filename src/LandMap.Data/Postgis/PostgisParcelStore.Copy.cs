using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace LandMap.Data.Postgis;

/// <summary>
/// Bulk import: a report's entries, parcels and geometry versions go to the server as three binary COPY streams
/// instead of three round trips per entry. Ids come from the tables' identity sequences first, since COPY cannot
/// return the ids it generates and the parcels must point at their entries.
/// </summary>
public sealed partial class PostgisParcelStore
{
    /// <inheritdoc />
    /// <remarks>
    /// nextval never hands a value out twice, even to concurrent transactions or after a rollback, so the ids are this
    /// transaction's alone; they need not be contiguous. The table name is one of the import's own constants.
    /// </remarks>
    private protected override async Task<long[]> ReserveIdsAsync(DbConnection c, DbTransaction t, string table, int count, CancellationToken ct)
    {
        // The sequence is looked up once: inside the series, pg_get_serial_sequence would run per row, at seven times the cost.
        var sequence = Convert.ToInt64(await Command(c, t, "SELECT pg_get_serial_sequence(@table, 'id')::regclass::oid::bigint", ("table", table))
            .ExecuteScalarAsync(ct));
        var ids = new List<long>(count);
        await using var reader = await Command(c, t, "SELECT nextval(@seq::oid::regclass) FROM generate_series(1, @n)",
            ("seq", sequence), ("n", count)).ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids.Add(reader.GetInt64(0));
        ids.Sort();
        return [.. ids];
    }

    /// <inheritdoc />
    /// <remarks>COPY writes the given values into the identity columns (as OVERRIDING SYSTEM VALUE would) and fires the foreign-key checks as inserts do.</remarks>
    private protected override async Task WriteEntriesAsync(DbConnection c, DbTransaction t, long reportId, IReadOnlyList<EntryRow> rows, object? batch,
        CancellationToken ct)
    {
        var connection = (NpgsqlConnection)c;
        await using (var entries = await connection.BeginBinaryImportAsync(
            """
            COPY land_entries (id, report_id, seq, name, location, area_mu, approx, area_qualifier, area_text, parts, bounds, note, source_line,
                source_text, land_use, land_use_name, land_use_reason) FROM STDIN (FORMAT BINARY)
            """, ct))
        {
            foreach (var row in rows)
            {
                var e = row.Entry;
                await entries.StartRowAsync(ct);
                await entries.WriteAsync(row.EntryId, NpgsqlDbType.Bigint, ct);
                await entries.WriteAsync(reportId, NpgsqlDbType.Bigint, ct);
                await entries.WriteAsync(e.Seq, NpgsqlDbType.Integer, ct);
                await entries.WriteAsync(e.Name, NpgsqlDbType.Text, ct);
                await WriteOrNullAsync(entries, e.Location, NpgsqlDbType.Text, ct);
                await WriteOrNullAsync(entries, e.AreaMu, NpgsqlDbType.Double, ct);
                await entries.WriteAsync(e.Approx ? 1 : 0, NpgsqlDbType.Integer, ct);
                await WriteOrNullAsync(entries, row.AreaQualifier, NpgsqlDbType.Text, ct);
                await WriteOrNullAsync(entries, e.AreaText, NpgsqlDbType.Text, ct);
                await entries.WriteAsync(row.Parts.Text, NpgsqlDbType.Jsonb, ct);
                await entries.WriteAsync(row.Bounds.Text, NpgsqlDbType.Jsonb, ct);
                await WriteOrNullAsync(entries, e.Note, NpgsqlDbType.Text, ct);
                await entries.WriteAsync(e.Source.Line, NpgsqlDbType.Integer, ct);
                await entries.WriteAsync(e.Source.Text, NpgsqlDbType.Text, ct);
                await entries.WriteAsync(row.LandUse, NpgsqlDbType.Text, ct);
                await entries.WriteAsync(row.LandUseName, NpgsqlDbType.Text, ct);
                await entries.WriteAsync(row.LandUseReason, NpgsqlDbType.Text, ct);
            }
            await entries.CompleteAsync(ct);
        }

        await using (var parcels = await connection.BeginBinaryImportAsync(
            "COPY parcels (id, entry_id, report_id, version, public_id, is_current) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var row in rows)
            {
                await parcels.StartRowAsync(ct);
                await parcels.WriteAsync(row.ParcelId, NpgsqlDbType.Bigint, ct);
                await parcels.WriteAsync(row.EntryId, NpgsqlDbType.Bigint, ct);
                await parcels.WriteAsync(reportId, NpgsqlDbType.Bigint, ct);
                await parcels.WriteAsync(row.Version.VersionNo, NpgsqlDbType.Integer, ct);
                await parcels.WriteAsync(row.PublicId, NpgsqlDbType.Bigint, ct);
                await parcels.WriteAsync(1, NpgsqlDbType.Integer, ct);
            }
            await parcels.CompleteAsync(ct);
        }

        await using (var versions = await connection.BeginBinaryImportAsync(
            """
            COPY parcel_geometries (id, parcel_id, version_no, is_current, geom, status, confidence, method, constraints, warnings, area_mu_computed,
                made_by, made_by_kind, reason, made_at) FROM STDIN (FORMAT BINARY)
            """, ct))
        {
            foreach (var row in rows)
            {
                var v = row.Version;
                await versions.StartRowAsync(ct);
                await versions.WriteAsync(row.GeometryId, NpgsqlDbType.Bigint, ct);
                await versions.WriteAsync(v.ParcelId, NpgsqlDbType.Bigint, ct);
                await versions.WriteAsync(v.VersionNo, NpgsqlDbType.Integer, ct);
                await versions.WriteAsync(1, NpgsqlDbType.Integer, ct);
                await WriteOrNullAsync(versions, v.Geometry, NpgsqlDbType.Geometry, ct);
                await versions.WriteAsync(v.Status, NpgsqlDbType.Text, ct);
                await versions.WriteAsync(v.Confidence, NpgsqlDbType.Double, ct);
                await versions.WriteAsync(v.Method, NpgsqlDbType.Text, ct);
                await versions.WriteAsync(v.Constraints.Text, NpgsqlDbType.Jsonb, ct);
                await versions.WriteAsync(v.Warnings.Text, NpgsqlDbType.Jsonb, ct);
                await WriteOrNullAsync(versions, v.AreaMuComputed, NpgsqlDbType.Double, ct);
                await versions.WriteAsync(v.MadeBy, NpgsqlDbType.Text, ct);
                await versions.WriteAsync(v.MadeByKind, NpgsqlDbType.Text, ct);
                await WriteOrNullAsync(versions, v.Reason, NpgsqlDbType.Text, ct);
                await versions.WriteAsync(v.MadeAt, NpgsqlDbType.TimestampTz, ct);
            }
            await versions.CompleteAsync(ct);
        }
    }

    private static Task WriteOrNullAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type, CancellationToken ct) where T : class =>
        value is null ? writer.WriteNullAsync(ct) : writer.WriteAsync(value, type, ct);

    private static Task WriteOrNullAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type, CancellationToken ct) where T : struct =>
        value is { } present ? writer.WriteAsync(present, type, ct) : writer.WriteNullAsync(ct);
}
