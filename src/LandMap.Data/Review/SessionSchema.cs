using LandMap.Data.Sql;

namespace LandMap.Data.Review;

/// <summary>
/// Schema version 6: a session generation per account. Session tokens are stateless (signed claims), so logout,
/// a password change and a role change move the account's generation on, and a token issued at another generation
/// is refused; the server reads the account on every request anyway, so the check costs no extra query.
/// </summary>
internal static class SessionSchema
{
    private const string Description = "session generation per account";

    public static readonly Migration Sqlite = new(6, Description, ["ALTER TABLE users ADD COLUMN session_generation INTEGER NOT NULL DEFAULT 0"]);

    public static readonly Migration Postgis = new(6, Description, ["ALTER TABLE users ADD COLUMN session_generation bigint NOT NULL DEFAULT 0"]);
}
