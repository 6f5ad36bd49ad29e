using LandMap.Core.Crs;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace LandMap.Data.Export;

/// <summary>
/// Parcels as an OGC GeoPackage 1.3: the required gpkg_spatial_ref_sys (with EPSG:4326), gpkg_contents and
/// gpkg_geometry_columns tables, and one feature table "parcels" whose blobs GeoPackageGeoWriter encodes.
/// </summary>
internal static class GeoPackageExport
{
    private const string Table = "parcels";
    private const int ApplicationId = 0x47504B47; // "GPKG"
    private const int UserVersion = 10300;        // GeoPackage 1.3.0

    private const string Wgs84Wkt =
        "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]]," +
        "PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AUTHORITY[\"EPSG\",\"4326\"]]";

    public static ExportResult Write(IReadOnlyList<ParcelRecord> parcels, string path, OutputDatum datum = OutputDatum.Wgs84)
    {
        if (File.Exists(path)) File.Delete(path);
        // Pooling off: the file must be closed (and complete) when this returns.
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        Execute(connection, null, $"PRAGMA application_id = {ApplicationId}; PRAGMA user_version = {UserVersion}");
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction,
            """
            CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
                organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
            CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '',
                last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,
                srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
            CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL,
                z TINYINT NOT NULL, m TINYINT NOT NULL, CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name));
            CREATE TABLE parcels (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom GEOMETRY, parcel_id INTEGER, file TEXT, district TEXT, plan_year INTEGER,
                seq INTEGER, name TEXT, location TEXT, note TEXT, area_mu REAL, area_calc REAL, status TEXT, confidence REAL, method TEXT, version INTEGER, made_by TEXT,
                land_use TEXT, use_name TEXT, conflicts TEXT);
            """);
        Execute(connection, transaction,
            """
            INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system');
            INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system');
            INSERT INTO gpkg_spatial_ref_sys VALUES ('WGS 84 geodetic', 4326, 'EPSG', 4326, @wkt, 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid');
            """, ("wkt", Wgs84Wkt));

        var envelope = new Envelope();
        var writer = new GeoPackageGeoWriter();
        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText =
                """
                INSERT INTO parcels (geom, parcel_id, file, district, plan_year, seq, name, location, note, area_mu, area_calc, status, confidence, method, version, made_by,
                    land_use, use_name, conflicts)
                VALUES (@geom, @id, @file, @district, @plan_year, @seq, @name, @location, @note, @area_mu, @area_calc, @status, @confidence, @method, @version, @made_by,
                    @land_use, @use_name, @conflicts)
                """;
            foreach (var p in parcels)
            {
                insert.Parameters.Clear();
                byte[]? blob = null;
                if (p.Geometry is { } g)
                {
                    g.SRID = 4326;
                    blob = writer.Write(g);
                    envelope.ExpandToInclude(g.EnvelopeInternal);
                }
                insert.Parameters.AddWithValue("@geom", (object?)blob ?? DBNull.Value);
                var values = ParcelColumns.Values(p);
                for (var i = 0; i < values.Length; i++)
                    insert.Parameters.AddWithValue("@" + ParcelColumns.Names[i], values[i] ?? DBNull.Value);
                insert.ExecuteNonQuery();
            }
        }
        // GCJ-02/BD-09 have no EPSG code: srs 4326 stays the label, a datum column (as in GeoJSON and Shapefile) says which.
        if (datum != OutputDatum.Wgs84)
        {
            Execute(connection, transaction, "ALTER TABLE parcels ADD COLUMN datum TEXT");
            Execute(connection, transaction, "UPDATE parcels SET datum = @d", ("d", datum.Name()));
        }
        Execute(connection, transaction,
            """
            INSERT INTO gpkg_contents (table_name, data_type, identifier, description, min_x, min_y, max_x, max_y, srs_id)
            VALUES (@t, 'features', @t, @description, @minx, @miny, @maxx, @maxy, 4326);
            INSERT INTO gpkg_geometry_columns VALUES (@t, 'geom', 'GEOMETRY', 4326, 0, 0);
            """,
            ("t", Table), ("description", datum == OutputDatum.Wgs84 ? "LandMap parcels (current geometry versions)"
                : $"LandMap parcels (current geometry versions); coordinates in {datum.Name()}, not WGS 84 ({datum.Name()} has no EPSG code)"), ("minx", envelope.IsNull ? null : envelope.MinX), ("miny", envelope.IsNull ? null : envelope.MinY),
            ("maxx", envelope.IsNull ? null : envelope.MaxX), ("maxy", envelope.IsNull ? null : envelope.MaxY));
        transaction.Commit();
        return new ExportResult(parcels.Count, [path], []);
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue("@" + name, value ?? DBNull.Value);
        command.ExecuteNonQuery();
    }
}
