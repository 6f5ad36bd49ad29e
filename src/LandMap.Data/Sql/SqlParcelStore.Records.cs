using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LandMap.Core.Crs;
using LandMap.Core.Gazetteer;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace LandMap.Data.Sql;

public abstract partial class SqlParcelStore
{
    /// <summary>Every table of the schema, in dependency order: the allow-list <see cref="CountRowsAsync"/> reads.</summary>
    public static readonly IReadOnlyList<string> Tables =
    [
        "reports", "land_entries", "parcels", "parcel_geometries", "key_projects", "project_stage_events",
        "indicators", "indicator_values", "gazetteer_features", "audit_log", "users", "review_comments", "link_decisions",
        "layers", "layer_features",
    ];

    private const double SquareMetresPerMu = 10_000.0 / 15;

    /// <inheritdoc />
    public Task<SaveGeometryResult> SaveGeometryAsync(GeometryEdit edit, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async (c, t) =>
        {
            // The version check and the bump are one statement, so two editors cannot both pass it.
            var bumped = await Command(c, t, "UPDATE parcels SET version = version + 1 WHERE id = @id AND version = @expected",
                ("id", edit.ParcelId), ("expected", edit.ExpectedVersion)).ExecuteNonQueryAsync(cancellationToken);
            if (bumped == 0)
            {
                var current = await Command(c, t, "SELECT version FROM parcels WHERE id = @id", ("id", edit.ParcelId)).ExecuteScalarAsync(cancellationToken);
                return current is null or DBNull
                    ? new SaveGeometryResult(SaveOutcome.NotFound, 0)
                    : new SaveGeometryResult(SaveOutcome.Conflict, Convert.ToInt32(current));
            }
            var next = Convert.ToInt32(await Command(c, t, "SELECT COALESCE(MAX(version_no), 0) + 1 FROM parcel_geometries WHERE parcel_id = @id",
                ("id", edit.ParcelId)).ExecuteScalarAsync(cancellationToken));
            await Command(c, t, "UPDATE parcel_geometries SET is_current = 0 WHERE parcel_id = @id AND is_current = 1", ("id", edit.ParcelId))
                .ExecuteNonQueryAsync(cancellationToken);
            double? areaMu = edit.Geometry is IPolygonal ? MetricPlane.For(edit.Geometry).AreaM2(edit.Geometry) / SquareMetresPerMu : null;
            await InsertVersionAsync(VersionInsert(c, t), new VersionRow(edit.ParcelId, next, edit.Geometry, "reviewed", 1, "edit", Json(Array.Empty<object>()),
                Json(Array.Empty<string>()), areaMu, edit.MadeBy, "user", edit.Reason, DateTime.UtcNow), cancellationToken);
            await RecheckConflictsAsync(c, t, [edit.ParcelId], cancellationToken);
            await AuditAsync(c, t, edit.MadeBy, "edit-geometry", "parcel", edit.ParcelId,
                new { from = edit.ExpectedVersion, to = edit.ExpectedVersion + 1, versionNo = next, reason = edit.Reason }, cancellationToken);
            return new SaveGeometryResult(SaveOutcome.Saved, edit.ExpectedVersion + 1);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredReport>> ListReportsAsync(CancellationToken cancellationToken = default) =>
        WithConnectionAsync<IReadOnlyList<StoredReport>>(async c =>
        {
            var result = new List<StoredReport>();
            await using var r = await Command(c, null,
                """
                SELECT id, file_name, content_sha256, district, review_year, plan_year, kind, encoding, declared_count, entry_count, imported_at, superseded_by
                FROM reports ORDER BY id
                """).ExecuteReaderAsync(cancellationToken);
            while (await r.ReadAsync(cancellationToken))
                result.Add(new StoredReport(Long(r, 0), r.GetString(1), r.GetString(2), StringOrNull(r, 3), IntOrNull(r, 4), IntOrNull(r, 5), r.GetString(6),
                    r.GetString(7), IntOrNull(r, 8), Int(r, 9), Time(r, 10), LongOrNull(r, 11)));
            return result;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ProjectStageEvent>> ListProjectEventsAsync(long? reportId = null, CancellationToken cancellationToken = default) =>
        WithConnectionAsync<IReadOnlyList<ProjectStageEvent>>(async c =>
        {
            var sql = """
                SELECT k.id, k.name, k.phase, r.id, r.file_name, r.plan_year, s.stage, s.stage_text, s.target, s.investment_yi, s.investment_text, s.source_line
                FROM project_stage_events s JOIN key_projects k ON k.id = s.project_id JOIN reports r ON r.id = s.report_id
                """ + (reportId is null ? " WHERE r.superseded_by IS NULL" : " WHERE r.id = @r") + " ORDER BY r.id, s.id";
            var result = new List<ProjectStageEvent>();
            await using var r = await Command(c, null, sql, reportId is null ? [] : [("r", reportId)]).ExecuteReaderAsync(cancellationToken);
            while (await r.ReadAsync(cancellationToken))
                result.Add(new ProjectStageEvent(Long(r, 0), r.GetString(1), r.GetString(2), Long(r, 3), r.GetString(4), IntOrNull(r, 5), StringOrNull(r, 6),
                    StringOrNull(r, 7), Int(r, 8) == 1, DoubleOrNull(r, 9), StringOrNull(r, 10), Int(r, 11)));
            return result;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<IndicatorRow>> ListIndicatorsAsync(long? reportId = null, CancellationToken cancellationToken = default) =>
        WithConnectionAsync<IReadOnlyList<IndicatorRow>>(async c =>
        {
            var sql = """
                SELECT r.id, r.file_name, i.name, i.unit, i.category, v.year, v.kind, v.text, v.value, v.measure
                FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id JOIN reports r ON r.id = i.report_id
                """ + (reportId is null ? " WHERE r.superseded_by IS NULL" : " WHERE r.id = @r") + " ORDER BY r.id, i.id, v.id";
            var result = new List<IndicatorRow>();
            await using var r = await Command(c, null, sql, reportId is null ? [] : [("r", reportId)]).ExecuteReaderAsync(cancellationToken);
            while (await r.ReadAsync(cancellationToken))
                result.Add(new IndicatorRow(Long(r, 0), r.GetString(1), r.GetString(2), StringOrNull(r, 3), StringOrNull(r, 4), Int(r, 5), r.GetString(6),
                    r.GetString(7), DoubleOrNull(r, 8), StringOrNull(r, 9)));
            return result;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<bool> SyncGazetteerAsync(IReadOnlyList<GazetteerFeature> features, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async (c, t) =>
        {
            var fingerprint = Fingerprint(features);
            var stored = await Command(c, t, "SELECT value FROM store_settings WHERE key = 'gazetteer_sha256'").ExecuteScalarAsync(cancellationToken);
            if (stored as string == fingerprint) return false;
            await Command(c, t, "DELETE FROM gazetteer_features").ExecuteNonQueryAsync(cancellationToken);
            var insert = Command(c, t, $"INSERT INTO gazetteer_features (name, kind, district, aliases, precision_m, source, {GeometryColumns}) VALUES (@n, @k, @d, @a, @p, @s, {GeometryValues("g")})");
            foreach (var f in features)
            {
                Set(insert, "n", f.Name); Set(insert, "k", f.Kind.ToString().ToLowerInvariant()); Set(insert, "d", f.District); Set(insert, "a", Json(f.Aliases));
                Set(insert, "p", f.PrecisionM); Set(insert, "s", f.Source ?? f.File); BindGeometry(insert, "g", f.Geometry);
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
            await Command(c, t, "INSERT INTO store_settings (key, value) VALUES ('gazetteer_sha256', @v) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                ("v", fingerprint)).ExecuteNonQueryAsync(cancellationToken);
            await AuditAsync(c, t, ReportImport.Geocoder, "sync-gazetteer", "gazetteer", null, new { features = features.Count, sha256 = fingerprint }, cancellationToken);
            return true;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<GazetteerFeature>> ListGazetteerAsync(Envelope wgs84Box, IReadOnlyCollection<PlaceKind> kinds, int limit,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(wgs84Box);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        // Kind names come from the enum, never from a caller's text.
        var kindList = string.Join(", ", kinds.Distinct().Select(k => $"'{k.ToString().ToLowerInvariant()}'"));
        if (kindList.Length == 0) return Task.FromResult<IReadOnlyList<GazetteerFeature>>([]);
        return WithConnectionAsync<IReadOnlyList<GazetteerFeature>>(async c =>
        {
            var result = new List<GazetteerFeature>();
            await using var r = await Command(c, null,
                    $"SELECT name, kind, district, aliases, precision_m, source, geom FROM gazetteer_features WHERE kind IN ({kindList}) AND {GazetteerBoxFilterSql} " +
                    "ORDER BY name, id LIMIT @l",
                    ("bb_min_x", wgs84Box.MinX), ("bb_min_y", wgs84Box.MinY), ("bb_max_x", wgs84Box.MaxX), ("bb_max_y", wgs84Box.MaxY), ("l", limit))
                .ExecuteReaderAsync(cancellationToken);
            while (await r.ReadAsync(cancellationToken))
            {
                if (ReadGeometry(r, 6) is not { } geometry || !Enum.TryParse<PlaceKind>(r.GetString(1), ignoreCase: true, out var kind)) continue;
                result.Add(new GazetteerFeature
                {
                    Name = r.GetString(0), Kind = kind, District = StringOrNull(r, 2),
                    Aliases = JsonSerializer.Deserialize<string[]>(Convert.ToString(r.GetValue(3), CultureInfo.InvariantCulture) ?? "[]") ?? [],
                    PrecisionM = DoubleOrNull(r, 4), Source = StringOrNull(r, 5), Geometry = geometry,
                });
            }
            return result;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<string?> GetReportTextAsync(long reportId, CancellationToken cancellationToken = default) =>
        WithConnectionAsync(async c =>
            await Command(c, null, "SELECT source_text FROM reports WHERE id = @id", ("id", reportId)).ExecuteScalarAsync(cancellationToken) as string,
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, long>> CountRowsAsync(CancellationToken cancellationToken = default) =>
        WithConnectionAsync<IReadOnlyDictionary<string, long>>(async c =>
        {
            var counts = new Dictionary<string, long>();
            // Table names come from the constant allow-list above, never from a caller.
            foreach (var table in Tables)
                counts[table] = Convert.ToInt64(await Command(c, null, "SELECT COUNT(*) FROM " + table).ExecuteScalarAsync(cancellationToken));
            return counts;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<AuditRecord>> ListAuditAsync(int limit = 100, CancellationToken cancellationToken = default) =>
        WithConnectionAsync<IReadOnlyList<AuditRecord>>(async c =>
        {
            var result = new List<AuditRecord>();
            await using var r = await Command(c, null, "SELECT id, at, actor, action, entity, entity_id, detail FROM audit_log ORDER BY id DESC LIMIT @l", ("l", limit))
                .ExecuteReaderAsync(cancellationToken);
            while (await r.ReadAsync(cancellationToken))
                result.Add(new AuditRecord(Long(r, 0), Time(r, 1), r.GetString(2), r.GetString(3), r.GetString(4), LongOrNull(r, 5), StringOrNull(r, 6)));
            return result;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<AuditRecord>> ListParcelAuditAsync(long parcelId, int limit = 20, CancellationToken cancellationToken = default) =>
        WithConnectionAsync<IReadOnlyList<AuditRecord>>(async c =>
        {
            var result = new List<AuditRecord>();
            await using var r = await Command(c, null,
                    "SELECT id, at, actor, action, entity, entity_id, detail FROM audit_log WHERE entity = 'parcel' AND entity_id = @p ORDER BY id DESC LIMIT @l",
                    ("p", parcelId), ("l", limit))
                .ExecuteReaderAsync(cancellationToken);
            while (await r.ReadAsync(cancellationToken))
                result.Add(new AuditRecord(Long(r, 0), Time(r, 1), r.GetString(2), r.GetString(3), r.GetString(4), LongOrNull(r, 5), StringOrNull(r, 6)));
            return result;
        }, cancellationToken);

    private static string Fingerprint(IReadOnlyList<GazetteerFeature> features)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var wkb = new WKBWriter();
        foreach (var f in features)
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"{f.Name}\u001f{f.Kind}\u001f{f.District}\u001f{string.Join('、', f.Aliases)}\u001f{f.PrecisionM}\u001f{f.Source}\u001e"));
            hash.AppendData(wkb.Write(f.Geometry));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
