using LandMap.Data.Sql;

namespace LandMap.Data.Review;

/// <summary>
/// Schema version 2, the review workflow: a review status per parcel (candidate → reviewed → surveyed, or rejected
/// with a reason), append-only review comments, and local user accounts. Both dialects carry the same columns.
/// </summary>
internal static class ReviewSchema
{
    private const string Description = "review status, review comments, users";
    private const string StatusCheck = "CHECK (review_status IN ('candidate', 'reviewed', 'surveyed', 'rejected'))";
    private const string RoleCheck = "CHECK (role IN ('viewer', 'reviewer', 'admin'))";

    public static readonly Migration Sqlite = new(2, Description,
    [
        $"ALTER TABLE parcels ADD COLUMN review_status TEXT NOT NULL DEFAULT 'candidate' {StatusCheck}",
        "ALTER TABLE parcels ADD COLUMN review_reason TEXT",
        "CREATE INDEX parcels_review_status ON parcels (review_status)",
        $"CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, role TEXT NOT NULL {RoleCheck}, password_hash TEXT NOT NULL, created_at TEXT NOT NULL)",
        """
        CREATE TABLE review_comments (id INTEGER PRIMARY KEY, parcel_id INTEGER NOT NULL REFERENCES parcels (id), author TEXT NOT NULL,
            kind TEXT NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL)
        """,
        "CREATE INDEX review_comments_parcel ON review_comments (parcel_id)",
        // Comments are part of the record of who decided what: as append-only as the audit log.
        "CREATE TRIGGER review_comments_no_update BEFORE UPDATE ON review_comments BEGIN SELECT RAISE(ABORT, 'review_comments is append-only'); END",
        "CREATE TRIGGER review_comments_no_delete BEFORE DELETE ON review_comments BEGIN SELECT RAISE(ABORT, 'review_comments is append-only'); END",
    ]);

    public static readonly Migration Postgis = new(2, Description,
    [
        $"ALTER TABLE parcels ADD COLUMN review_status text NOT NULL DEFAULT 'candidate' {StatusCheck}",
        "ALTER TABLE parcels ADD COLUMN review_reason text",
        "CREATE INDEX parcels_review_status ON parcels (review_status)",
        $"""
        CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL UNIQUE, role text NOT NULL {RoleCheck},
            password_hash text NOT NULL, created_at timestamptz NOT NULL)
        """,
        """
        CREATE TABLE review_comments (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, parcel_id bigint NOT NULL REFERENCES parcels (id),
            author text NOT NULL, kind text NOT NULL, body text NOT NULL, created_at timestamptz NOT NULL)
        """,
        "CREATE INDEX review_comments_parcel ON review_comments (parcel_id)",
        "CREATE TRIGGER review_comments_no_change BEFORE UPDATE OR DELETE ON review_comments FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
    ]);
}
