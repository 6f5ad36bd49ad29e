using LandMap.Data.Sql;

namespace LandMap.Data.Review;

/// <summary>
/// Schema version 3: reviewers' decisions on links between plan years. One row per pair of entries (the latest
/// decision; the audit log keeps every one). Entries are named by district, plan year and seq, which survive a
/// re-import, with the names printed when the decision was taken, so a renumbered report cannot misapply it.
/// An entry has at most one confirmed partner per pair of plan years, enforced by the database.
/// </summary>
internal static class LinkDecisionSchema
{
    private const string Description = "link decisions between plan years";
    private const string Checks = "CHECK (verdict IN ('confirmed', 'broken')), CHECK (from_year < to_year)";
    private const string PairKey = "UNIQUE (district, from_year, from_seq, to_year, to_seq)";

    private static readonly string[] OnePartner =
    [
        "CREATE UNIQUE INDEX link_decisions_confirmed_from ON link_decisions (district, from_year, from_seq, to_year) WHERE verdict = 'confirmed'",
        "CREATE UNIQUE INDEX link_decisions_confirmed_to ON link_decisions (district, to_year, to_seq, from_year) WHERE verdict = 'confirmed'",
    ];

    public static readonly Migration Sqlite = new(3, Description,
    [
        $"""
        CREATE TABLE link_decisions (id INTEGER PRIMARY KEY, district TEXT NOT NULL, from_year INTEGER NOT NULL, from_seq INTEGER NOT NULL,
            from_name TEXT NOT NULL, to_year INTEGER NOT NULL, to_seq INTEGER NOT NULL, to_name TEXT NOT NULL, verdict TEXT NOT NULL,
            decided_by TEXT NOT NULL, comment TEXT, decided_at TEXT NOT NULL, {Checks}, {PairKey})
        """,
        .. OnePartner,
    ]);

    public static readonly Migration Postgis = new(3, Description,
    [
        $"""
        CREATE TABLE link_decisions (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, district text NOT NULL, from_year integer NOT NULL,
            from_seq integer NOT NULL, from_name text NOT NULL, to_year integer NOT NULL, to_seq integer NOT NULL, to_name text NOT NULL,
            verdict text NOT NULL, decided_by text NOT NULL, comment text, decided_at timestamptz NOT NULL, {Checks}, {PairKey})
        """,
        .. OnePartner,
    ]);
}
