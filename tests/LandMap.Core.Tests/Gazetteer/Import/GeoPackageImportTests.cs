using LandMap.Core.Crs;
using LandMap.Core.Gazetteer;
using LandMap.Core.Gazetteer.Import;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace LandMap.Core.Tests.Gazetteer.Import;

/// <summary>
/// GeoPackages written by hand with Microsoft.Data.Sqlite: NetTopologySuite.IO.GeoPackage 2.0 only encodes
/// geometry blobs (GeoPackageGeoWriter), it creates no tables.
/// </summary>
public sealed class GeoPackageImportTests : IDisposable
{
    private readonly ImportFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void VillagesIn4526ComeOutInWgs84WithKindFromAChineseField()
    {
        var (e, n) = MetricPlane.Gk114.ToPlane(113.33, 33.73);
        var gpkg = WriteGeoPackage("villages.gpkg", 4526, KnownCrs.Cgcs2000Gk38.Wkt,
            ("魏寨村", "村庄", Blob(ImportFolder.Factory.CreatePoint(new Coordinate(e + 38_000_000, n)), 4526)),
            ("寺沟社区", "社区", Blob(ImportFolder.Factory.CreatePoint(new Coordinate(e + 38_000_500, n + 500)), 4526)));

        var result = new GazetteerImporter(_folder.Options() with { KindField = "类型", District = "卫东区" }).Read(gpkg);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal("geopackage", result.Format);
        var village = result.Features[0];
        Assert.Equal(("魏寨村", PlaceKind.Village, "卫东区"), (village.Name, village.Kind, village.District));
        ShapefileImportTests.AssertNear((113.33, 33.73), village.Geometry.Coordinate);
        Assert.Equal(PlaceKind.Community, result.Features[1].Kind);
    }

    [Fact]
    public void UnknownLayerNamesTheTablesThereAre()
    {
        var gpkg = WriteGeoPackage("villages.gpkg", 4526, KnownCrs.Cgcs2000Gk38.Wkt);

        var result = new GazetteerImporter(_folder.Options(PlaceKind.Village) with { Layer = "roads" }).Read(gpkg);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(ImportProblemCode.LayerNotFound, problem.Code);
        Assert.Contains("villages", problem.Message);
    }

    [Fact]
    public void DeeplyNestedCollectionIsRejectedBeforeNtsReadsIt()
    {
        var gpkg = WriteGeoPackage("villages.gpkg", 4526, KnownCrs.Cgcs2000Gk38.Wkt, ("魏寨村", "村庄", NestedBlob(depth: 5_000)));

        var result = new GazetteerImporter(_folder.Options(PlaceKind.Village)).Read(gpkg);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(ImportProblemCode.NestingTooDeep, problem.Code);
        Assert.Equal("villages.gpkg/villages", problem.File);
        Assert.Equal(0, problem.FeatureIndex);
        Assert.Equal("fid 1", problem.FeatureId);
    }

    [Fact]
    public void NanVertexInABlobIsRejectedWithTheFeature()
    {
        var line = ImportFolder.Factory.CreateLineString([new Coordinate(38_430_000, 3_733_000), new Coordinate(double.NaN, 3_733_100)]);
        var gpkg = WriteGeoPackage("roads.gpkg", 4526, KnownCrs.Cgcs2000Gk38.Wkt, ("平安大道", "道路", Blob(line, 4526)));

        var result = new GazetteerImporter(_folder.Options()).Read(gpkg);

        Assert.Equal(ImportProblemCode.NonFiniteCoordinate, Assert.Single(result.Problems).Code);
    }

    private static byte[] Blob(Geometry g, int srid)
    {
        g.SRID = srid;
        return new GeoPackageGeoWriter().Write(g);
    }

    /// <summary>A GeoPackage blob of <paramref name="depth"/> GeometryCollections, each holding the next, around a point.</summary>
    private static byte[] NestedBlob(int depth)
    {
        using var blob = new MemoryStream();
        blob.Write("GP"u8);
        blob.Write([0, 1]); // version 0, flags: little-endian, no envelope
        blob.Write(BitConverter.GetBytes(4526));
        for (var i = 0; i < depth; i++)
        {
            blob.WriteByte(1);
            blob.Write(BitConverter.GetBytes(7u));
            blob.Write(BitConverter.GetBytes(1u));
        }

        blob.WriteByte(1);
        blob.Write(BitConverter.GetBytes(1u));
        blob.Write(BitConverter.GetBytes(38_430_000.0));
        blob.Write(BitConverter.GetBytes(3_733_000.0));
        return blob.ToArray();
    }

    private string WriteGeoPackage(string name, int srsId, string wkt, params (string Name, string Kind, byte[] Geometry)[] rows)
    {
        var path = _folder.File(name);
        var table = Path.GetFileNameWithoutExtension(name);
        using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        db.Open();
        Execute(db, $"""
            CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
              organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
            CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT, description TEXT DEFAULT '',
              last_change DATETIME, min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER);
            CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
              srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL);
            CREATE TABLE "{table}" (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom BLOB, 名称 TEXT, 类型 TEXT);
            INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES ('{table}', 'features', '{table}', {srsId});
            INSERT INTO gpkg_geometry_columns VALUES ('{table}', 'geom', 'GEOMETRY', {srsId}, 0, 0);
            """);
        using (var srs = db.CreateCommand())
        {
            srs.CommandText = "INSERT INTO gpkg_spatial_ref_sys VALUES ('test', $id, 'EPSG', $id, $wkt, NULL)";
            srs.Parameters.AddWithValue("$id", srsId);
            srs.Parameters.AddWithValue("$wkt", wkt);
            srs.ExecuteNonQuery();
        }

        foreach (var (placeName, kind, geometry) in rows)
        {
            using var insert = db.CreateCommand();
            insert.CommandText = $"INSERT INTO \"{table}\" (geom, 名称, 类型) VALUES ($g, $n, $k)";
            insert.Parameters.AddWithValue("$g", geometry);
            insert.Parameters.AddWithValue("$n", placeName);
            insert.Parameters.AddWithValue("$k", kind);
            insert.ExecuteNonQuery();
        }

        return path;
    }

    private static void Execute(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
