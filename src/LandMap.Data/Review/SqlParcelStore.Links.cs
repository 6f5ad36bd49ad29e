using System.Data.Common;
using LandMap.Core.Linking;
using LandMap.Data.Review;

namespace LandMap.Data.Sql;

// Reviewers' link decisions (schema version 3), beside the rest of the review queries.
public abstract partial class SqlParcelStore
{
    private const string DecisionColumns = "id, district, from_year, from_seq, from_name, to_year, to_seq, to_name, verdict, decided_by, decided_at, comment";

    /// <inheritdoc />
    public Task<IReadOnlyList<LinkDecision>> ListLinkDecisionsAsync(CancellationToken cancellationToken = default) =>
        WithConnectionAsync<IReadOnlyList<LinkDecision>>(async c =>
        {
            var result = new List<LinkDecision>();
            await using var r = await Command(c, null, $"SELECT {DecisionColumns} FROM link_decisions ORDER BY decided_at, id").ExecuteReaderAsync(cancellationToken);
            while (await r.ReadAsync(cancellationToken)) result.Add(ReadDecision(r));
            return result;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<LinkDecisionResult> DecideLinkAsync(LinkDecisionChange change, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async (c, t) =>
        {
            var pair = new (string, object?)[]
            {
                ("d", change.District), ("fy", change.FromYear), ("fs", change.FromSeq), ("ty", change.ToYear), ("ts", change.ToSeq),
            };
            var before = await ReadDecisionAsync(c, t, "from_seq = @fs AND to_seq = @ts", pair, cancellationToken);
            if (change.Verdict is null)
            {
                if (before is null) return new LinkDecisionResult(LinkDecisionOutcome.NoDecision);
                await Command(c, t, "DELETE FROM link_decisions WHERE id = @id", ("id", before.Id)).ExecuteNonQueryAsync(cancellationToken);
                await AuditLinkAsync(c, t, change, "link-reset", before.Id, before.Decision, cancellationToken);
                return new LinkDecisionResult(LinkDecisionOutcome.Withdrawn, before.Decision);
            }

            var fromName = await EntryNameAsync(c, t, change.District, change.FromYear, change.FromSeq, cancellationToken);
            var toName = await EntryNameAsync(c, t, change.District, change.ToYear, change.ToSeq, cancellationToken);
            if (fromName is null || toName is null)
            {
                var (year, seq) = fromName is null ? (change.FromYear, change.FromSeq) : (change.ToYear, change.ToSeq);
                return new LinkDecisionResult(LinkDecisionOutcome.UnknownEntry, Message: $"{change.District} {year} 年计划中没有第 {seq} 项");
            }
            if (change.Verdict == LinkVerdict.Confirmed &&
                await ReadDecisionAsync(c, t, "verdict = 'confirmed' AND ((from_seq = @fs AND to_seq <> @ts) OR (to_seq = @ts AND from_seq <> @fs))", pair,
                    cancellationToken) is { } other)
                return new LinkDecisionResult(LinkDecisionOutcome.Contradicts, other.Decision);

            var now = DateTime.UtcNow;
            var id = Convert.ToInt64(await Command(c, t,
                $"""
                INSERT INTO link_decisions (district, from_year, from_seq, from_name, to_year, to_seq, to_name, verdict, decided_by, comment, decided_at)
                VALUES (@d, @fy, @fs, @fn, @ty, @ts, @tn, @v, @by, @comment, @at)
                ON CONFLICT (district, from_year, from_seq, to_year, to_seq) DO UPDATE SET from_name = excluded.from_name, to_name = excluded.to_name,
                    verdict = excluded.verdict, decided_by = excluded.decided_by, comment = excluded.comment, decided_at = excluded.decided_at
                RETURNING id
                """,
                [.. pair, ("fn", fromName), ("tn", toName), ("v", change.Verdict), ("by", change.Actor), ("comment", change.Comment), ("at", now)])
                .ExecuteScalarAsync(cancellationToken));
            var decision = new LinkDecision(change.District, new EntryRef(change.FromYear, change.FromSeq, fromName),
                new EntryRef(change.ToYear, change.ToSeq, toName), change.Verdict, change.Actor, now, change.Comment);
            await AuditLinkAsync(c, t, change, change.Verdict == LinkVerdict.Confirmed ? "link-confirm" : "link-break", id, before?.Decision, cancellationToken);
            return new LinkDecisionResult(LinkDecisionOutcome.Saved, decision);
        }, cancellationToken);

    private async Task<string?> EntryNameAsync(DbConnection c, DbTransaction t, string district, int planYear, int seq, CancellationToken ct) =>
        await Command(c, t,
            """
            SELECT e.name FROM land_entries e JOIN reports r ON r.id = e.report_id
            WHERE r.superseded_by IS NULL AND r.district = @d AND r.plan_year = @y AND e.seq = @s ORDER BY r.id DESC LIMIT 1
            """,
            ("d", district), ("y", planYear), ("s", seq)).ExecuteScalarAsync(ct) as string;

    private async Task<StoredDecision?> ReadDecisionAsync(DbConnection c, DbTransaction t, string condition,
        (string, object?)[] pair, CancellationToken ct)
    {
        await using var r = await Command(c, t,
            $"SELECT {DecisionColumns} FROM link_decisions WHERE district = @d AND from_year = @fy AND to_year = @ty AND {condition} LIMIT 1", pair)
            .ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? new StoredDecision(Long(r, 0), ReadDecision(r)) : null;
    }

    private sealed record StoredDecision(long Id, LinkDecision Decision);

    private static LinkDecision ReadDecision(DbDataReader r) =>
        new(r.GetString(1), new EntryRef(Int(r, 2), Int(r, 3), r.GetString(4)), new EntryRef(Int(r, 5), Int(r, 6), r.GetString(7)), r.GetString(8),
            r.GetString(9), Time(r, 10), StringOrNull(r, 11));

    private Task AuditLinkAsync(DbConnection c, DbTransaction t, LinkDecisionChange change, string action, long id, LinkDecision? before, CancellationToken ct) =>
        AuditAsync(c, t, change.Actor, action, "link", id, new
        {
            district = change.District,
            from = new { planYear = change.FromYear, seq = change.FromSeq },
            to = new { planYear = change.ToYear, seq = change.ToSeq },
            before = before?.Verdict,
            comment = change.Comment,
        }, ct);
}
