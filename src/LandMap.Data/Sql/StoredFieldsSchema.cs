namespace LandMap.Data.Sql;

/// <summary>
/// Schema version 5, what a stateless server filters on, stored: each parcel's public id (unique among current
/// parcels, so a new edition of a report takes over the ids of its predecessor), whether it belongs to a current
/// report, the stage of the key project on it, the land use read from the entry's name, and the store's change
/// counter that caches of every server process key on. Existing stores are filled by
/// <see cref="SqlParcelStore.BackfillStoredFieldsAsync"/>.
/// </summary>
internal static class StoredFieldsSchema
{
    private const string Description = "public parcel ids, current flag, project stage, land use, change counter";

    private static readonly string[] After =
    [
        "CREATE UNIQUE INDEX parcels_public_id_current ON parcels (public_id) WHERE is_current = 1",
        "CREATE INDEX parcels_public_id ON parcels (public_id)",
        "CREATE INDEX land_entries_land_use ON land_entries (land_use)",
    ];

    public static readonly Migration Sqlite = new(5, Description,
    [
        "ALTER TABLE parcels ADD COLUMN public_id INTEGER",
        "ALTER TABLE parcels ADD COLUMN is_current INTEGER NOT NULL DEFAULT 1 CHECK (is_current IN (0, 1))",
        "ALTER TABLE parcels ADD COLUMN project_stage TEXT",
        "ALTER TABLE land_entries ADD COLUMN land_use TEXT",
        "ALTER TABLE land_entries ADD COLUMN land_use_name TEXT",
        "ALTER TABLE land_entries ADD COLUMN land_use_reason TEXT",
        "UPDATE parcels SET is_current = 0 WHERE report_id IN (SELECT id FROM reports WHERE superseded_by IS NOT NULL)",
        "CREATE TABLE store_changes (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL)",
        "INSERT INTO store_changes (id, seq) VALUES (1, 1)",
    ], (store, c, t, ct) => store.BackfillStoredFieldsAsync(c, t, ct), After);

    public static readonly Migration Postgis = new(5, Description,
    [
        "ALTER TABLE parcels ADD COLUMN public_id bigint",
        "ALTER TABLE parcels ADD COLUMN is_current integer NOT NULL DEFAULT 1 CHECK (is_current IN (0, 1))",
        "ALTER TABLE parcels ADD COLUMN project_stage text",
        "ALTER TABLE land_entries ADD COLUMN land_use text",
        "ALTER TABLE land_entries ADD COLUMN land_use_name text",
        "ALTER TABLE land_entries ADD COLUMN land_use_reason text",
        "UPDATE parcels SET is_current = 0 WHERE report_id IN (SELECT id FROM reports WHERE superseded_by IS NOT NULL)",
        "CREATE TABLE store_changes (id integer PRIMARY KEY CHECK (id = 1), seq bigint NOT NULL)",
        "INSERT INTO store_changes (id, seq) VALUES (1, 1)",
    ], (store, c, t, ct) => store.BackfillStoredFieldsAsync(c, t, ct), After);
}
