using LandMap.Data.Sql;

namespace LandMap.Data.Conflicts;

/// <summary>
/// Schema version 9: the conflicts of each geometry version, a JSON array on its parcel_geometries row (null: never
/// checked). A column on the version rather than a table of its own: a version's conflicts are read and written with
/// it, and history shows each version's figures without a join. The backfill checks every current version against the
/// layers already stored.
/// </summary>
internal static class ConflictSchema
{
    private const string Description = "conflicts of each geometry version with the bureau's layers";

    // SQLite has no ADD COLUMN IF NOT EXISTS, and a store taken back to an earlier version by hand (the upgrade tests do)
    // may still have the column: the backfill adds it when missing.
    public static readonly Migration Sqlite = new(9, Description, [],
        async (store, c, t, ct) =>
        {
            await store.AddColumnIfMissingAsync(c, t, "parcel_geometries", "conflicts", "TEXT", ct);
            await store.RecheckConflictsAsync(c, t, null, ct);
        });

    public static readonly Migration Postgis = new(9, Description, ["ALTER TABLE parcel_geometries ADD COLUMN IF NOT EXISTS conflicts jsonb"],
        (store, c, t, ct) => store.RecheckConflictsAsync(c, t, null, ct));
}
