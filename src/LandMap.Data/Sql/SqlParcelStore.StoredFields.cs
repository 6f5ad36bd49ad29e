using System.Data.Common;
using LandMap.Core.LandUse;
using LandMap.Core.Reports;

namespace LandMap.Data.Sql;

public abstract partial class SqlParcelStore
{
    /// <summary>
    /// Schema 5's backfill: gives every parcel its public id and every entry its land use. Superseded parcels keep the id
    /// their entry would have had, so history stays findable, but only current ones must be unique.
    /// </summary>
    internal async Task BackfillStoredFieldsAsync(DbConnection c, DbTransaction t, CancellationToken ct)
    {
        var rows = new List<(long Parcel, long Entry, string? District, int? PlanYear, int Seq, string Name)>();
        await using (var reader = await Command(c, t,
            "SELECT p.id, e.id, r.district, r.plan_year, e.seq, e.name FROM parcels p JOIN land_entries e ON e.id = p.entry_id JOIN reports r ON r.id = p.report_id")
            .ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
                rows.Add((Long(reader, 0), Long(reader, 1), StringOrNull(reader, 2), IntOrNull(reader, 3), Int(reader, 4), reader.GetString(5)));
        }
        var setId = Command(c, t, "UPDATE parcels SET public_id = @pid WHERE id = @id");
        var setUse = Command(c, t, "UPDATE land_entries SET land_use = @use, land_use_name = @use_name, land_use_reason = @use_reason WHERE id = @id");
        foreach (var row in rows)
        {
            Set(setId, "pid", ParcelIds.Of(row.District, row.PlanYear, Math.Min(row.Seq, ParcelIds.MaxSeq)));
            Set(setId, "id", row.Parcel);
            await setId.ExecuteNonQueryAsync(ct);
            SetLandUse(setUse, row.Name);
            Set(setUse, "id", row.Entry);
            await setUse.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>Binds @use, @use_name and @use_reason to the land use read from <paramref name="name"/>.</summary>
    private void SetLandUse(DbCommand command, string name)
    {
        var use = LandUseClassifier.Classify(name);
        Set(command, "use", use.Code);
        Set(command, "use_name", use.Name);
        Set(command, "use_reason", use.Reason);
    }

    /// <summary>
    /// Refuses, before anything is written, a column whose entries would take a public id a current parcel of another
    /// report holds (two current reports of one district and plan year, or a seq past <see cref="ParcelIds.MaxSeq"/>).
    /// </summary>
    private async Task CheckPublicIdsAsync(DbConnection c, DbTransaction t, ExtractedReport report, long? supersededReport, CancellationToken ct)
    {
        if (report.LandEntries.FirstOrDefault(e => e.Seq > ParcelIds.MaxSeq) is { } tooFar)
            throw new StoreException(StoreErrorKind.Integrity,
                $"{report.File}: entry {tooFar.Seq} (line {tooFar.Source.Line}) is numbered past {ParcelIds.MaxSeq}, which a parcel id cannot hold; nothing was stored.");
        var duplicate = report.LandEntries.GroupBy(e => e.Seq).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new StoreException(StoreErrorKind.Integrity,
                $"{report.File}: entry number {duplicate.Key} appears {duplicate.Count()} times (lines {string.Join(", ", duplicate.Select(e => e.Source.Line))}); " +
                "number the column's entries once each and import again. Nothing was stored.");
        var ids = report.LandEntries.Select(e => ParcelIds.Of(ParcelIds.DistrictCode(report), report.PlanYear, e.Seq)).ToList();
        if (ids.Count == 0) return;
        var check = Command(c, t,
            """
            SELECT p.public_id, r.file_name, e.seq FROM parcels p JOIN reports r ON r.id = p.report_id JOIN land_entries e ON e.id = p.entry_id
            WHERE p.is_current = 1 AND p.public_id BETWEEN @lo AND @hi
            """ + (supersededReport is null ? "" : " AND p.report_id <> @old"),
            ("lo", ids.Min()), ("hi", ids.Max()));
        if (supersededReport is { } old) Set(check, "old", old);
        var wanted = ids.ToHashSet();
        await using var reader = await check.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (!wanted.Contains(Long(reader, 0))) continue;
            throw new StoreException(StoreErrorKind.Integrity,
                $"{report.File}: parcel id {Long(reader, 0)} ({report.District ?? "unknown district"}, plan year {report.PlanYear?.ToString() ?? "unknown"}, entry {Int(reader, 2)}) " +
                $"is held by entry {Int(reader, 2)} of {reader.GetString(1)}, a current report of the same district and plan year. " +
                "Import a report that names its district and plan year in its title (it then replaces the older one), or remove the other. Nothing was stored.");
        }
    }

    /// <inheritdoc />
    public Task SetProjectStagesAsync(string? district, IReadOnlyDictionary<long, string> stages, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async (c, t) =>
        {
            await Command(c, t,
                "UPDATE parcels SET project_stage = NULL WHERE is_current = 1 AND project_stage IS NOT NULL AND report_id IN (SELECT id FROM reports WHERE " +
                (district is null ? "district IS NULL)" : "district = @d)"), ("d", district ?? "")).ExecuteNonQueryAsync(cancellationToken);
            var set = Command(c, t, "UPDATE parcels SET project_stage = @stage WHERE is_current = 1 AND public_id = @pid");
            foreach (var (publicId, stage) in stages)
            {
                Set(set, "stage", stage);
                Set(set, "pid", publicId);
                await set.ExecuteNonQueryAsync(cancellationToken);
            }
            return 0;
        }, cancellationToken);
}
