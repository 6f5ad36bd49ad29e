using LandMap.Data.Sql;

namespace LandMap.Data.Layers;

/// <summary>
/// Schema version 8, the bureau's layers: one row per layer (unique name, kind, source, fields, counts, WGS 84 extent)
/// and its features (key, attributes as JSON, geometry in WGS 84, area in m² in the GK zone, a content hash for
/// "what changed"). SQLite keeps feature envelopes in an R*Tree that only the layer writes fill and empty (no
/// triggers: a layer comes and goes whole), PostGIS a GiST index.
/// </summary>
internal static class LayerSchema
{
    private const string Description = "bureau layers and their features";
    private const string KindCheck = "CHECK (kind IN ('cadastre', 'land-survey', 'farmland', 'eco-redline', 'urban-boundary', 'planning', 'other'))";

    public static readonly Migration Sqlite = new(8, Description,
    [
        // Idempotent: a store taken back to an earlier version by hand (the upgrade tests do) may still hold the tables.
        "DROP TABLE IF EXISTS layer_feature_rtree",
        "DROP TABLE IF EXISTS layer_features",
        "DROP TABLE IF EXISTS layers",
        $"""
        CREATE TABLE layers (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, kind TEXT NOT NULL {KindCheck}, source_file TEXT NOT NULL,
            source_crs TEXT NOT NULL, area_crs TEXT NOT NULL, encoding TEXT, fields TEXT NOT NULL, feature_count INTEGER NOT NULL,
            repaired_count INTEGER NOT NULL, min_x REAL, min_y REAL, max_x REAL, max_y REAL, imported_at TEXT NOT NULL, imported_by TEXT NOT NULL)
        """,
        """
        CREATE TABLE layer_features (id INTEGER PRIMARY KEY, layer_id INTEGER NOT NULL REFERENCES layers (id), feature_key TEXT NOT NULL,
            attributes TEXT NOT NULL, geom BLOB NOT NULL, min_x REAL NOT NULL, min_y REAL NOT NULL, max_x REAL NOT NULL, max_y REAL NOT NULL,
            area_m2 REAL NOT NULL, content_hash INTEGER NOT NULL)
        """,
        "CREATE INDEX layer_features_key ON layer_features (layer_id, feature_key)",
        "CREATE VIRTUAL TABLE layer_feature_rtree USING rtree (id, min_x, max_x, min_y, max_y)",
    ]);

    public static readonly Migration Postgis = new(8, Description,
    [
        "DROP TABLE IF EXISTS layer_features",
        "DROP TABLE IF EXISTS layers",
        $"""
        CREATE TABLE layers (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL UNIQUE, kind text NOT NULL {KindCheck},
            source_file text NOT NULL, source_crs text NOT NULL, area_crs text NOT NULL, encoding text, fields jsonb NOT NULL,
            feature_count bigint NOT NULL, repaired_count bigint NOT NULL, min_x double precision, min_y double precision,
            max_x double precision, max_y double precision, imported_at timestamptz NOT NULL, imported_by text NOT NULL)
        """,
        """
        CREATE TABLE layer_features (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, layer_id bigint NOT NULL REFERENCES layers (id),
            feature_key text NOT NULL, attributes jsonb NOT NULL, geom geometry(Geometry, 4326) NOT NULL, area_m2 double precision NOT NULL,
            content_hash bigint NOT NULL)
        """,
        "CREATE INDEX layer_features_key ON layer_features (layer_id, feature_key)",
        "CREATE INDEX layer_features_geom ON layer_features USING gist (geom)",
    ]);
}
