using System.Data.Common;
using LandMap.Core.Crs;
using LandMap.Data.Review;
using NetTopologySuite.Geometries;

namespace LandMap.Data.Sql;

// The review queries live beside the review schema; they share the store's helpers, so this is a part of the same class.
public abstract partial class SqlParcelStore : IReviewStore
{
    /// <inheritdoc />
    public Task<UserAccount?> FindUserAsync(string name, CancellationToken cancellationToken = default) =>
        WithConnectionAsync(async c =>
        {
            await using var r = await Command(c, null, "SELECT id, name, role, password_hash, created_at, session_generation FROM users WHERE name = @n", ("n", name))
                .ExecuteReaderAsync(cancellationToken);
            return await r.ReadAsync(cancellationToken) ? new UserAccount(Long(r, 0), r.GetString(1), r.GetString(2), r.GetString(3), Time(r, 4), Long(r, 5)) : null;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<bool> AddUserAsync(string name, string role, string passwordHash, string actor, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async (c, t) =>
        {
            var id = await Command(c, t,
                "INSERT INTO users (name, role, password_hash, created_at) VALUES (@n, @r, @h, @at) ON CONFLICT (name) DO NOTHING RETURNING id",
                ("n", name), ("r", role), ("h", passwordHash), ("at", DateTime.UtcNow)).ExecuteScalarAsync(cancellationToken);
            if (id is null or DBNull) return false;
            await AuditAsync(c, t, actor, "add-user", "user", Convert.ToInt64(id), new { name, role }, cancellationToken);
            return true;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<bool> EndSessionsAsync(string name, string actor, CancellationToken cancellationToken = default) =>
        ChangeUserAsync(name, actor, "logout", null, null, cancellationToken);

    /// <inheritdoc />
    public Task<bool> SetPasswordAsync(string name, string passwordHash, string actor, CancellationToken cancellationToken = default) =>
        ChangeUserAsync(name, actor, "set-password", "password_hash", passwordHash, cancellationToken);

    /// <inheritdoc />
    public Task<bool> SetRoleAsync(string name, string role, string actor, CancellationToken cancellationToken = default)
    {
        if (!UserRole.All.Contains(role)) throw new ArgumentOutOfRangeException(nameof(role), role, $"The role must be one of {string.Join(", ", UserRole.All)}.");
        return ChangeUserAsync(name, actor, "set-role", "role", role, cancellationToken);
    }

    // Every change that must end the account's sessions moves session_generation on in the same statement.
    private Task<bool> ChangeUserAsync(string name, string actor, string action, string? column, string? value, CancellationToken cancellationToken) =>
        InTransactionAsync(async (c, t) =>
        {
            var id = column is null
                ? await Command(c, t, "UPDATE users SET session_generation = session_generation + 1 WHERE name = @n RETURNING id", ("n", name))
                    .ExecuteScalarAsync(cancellationToken)
                : await Command(c, t, $"UPDATE users SET {column} = @v, session_generation = session_generation + 1 WHERE name = @n RETURNING id", ("n", name), ("v", value))
                    .ExecuteScalarAsync(cancellationToken);
            if (id is null or DBNull) return false;
            await AuditAsync(c, t, actor, action, "user", Convert.ToInt64(id), column == "role" ? new { name, role = value } : new { name }, cancellationToken);
            return true;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<string> GetOrCreateSettingAsync(string key, Func<string> create, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async (c, t) =>
        {
            await Command(c, t, "INSERT INTO store_settings (key, value) VALUES (@k, @v) ON CONFLICT (key) DO NOTHING", ("k", key), ("v", create()))
                .ExecuteNonQueryAsync(cancellationToken);
            return (string)(await Command(c, t, "SELECT value FROM store_settings WHERE key = @k", ("k", key)).ExecuteScalarAsync(cancellationToken))!;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ReviewState>> ListReviewStatesAsync(CancellationToken cancellationToken = default) =>
        WithConnectionAsync<IReadOnlyList<ReviewState>>(async c =>
        {
            var result = new List<ReviewState>();
            await using var r = await Command(c, null,
                """
                SELECT p.id, r.district, r.plan_year, e.seq, p.version, p.review_status, p.review_reason
                FROM parcels p JOIN land_entries e ON e.id = p.entry_id JOIN reports r ON r.id = p.report_id
                WHERE r.superseded_by IS NULL ORDER BY p.id
                """).ExecuteReaderAsync(cancellationToken);
            while (await r.ReadAsync(cancellationToken))
                result.Add(new ReviewState(Long(r, 0), StringOrNull(r, 1), IntOrNull(r, 2), Int(r, 3), Int(r, 4), r.GetString(5), StringOrNull(r, 6)));
            return result;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<SaveGeometryResult> SaveReviewedGeometryAsync(ReviewedGeometry edit, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async (c, t) =>
        {
            // The version check and the bump are one statement, so two reviewers cannot both pass it.
            var bumped = await Command(c, t,
                "UPDATE parcels SET version = version + 1, review_status = @s, review_reason = NULL WHERE id = @id AND version = @expected",
                ("s", edit.ResultingStatus), ("id", edit.ParcelId), ("expected", edit.ExpectedVersion)).ExecuteNonQueryAsync(cancellationToken);
            if (bumped == 0)
            {
                var current = await Command(c, t, "SELECT version FROM parcels WHERE id = @id", ("id", edit.ParcelId)).ExecuteScalarAsync(cancellationToken);
                if (current is null or DBNull) return new SaveGeometryResult(SaveOutcome.NotFound, 0);
                var version = Convert.ToInt32(current);
                // The refused attempt is kept too: the log shows who tried to overwrite whom.
                await AuditAsync(c, t, edit.MadeBy, "edit-conflict", "parcel", edit.ParcelId,
                    new { method = edit.Method, expected = edit.ExpectedVersion, current = version, comment = edit.Comment }, cancellationToken);
                return new SaveGeometryResult(SaveOutcome.Conflict, version);
            }
            var next = Convert.ToInt32(await Command(c, t, "SELECT COALESCE(MAX(version_no), 0) + 1 FROM parcel_geometries WHERE parcel_id = @id",
                ("id", edit.ParcelId)).ExecuteScalarAsync(cancellationToken));
            await Command(c, t, "UPDATE parcel_geometries SET is_current = 0 WHERE parcel_id = @id AND is_current = 1", ("id", edit.ParcelId))
                .ExecuteNonQueryAsync(cancellationToken);
            double? areaMu = edit.Geometry is IPolygonal ? MetricPlane.For(edit.Geometry).AreaM2(edit.Geometry) / SquareMetresPerMu : null;
            await InsertVersionAsync(VersionInsert(c, t), new VersionRow(edit.ParcelId, next, edit.Geometry, "reviewed", edit.Confidence, edit.Method,
                Json(edit.Constraints ?? []), Json(Array.Empty<string>()), areaMu, edit.MadeBy, "user", edit.Comment, DateTime.UtcNow), cancellationToken);
            await RecheckConflictsAsync(c, t, [edit.ParcelId], cancellationToken);
            if (!string.IsNullOrWhiteSpace(edit.Comment)) await InsertCommentAsync(c, t, edit.ParcelId, edit.MadeBy, edit.Method, edit.Comment, cancellationToken);
            await AuditAsync(c, t, edit.MadeBy, edit.Method == "survey" ? "survey" : "edit-geometry", "parcel", edit.ParcelId,
                new { from = edit.ExpectedVersion, to = edit.ExpectedVersion + 1, versionNo = next, method = edit.Method, comment = edit.Comment, detail = edit.Detail },
                cancellationToken);
            return new SaveGeometryResult(SaveOutcome.Saved, edit.ExpectedVersion + 1);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<bool> SetReviewStatusAsync(StatusChange change, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async (c, t) =>
        {
            var before = await Command(c, t, "SELECT review_status FROM parcels WHERE id = @id", ("id", change.ParcelId)).ExecuteScalarAsync(cancellationToken);
            if (before is null or DBNull) return false;
            await Command(c, t, "UPDATE parcels SET review_status = @s, review_reason = @r WHERE id = @id",
                ("s", change.Status), ("r", change.Reason), ("id", change.ParcelId)).ExecuteNonQueryAsync(cancellationToken);
            var body = string.Join(" — ", new[] { change.Reason, change.Comment }.Where(s => !string.IsNullOrWhiteSpace(s)));
            if (body.Length > 0) await InsertCommentAsync(c, t, change.ParcelId, change.Actor, "status:" + change.Status, body, cancellationToken);
            await AuditAsync(c, t, change.Actor, "set-status", "parcel", change.ParcelId,
                new { from = (string)before, to = change.Status, reason = change.Reason, comment = change.Comment }, cancellationToken);
            return true;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ReviewComment>> ListCommentsAsync(long parcelId, CancellationToken cancellationToken = default) =>
        WithConnectionAsync<IReadOnlyList<ReviewComment>>(async c =>
        {
            var result = new List<ReviewComment>();
            await using var r = await Command(c, null,
                "SELECT id, parcel_id, author, kind, body, created_at FROM review_comments WHERE parcel_id = @p ORDER BY id", ("p", parcelId))
                .ExecuteReaderAsync(cancellationToken);
            while (await r.ReadAsync(cancellationToken))
                result.Add(new ReviewComment(Long(r, 0), Long(r, 1), r.GetString(2), r.GetString(3), r.GetString(4), Time(r, 5)));
            return result;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ParcelRecord>> ListCandidatesAsync(int limit, CancellationToken cancellationToken = default) =>
        WithConnectionAsync<IReadOnlyList<ParcelRecord>>(async c => await ReadParcelsAsync(Command(c, null,
            ParcelSelect + " WHERE r.superseded_by IS NULL AND p.review_status = @s ORDER BY g.confidence, p.id LIMIT @l",
            ("s", ReviewStatus.Candidate), ("l", limit)), cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async (c, t) =>
        {
            await AuditAsync(c, t, entry.Actor, entry.Action, entry.Entity, entry.EntityId, entry.Detail, cancellationToken);
            return true;
        }, cancellationToken);

    private async Task InsertCommentAsync(DbConnection c, DbTransaction t, long parcelId, string author, string kind, string body, CancellationToken ct) =>
        await Command(c, t, "INSERT INTO review_comments (parcel_id, author, kind, body, created_at) VALUES (@p, @a, @k, @b, @at)",
            ("p", parcelId), ("a", author), ("k", kind), ("b", body), ("at", DateTime.UtcNow)).ExecuteNonQueryAsync(ct);
}
