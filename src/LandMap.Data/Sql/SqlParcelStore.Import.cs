using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using LandMap.Core.Geocoding;
using LandMap.Core.LandUse;
using LandMap.Core.Reports;

namespace LandMap.Data.Sql;

public abstract partial class SqlParcelStore
{
    /// <inheritdoc />
    public async Task<ImportOutcome> ImportReportAsync(ReportImport import, CancellationToken cancellationToken = default) =>
        (await ImportReportsAsync([import], cancellationToken))[0];

    /// <inheritdoc />
    public Task<IReadOnlyList<ImportOutcome>> ImportReportsAsync(IEnumerable<ReportImport> imports, CancellationToken cancellationToken = default) =>
        InTransactionAsync<IReadOnlyList<ImportOutcome>>(async (c, t) =>
        {
            var batch = await BeginImportAsync(c, t, cancellationToken);
            var outcomes = new List<ImportOutcome>();
            foreach (var import in imports) outcomes.Add(await ImportOneAsync(c, t, import, batch, cancellationToken));
            await EndImportAsync(c, t, batch, cancellationToken);
            return outcomes;
        }, cancellationToken, bulk: true);

    /// <summary>
    /// Readies the store for the rows of an import transaction (SQLite: sets its spatial indexes aside), returning what
    /// <see cref="EndImportAsync"/> needs to finish them.
    /// </summary>
    private protected virtual Task<object?> BeginImportAsync(DbConnection c, DbTransaction t, CancellationToken ct) => Task.FromResult<object?>(null);

    /// <summary>Brings what <see cref="BeginImportAsync"/> set aside up to date with the rows the transaction wrote.</summary>
    private protected virtual Task EndImportAsync(DbConnection c, DbTransaction t, object? batch, CancellationToken ct) => Task.CompletedTask;

    private async Task<ImportOutcome> ImportOneAsync(DbConnection c, DbTransaction t, ReportImport import, object? batch, CancellationToken cancellationToken)
    {
        var report = import.Report;
        var existing = await Command(c, t, "SELECT id FROM reports WHERE content_sha256 = @h", ("h", import.ContentSha256)).ExecuteScalarAsync(cancellationToken);
        if (existing is not null and not DBNull) return new ImportOutcome(ImportStatus.Unchanged, Convert.ToInt64(existing), 0);

        // Only a report that names its district and plan year can replace another: without them a match is a guess.
        long? previous = null;
        if (report.District is not null && report.PlanYear is not null)
        {
            var found = await Command(c, t,
                "SELECT id FROM reports WHERE district = @d AND plan_year = @y AND kind = @k AND superseded_by IS NULL ORDER BY id DESC",
                ("d", report.District), ("y", report.PlanYear), ("k", import.Kind)).ExecuteScalarAsync(cancellationToken);
            previous = found is null or DBNull ? null : Convert.ToInt64(found);
        }

        // Checked and freed before the insert: the new edition takes over the ids of its predecessor's entries.
        await CheckPublicIdsAsync(c, t, report, previous, cancellationToken);
        if (previous is { } replaced)
            await Command(c, t, "UPDATE parcels SET is_current = 0 WHERE report_id = @o", ("o", replaced)).ExecuteNonQueryAsync(cancellationToken);

        var reportId = Convert.ToInt64(await Command(c, t,
            """
            INSERT INTO reports (file_name, content_sha256, district, review_year, plan_year, kind, encoding, declared_count, entry_count, warnings, imported_at,
                source_text)
            VALUES (@f, @h, @d, @ry, @py, @k, @enc, @dc, @ec, @w, @at, @text) RETURNING id
            """,
            ("f", report.File), ("h", import.ContentSha256), ("d", report.District), ("ry", report.ReviewYear), ("py", report.PlanYear),
            ("k", import.Kind), ("enc", report.Encoding), ("dc", report.LandColumn?.DeclaredCount), ("ec", report.LandEntries.Count),
            ("w", Json(report.Warnings)), ("at", DateTime.UtcNow), ("text", import.SourceText)).ExecuteScalarAsync(cancellationToken));

        var parcelsByName = await InsertEntriesAsync(c, t, reportId, import, batch, cancellationToken);
        await InsertProjectsAsync(c, t, reportId, report.Projects, cancellationToken);
        await InsertIndicatorsAsync(c, t, reportId, report.Indicators, cancellationToken);

        var kept = 0;
        if (previous is { } old)
        {
            kept = await CarryOverReviewedAsync(c, t, old, reportId, parcelsByName, cancellationToken);
            await Command(c, t, "UPDATE reports SET superseded_by = @n WHERE id = @o", ("n", reportId), ("o", old)).ExecuteNonQueryAsync(cancellationToken);
        }
        await RecheckReportConflictsAsync(c, t, reportId, cancellationToken);
        await AuditAsync(c, t, import.Actor, previous is null ? "import" : "supersede", "report", reportId,
            new { file = report.File, sha256 = import.ContentSha256, entries = report.LandEntries.Count, superseded = previous, keptReviewed = kept }, cancellationToken);
        return new ImportOutcome(previous is null ? ImportStatus.Imported : ImportStatus.Superseded, reportId, report.LandEntries.Count, previous, kept);
    }

    /// <summary>
    /// Builds every row of the report's entries in memory, with ids taken up front, and hands them to
    /// <see cref="WriteEntriesAsync"/> in one go, in id order: no round trip waits for an id the database made.
    /// </summary>
    private async Task<Dictionary<string, List<long>>> InsertEntriesAsync(DbConnection c, DbTransaction t, long reportId, ReportImport import, object? batch,
        CancellationToken ct)
    {
        var report = import.Report;
        var entries = report.LandEntries;
        // The geocoder returns entries in column order; match by seq only when it returned a different number.
        IReadOnlyList<GeocodedEntry?> geocoded = import.Geocoded.Count == entries.Count
            ? (IReadOnlyList<GeocodedEntry?>)import.Geocoded
            : entries.Select(e => (GeocodedEntry?)import.Geocoded.FirstOrDefault(g => g.Seq == e.Seq)).ToList();
        var entryIds = await ReserveIdsAsync(c, t, "land_entries", entries.Count, ct);
        var parcelIds = await ReserveIdsAsync(c, t, "parcels", entries.Count, ct);
        var geometryIds = await ReserveIdsAsync(c, t, "parcel_geometries", entries.Count, ct);
        var reason = $"import of {report.File}";
        var now = DateTime.UtcNow;
        var rows = new EntryRow[entries.Count];
        var parcelsByName = new Dictionary<string, List<long>>();
        // Ids go in map order (SpatialIdOrder), rows in id order; the loop stays in column order, so parcelsByName lists
        // each name's parcels in column order.
        var slots = SpatialIdOrder.Slots(geocoded.Select(g => g?.Geometry).ToList());
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var g = geocoded[i];
            var k = slots[i];
            var use = LandUseClassifier.Classify(e.Name);
            rows[k] = new EntryRow(entryIds[k], e, ParcelIds.Of(ParcelIds.DistrictCode(report), report.PlanYear, e.Seq), use.Code, use.Name, use.Reason,
                e.AreaQualifier?.ToString().ToLowerInvariant(), Json(e.Parts), Json(e.Bounds), geometryIds[k],
                new VersionRow(parcelIds[k], 1, g?.Geometry, g?.Status.ToString().ToLowerInvariant() ?? "unresolved", g?.Confidence ?? 0, g?.Method ?? "none",
                    g is null ? EmptyJsonList : Json(g.Constraints), g is null ? UnresolvedWarnings : Json(g.Warnings), g?.AreaMuComputed,
                    ReportImport.Geocoder, ReportImport.Geocoder, reason, now));
            if (!parcelsByName.TryGetValue(e.Name, out var named)) parcelsByName[e.Name] = named = [];
            named.Add(parcelIds[k]);
        }
        await WriteEntriesAsync(c, t, reportId, rows, batch, ct);
        return parcelsByName;
    }

    private static readonly JsonText EmptyJsonList = Json(Array.Empty<string>());
    private static readonly JsonText UnresolvedWarnings = Json(new[] { "未定位" });

    /// <summary>
    /// <paramref name="count"/> new ids of <paramref name="table"/> (one of the import's own table names), ascending, for rows this
    /// transaction inserts with explicit ids. No other writer may take them, before or after.
    /// </summary>
    private protected abstract Task<long[]> ReserveIdsAsync(DbConnection c, DbTransaction t, string table, int count, CancellationToken ct);

    /// <summary>One land entry as stored: its land_entries row, its parcel (version 1, current) and its first geometry version.</summary>
    private protected sealed record EntryRow(long EntryId, LandEntry Entry, long PublicId, string LandUse, string LandUseName, string LandUseReason,
        string? AreaQualifier, JsonText Parts, JsonText Bounds, long GeometryId, VersionRow Version)
    {
        /// <summary>The parcel's id, which its geometry version points to.</summary>
        public long ParcelId => Version.ParcelId;
    }

    /// <summary>
    /// Writes <paramref name="rows"/> to land_entries, parcels and parcel_geometries with their ids, in the transaction: each
    /// backend in its bulk way (SQLite prepared statements on the raw handle, PostgreSQL binary COPY). <paramref name="batch"/>
    /// is what <see cref="BeginImportAsync"/> returned.
    /// </summary>
    private protected abstract Task WriteEntriesAsync(DbConnection c, DbTransaction t, long reportId, IReadOnlyList<EntryRow> rows, object? batch,
        CancellationToken ct);

    /// <summary>The columns of one geometry version row.</summary>
    private protected sealed record VersionRow(long ParcelId, int VersionNo, NetTopologySuite.Geometries.Geometry? Geometry, string Status, double Confidence,
        string Method, JsonText Constraints, JsonText Warnings, double? AreaMuComputed, string MadeBy, string MadeByKind, string? Reason, DateTime MadeAt);

    /// <summary>An insert of one current geometry version.</summary>
    private protected DbCommand VersionInsert(DbConnection c, DbTransaction t) => Command(c, t,
        $"""
        INSERT INTO parcel_geometries (parcel_id, version_no, is_current, {GeometryColumns}, status, confidence, method, constraints,
            warnings, area_mu_computed, made_by, made_by_kind, reason, made_at)
        VALUES (@p, @v, 1, {GeometryValues("g")}, @status, @conf, @method, @cons, @warn, @amc, @by, @kind, @why, @at)
        """);

    private protected async Task InsertVersionAsync(DbCommand insert, VersionRow row, CancellationToken ct)
    {
        Set(insert, "p", row.ParcelId); Set(insert, "v", row.VersionNo); BindGeometry(insert, "g", row.Geometry);
        Set(insert, "status", row.Status); Set(insert, "conf", row.Confidence); Set(insert, "method", row.Method);
        Set(insert, "cons", row.Constraints); Set(insert, "warn", row.Warnings); Set(insert, "amc", row.AreaMuComputed);
        Set(insert, "by", row.MadeBy); Set(insert, "kind", row.MadeByKind); Set(insert, "why", row.Reason); Set(insert, "at", row.MadeAt);
        await insert.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Carries the reviewed geometries of the old edition over to the new one, by entry name: the n-th entry of a name in
    /// the old column to the n-th of that name in the new one (a column may name a project twice, at two places).
    /// </summary>
    private async Task<int> CarryOverReviewedAsync(DbConnection c, DbTransaction t, long oldReport, long newReport, Dictionary<string, List<long>> parcelsByName,
        CancellationToken ct)
    {
        var reviewed = new List<(string Name, int Rank, GeometryVersion Version)>();
        await using (var reader = await Command(c, t,
            $"""
            SELECT e.name, (SELECT count(*) FROM land_entries o WHERE o.report_id = e.report_id AND o.name = e.name AND (o.seq < e.seq OR (o.seq = e.seq AND o.id < e.id))),
                {VersionColumns} FROM parcels p JOIN land_entries e ON e.id = p.entry_id
            JOIN parcel_geometries g ON g.parcel_id = p.id AND g.is_current = 1
            WHERE p.report_id = @r AND g.made_by_kind <> @geocoder ORDER BY e.seq, p.id
            """, ("r", oldReport), ("geocoder", ReportImport.Geocoder)).ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct)) reviewed.Add((reader.GetString(0), Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture), ReadVersion(reader, 2)));
        }
        var insert = VersionInsert(c, t);
        var kept = 0;
        foreach (var (name, rank, v) in reviewed)
        {
            if (!parcelsByName.TryGetValue(name, out var named) || rank >= named.Count) continue;
            var parcelId = named[rank];
            await Command(c, t, "UPDATE parcel_geometries SET is_current = 0 WHERE parcel_id = @p AND is_current = 1", ("p", parcelId)).ExecuteNonQueryAsync(ct);
            await InsertVersionAsync(insert, new VersionRow(parcelId, 2, v.Geometry, v.Status, v.Confidence, v.Method, new JsonText(v.ConstraintsJson),
                new JsonText(v.WarningsJson), v.AreaMuComputed, v.MadeBy, v.MadeByKind,
                $"reviewed geometry kept from report {oldReport} (version {v.VersionNo}): {v.Reason}", DateTime.UtcNow), ct);
            await Command(c, t, "UPDATE parcels SET version = 2 WHERE id = @p", ("p", parcelId)).ExecuteNonQueryAsync(ct);
            kept++;
        }
        return kept;
    }

    private async Task InsertProjectsAsync(DbConnection c, DbTransaction t, long reportId, IReadOnlyList<KeyProject> projects, CancellationToken ct)
    {
        var upsert = Command(c, t, "INSERT INTO key_projects (name, phase) VALUES (@n, @ph) ON CONFLICT (name, phase) DO NOTHING");
        var find = Command(c, t, "SELECT id FROM key_projects WHERE name = @n AND phase = @ph");
        var insert = Command(c, t,
            """
            INSERT INTO project_stage_events (project_id, report_id, stage, stage_text, target, investment_yi, investment_text, source_line, source_text)
            VALUES (@p, @r, @s, @st, @tg, @inv, @invt, @line, @text)
            """);
        foreach (var p in projects)
        {
            foreach (var cmd in new[] { upsert, find }) { Set(cmd, "n", p.Name); Set(cmd, "ph", p.Phase ?? ""); }
            await upsert.ExecuteNonQueryAsync(ct);
            var projectId = Convert.ToInt64(await find.ExecuteScalarAsync(ct));
            Set(insert, "p", projectId); Set(insert, "r", reportId);
            Set(insert, "s", p.Stage is { } s ? JsonNamingPolicy.KebabCaseLower.ConvertName(s.ToString()) : null);
            Set(insert, "st", p.StageText); Set(insert, "tg", p.Target ? 1 : 0); Set(insert, "inv", p.InvestmentYi); Set(insert, "invt", p.InvestmentText);
            Set(insert, "line", p.Source.Line); Set(insert, "text", p.Source.Text);
            await insert.ExecuteNonQueryAsync(ct);
        }
    }

    private async Task InsertIndicatorsAsync(DbConnection c, DbTransaction t, long reportId, IReadOnlyList<Indicator> indicators, CancellationToken ct)
    {
        var insert = Command(c, t, "INSERT INTO indicators (report_id, name, unit, category, source_line) VALUES (@r, @n, @u, @c, @line) RETURNING id");
        var value = Command(c, t, "INSERT INTO indicator_values (indicator_id, year, kind, text, value, measure) VALUES (@i, @y, @k, @t, @v, @m)");
        foreach (var indicator in indicators)
        {
            Set(insert, "r", reportId); Set(insert, "n", indicator.Name); Set(insert, "u", indicator.Unit); Set(insert, "c", indicator.Category);
            Set(insert, "line", indicator.Source.Line);
            var id = Convert.ToInt64(await insert.ExecuteScalarAsync(ct));
            foreach (var v in indicator.Values)
            {
                Set(value, "i", id); Set(value, "y", v.Year); Set(value, "k", v.Kind); Set(value, "t", v.Text); Set(value, "v", v.Value); Set(value, "m", v.Measure);
                await value.ExecuteNonQueryAsync(ct);
            }
        }
    }
}
