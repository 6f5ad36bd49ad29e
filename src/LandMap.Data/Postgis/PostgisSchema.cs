using System.Globalization;
using LandMap.Data.Sql;

namespace LandMap.Data.Postgis;

/// <summary>
/// The PostgreSQL + PostGIS schema: the same tables and columns as SQLite, with geometry(Geometry, 4326) columns
/// under GiST indexes, jsonb for JSON, timestamptz for times, and a trigger function that keeps the audit log
/// append-only. Tables are created in the first schema of the connection's search path.
/// </summary>
internal static class PostgisSchema
{
    /// <summary>
    /// The outline areas (亩) an overview tile's "largest of the box" starts from, each with its partial GiST index: a
    /// z10–z12 box of 300,000 parcels reads the few thousand above a floor instead of ranking them all. Declared before
    /// <see cref="Migrations"/>, which reads it while the class initialises.
    /// </summary>
    public static readonly double[] OverviewFloors = [400, 160, 64, 25];

    public static readonly IReadOnlyList<Migration> Migrations =
    [
        new(1, "reports, entries, parcels with geometry versions, projects, indicators, gazetteer, audit log",
        [
            // The extension belongs to the whole database, and stores of other schemas migrate beside this one (their
            // locks are per schema): creating it takes the database-wide key for the rest of this first migration.
            "SELECT pg_advisory_xact_lock(7240311)",
            "CREATE EXTENSION IF NOT EXISTS postgis",
            """
            CREATE TABLE reports (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, file_name text NOT NULL, content_sha256 text NOT NULL UNIQUE,
                district text, review_year integer, plan_year integer, kind text NOT NULL, encoding text NOT NULL, declared_count integer,
                entry_count integer NOT NULL, warnings jsonb NOT NULL, imported_at timestamptz NOT NULL, superseded_by bigint REFERENCES reports (id))
            """,
            "CREATE INDEX reports_series ON reports (district, plan_year, kind) WHERE superseded_by IS NULL",
            """
            CREATE TABLE land_entries (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, report_id bigint NOT NULL REFERENCES reports (id),
                seq integer NOT NULL, name text NOT NULL, location text, area_mu double precision, approx integer NOT NULL, area_qualifier text,
                area_text text, parts jsonb NOT NULL, bounds jsonb NOT NULL, note text, source_line integer NOT NULL, source_text text NOT NULL)
            """,
            "CREATE INDEX land_entries_report ON land_entries (report_id)",
            """
            CREATE TABLE parcels (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, entry_id bigint NOT NULL UNIQUE REFERENCES land_entries (id),
                report_id bigint NOT NULL REFERENCES reports (id), version integer NOT NULL CHECK (version >= 1))
            """,
            "CREATE INDEX parcels_report ON parcels (report_id)",
            """
            CREATE TABLE parcel_geometries (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, parcel_id bigint NOT NULL REFERENCES parcels (id),
                version_no integer NOT NULL, is_current integer NOT NULL CHECK (is_current IN (0, 1)), geom geometry(Geometry, 4326),
                status text NOT NULL, confidence double precision NOT NULL CHECK (confidence BETWEEN 0 AND 1), method text NOT NULL,
                constraints jsonb NOT NULL, warnings jsonb NOT NULL, area_mu_computed double precision, made_by text NOT NULL,
                made_by_kind text NOT NULL, reason text, made_at timestamptz NOT NULL, UNIQUE (parcel_id, version_no))
            """,
            "CREATE UNIQUE INDEX parcel_geometries_current ON parcel_geometries (parcel_id) WHERE is_current = 1",
            "CREATE INDEX parcel_geometries_geom ON parcel_geometries USING gist (geom)",
            "CREATE TABLE key_projects (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL, phase text NOT NULL, UNIQUE (name, phase))",
            """
            CREATE TABLE project_stage_events (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, project_id bigint NOT NULL REFERENCES key_projects (id),
                report_id bigint NOT NULL REFERENCES reports (id), stage text, stage_text text, target integer NOT NULL, investment_yi double precision,
                investment_text text, source_line integer NOT NULL, source_text text NOT NULL)
            """,
            "CREATE INDEX project_stage_events_report ON project_stage_events (report_id)",
            """
            CREATE TABLE indicators (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, report_id bigint NOT NULL REFERENCES reports (id),
                name text NOT NULL, unit text, category text, source_line integer NOT NULL)
            """,
            "CREATE INDEX indicators_report ON indicators (report_id)",
            """
            CREATE TABLE indicator_values (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, indicator_id bigint NOT NULL REFERENCES indicators (id),
                year integer NOT NULL, kind text NOT NULL, text text NOT NULL, value double precision, measure text)
            """,
            "CREATE INDEX indicator_values_indicator ON indicator_values (indicator_id)",
            """
            CREATE TABLE gazetteer_features (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL, kind text NOT NULL, district text,
                aliases jsonb NOT NULL, precision_m double precision, source text, geom geometry(Geometry, 4326) NOT NULL)
            """,
            "CREATE INDEX gazetteer_features_geom ON gazetteer_features USING gist (geom)",
            "CREATE TABLE store_settings (key text PRIMARY KEY, value text NOT NULL)",
            """
            CREATE TABLE audit_log (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at timestamptz NOT NULL, actor text NOT NULL, action text NOT NULL,
                entity text NOT NULL, entity_id bigint, detail jsonb)
            """,
            """
            CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$
            """,
            "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
            "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()",
        ]),
        Review.ReviewSchema.Postgis,
        Review.LinkDecisionSchema.Postgis,
        // The decoded text of each report, so a server can read every imported report again, not only the shipped files.
        new(4, "report texts", ["ALTER TABLE reports ADD COLUMN source_text text"]),
        StoredFieldsSchema.Postgis,
        Review.SessionSchema.Postgis,
        // SQLite's schema 7 adds an R*Tree of outlines by box and area; PostGIS ranks in the database with its GiST index.
        new(7, "(SQLite only) an R*Tree of outlines by box and area", []),
        Layers.LayerSchema.Postgis,
        Conflicts.ConflictSchema.Postgis,
        OverviewIndexes,
        DatumSchema.Postgis,
    ];

    /// <summary>Schema 10: a partial GiST index of the outlines above each overview floor (SQLite has its area R*Tree since 7).</summary>
    private static Migration OverviewIndexes => new(10, "partial GiST indexes of the outlines above the overview floors",
        [.. OverviewFloors.Select(f => string.Create(CultureInfo.InvariantCulture,
            $"CREATE INDEX IF NOT EXISTS parcel_geometries_geom_ge{f:R} ON parcel_geometries USING gist (geom) WHERE area_mu_computed >= {f:R}"))]);
}
