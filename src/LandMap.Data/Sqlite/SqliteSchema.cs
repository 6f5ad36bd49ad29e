using LandMap.Data.Sql;

namespace LandMap.Data.Sqlite;

/// <summary>
/// The SQLite schema. Geometries are WKB blobs (SRID 4326 implied) with their envelope in min_x…max_y columns that
/// triggers copy into an R*Tree; JSON is TEXT; flags are 0/1. The audit log refuses UPDATE and DELETE.
/// </summary>
internal static class SqliteSchema
{
    public static readonly IReadOnlyList<Migration> Migrations =
    [
        new(1, "reports, entries, parcels with geometry versions, projects, indicators, gazetteer, audit log",
        [
            """
            CREATE TABLE reports (id INTEGER PRIMARY KEY, file_name TEXT NOT NULL, content_sha256 TEXT NOT NULL UNIQUE, district TEXT,
                review_year INTEGER, plan_year INTEGER, kind TEXT NOT NULL, encoding TEXT NOT NULL, declared_count INTEGER, entry_count INTEGER NOT NULL,
                warnings TEXT NOT NULL, imported_at TEXT NOT NULL, superseded_by INTEGER REFERENCES reports (id))
            """,
            "CREATE INDEX reports_series ON reports (district, plan_year, kind) WHERE superseded_by IS NULL",
            """
            CREATE TABLE land_entries (id INTEGER PRIMARY KEY, report_id INTEGER NOT NULL REFERENCES reports (id), seq INTEGER NOT NULL,
                name TEXT NOT NULL, location TEXT, area_mu REAL, approx INTEGER NOT NULL, area_qualifier TEXT, area_text TEXT, parts TEXT NOT NULL,
                bounds TEXT NOT NULL, note TEXT, source_line INTEGER NOT NULL, source_text TEXT NOT NULL)
            """,
            "CREATE INDEX land_entries_report ON land_entries (report_id)",
            """
            CREATE TABLE parcels (id INTEGER PRIMARY KEY, entry_id INTEGER NOT NULL UNIQUE REFERENCES land_entries (id),
                report_id INTEGER NOT NULL REFERENCES reports (id), version INTEGER NOT NULL CHECK (version >= 1))
            """,
            "CREATE INDEX parcels_report ON parcels (report_id)",
            """
            CREATE TABLE parcel_geometries (id INTEGER PRIMARY KEY, parcel_id INTEGER NOT NULL REFERENCES parcels (id), version_no INTEGER NOT NULL,
                is_current INTEGER NOT NULL CHECK (is_current IN (0, 1)), geom BLOB, min_x REAL, min_y REAL, max_x REAL, max_y REAL,
                status TEXT NOT NULL, confidence REAL NOT NULL CHECK (confidence BETWEEN 0 AND 1), method TEXT NOT NULL, constraints TEXT NOT NULL,
                warnings TEXT NOT NULL, area_mu_computed REAL, made_by TEXT NOT NULL, made_by_kind TEXT NOT NULL, reason TEXT, made_at TEXT NOT NULL,
                UNIQUE (parcel_id, version_no))
            """,
            // At most one current version per parcel, enforced by the database rather than by care.
            "CREATE UNIQUE INDEX parcel_geometries_current ON parcel_geometries (parcel_id) WHERE is_current = 1",
            "CREATE VIRTUAL TABLE parcel_geometry_rtree USING rtree (id, min_x, max_x, min_y, max_y)",
            """
            CREATE TRIGGER parcel_geometries_rtree_insert AFTER INSERT ON parcel_geometries WHEN NEW.min_x IS NOT NULL
            BEGIN INSERT INTO parcel_geometry_rtree VALUES (NEW.id, NEW.min_x, NEW.max_x, NEW.min_y, NEW.max_y); END
            """,
            """
            CREATE TRIGGER parcel_geometries_rtree_update AFTER UPDATE OF min_x, min_y, max_x, max_y ON parcel_geometries
            BEGIN
                DELETE FROM parcel_geometry_rtree WHERE id = OLD.id;
                INSERT INTO parcel_geometry_rtree SELECT NEW.id, NEW.min_x, NEW.max_x, NEW.min_y, NEW.max_y WHERE NEW.min_x IS NOT NULL;
            END
            """,
            "CREATE TRIGGER parcel_geometries_rtree_delete AFTER DELETE ON parcel_geometries BEGIN DELETE FROM parcel_geometry_rtree WHERE id = OLD.id; END",
            "CREATE TABLE key_projects (id INTEGER PRIMARY KEY, name TEXT NOT NULL, phase TEXT NOT NULL, UNIQUE (name, phase))",
            """
            CREATE TABLE project_stage_events (id INTEGER PRIMARY KEY, project_id INTEGER NOT NULL REFERENCES key_projects (id),
                report_id INTEGER NOT NULL REFERENCES reports (id), stage TEXT, stage_text TEXT, target INTEGER NOT NULL, investment_yi REAL,
                investment_text TEXT, source_line INTEGER NOT NULL, source_text TEXT NOT NULL)
            """,
            "CREATE INDEX project_stage_events_report ON project_stage_events (report_id)",
            """
            CREATE TABLE indicators (id INTEGER PRIMARY KEY, report_id INTEGER NOT NULL REFERENCES reports (id), name TEXT NOT NULL, unit TEXT,
                category TEXT, source_line INTEGER NOT NULL)
            """,
            "CREATE INDEX indicators_report ON indicators (report_id)",
            """
            CREATE TABLE indicator_values (id INTEGER PRIMARY KEY, indicator_id INTEGER NOT NULL REFERENCES indicators (id), year INTEGER NOT NULL,
                kind TEXT NOT NULL, text TEXT NOT NULL, value REAL, measure TEXT)
            """,
            "CREATE INDEX indicator_values_indicator ON indicator_values (indicator_id)",
            """
            CREATE TABLE gazetteer_features (id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, district TEXT, aliases TEXT NOT NULL,
                precision_m REAL, source TEXT, geom BLOB NOT NULL, min_x REAL, min_y REAL, max_x REAL, max_y REAL)
            """,
            "CREATE TABLE store_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            """
            CREATE TABLE audit_log (id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, entity TEXT NOT NULL,
                entity_id INTEGER, detail TEXT)
            """,
            "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
            "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
        ]),
        Review.ReviewSchema.Sqlite,
        Review.LinkDecisionSchema.Sqlite,
        // The decoded text of each report, so a server can read every imported report again, not only the shipped files.
        new(4, "report texts", ["ALTER TABLE reports ADD COLUMN source_text TEXT"]),
        StoredFieldsSchema.Sqlite,
        Review.SessionSchema.Sqlite,
        AreaRtree,
        Layers.LayerSchema.Sqlite,
        Conflicts.ConflictSchema.Sqlite,
        // PostGIS's schema 10 adds partial GiST indexes for the overview tiles; SQLite has its area R*Tree since 7.
        new(10, "(PostGIS only) partial GiST indexes of the outlines above the overview floors", []),
        DatumSchema.Sqlite,
    ];

    /// <summary>
    /// Schema 7: a second R*Tree over the outlines (polygons) with their area (亩) as a third dimension, so "the largest
    /// parcels of a box" (a low-zoom tile) reads only outlines above an area floor instead of ranking every parcel of the
    /// box (SqliteParcelStore.LargestFirstFloorsAsync). Box queries keep the 2D tree: a tree that also clusters by area
    /// answers a plain box several times slower (measured, docs/benchmarks.md).
    /// </summary>
    private static Migration AreaRtree => new(7, "an R*Tree of outlines by box and area",
    [
        // Idempotent: a store taken back to an earlier version by hand (the upgrade tests do) may still hold the tree.
        "DROP TRIGGER IF EXISTS parcel_geometries_area_rtree_insert",
        "DROP TRIGGER IF EXISTS parcel_geometries_area_rtree_update",
        "DROP TRIGGER IF EXISTS parcel_geometries_area_rtree_delete",
        "DROP TABLE IF EXISTS parcel_area_rtree",
        "CREATE VIRTUAL TABLE parcel_area_rtree USING rtree (id, min_x, max_x, min_y, max_y, min_a, max_a)",
        "INSERT INTO parcel_area_rtree SELECT id, min_x, max_x, min_y, max_y, area_mu_computed, area_mu_computed FROM parcel_geometries WHERE min_x IS NOT NULL AND area_mu_computed > 0",
        """
        CREATE TRIGGER parcel_geometries_area_rtree_insert AFTER INSERT ON parcel_geometries WHEN NEW.min_x IS NOT NULL AND NEW.area_mu_computed > 0
        BEGIN INSERT INTO parcel_area_rtree VALUES (NEW.id, NEW.min_x, NEW.max_x, NEW.min_y, NEW.max_y, NEW.area_mu_computed, NEW.area_mu_computed); END
        """,
        """
        CREATE TRIGGER parcel_geometries_area_rtree_update AFTER UPDATE OF min_x, min_y, max_x, max_y, area_mu_computed ON parcel_geometries
        BEGIN
            DELETE FROM parcel_area_rtree WHERE id = OLD.id;
            INSERT INTO parcel_area_rtree SELECT NEW.id, NEW.min_x, NEW.max_x, NEW.min_y, NEW.max_y, NEW.area_mu_computed, NEW.area_mu_computed
            WHERE NEW.min_x IS NOT NULL AND NEW.area_mu_computed > 0;
        END
        """,
        "CREATE TRIGGER parcel_geometries_area_rtree_delete AFTER DELETE ON parcel_geometries BEGIN DELETE FROM parcel_area_rtree WHERE id = OLD.id; END",
    ]);
}
