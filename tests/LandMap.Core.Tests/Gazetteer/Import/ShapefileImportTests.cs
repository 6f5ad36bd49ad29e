using System.IO.Compression;
using System.Text;
using LandMap.Core.Crs;
using LandMap.Core.Gazetteer;
using LandMap.Core.Gazetteer.Import;
using NetTopologySuite.Geometries;

namespace LandMap.Core.Tests.Gazetteer.Import;

public sealed class ShapefileImportTests : IDisposable
{
    private readonly ImportFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static Encoding Gbk()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(936);
    }

    [Fact]
    public void ShapefileIn4547WithCpgComesOutInWgs84WithChineseNames()
    {
        var shp = _folder.WriteShapefile("roads", ImportFolder.Roads(), KnownCrs.Cgcs2000Gk114.Wkt, Encoding.UTF8);
        Assert.True(File.Exists(_folder.File("roads.cpg")));

        var result = new GazetteerImporter(_folder.Options(PlaceKind.Road) with { DistrictField = "区县" }).Read(shp);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal("shapefile", result.Format);
        Assert.StartsWith("utf-8", result.Encoding);
        Assert.Equal(["平安大道", "平郏东路"], result.Features.Select(f => f.Name));
        var road = result.Features[0];
        Assert.Equal("卫东区", road.District);
        Assert.Equal(PlaceKind.Road, road.Kind);
        Assert.Equal(5, road.PrecisionM);
        Assert.Equal("import: roads.shp", road.Source);
        AssertNear(ImportFolder.Road[0], road.Geometry.Coordinates[0]);
        Assert.Equal(3, result.ReadPerKind[PlaceKind.Road]);
    }

    [Fact]
    public void GbkDbfWithoutCpgIsDecodedAsGb18030()
    {
        var shp = _folder.WriteShapefile("roads", ImportFolder.Roads(), KnownCrs.Cgcs2000Gk114.Wkt, Gbk());
        File.Delete(_folder.File("roads.cpg"));

        var result = new GazetteerImporter(_folder.Options(PlaceKind.Road)).Read(shp);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Contains("gb18030", result.Encoding);
        Assert.Equal(["平安大道", "平郏东路"], result.Features.Select(f => f.Name));
    }

    [Fact]
    public void CpgClaimingUtf8OverGbkTextIsAnError()
    {
        var shp = _folder.WriteShapefile("roads", ImportFolder.Roads(), KnownCrs.Cgcs2000Gk114.Wkt, Gbk());
        File.WriteAllText(_folder.File("roads.cpg"), "UTF-8");

        var result = new GazetteerImporter(_folder.Options(PlaceKind.Road)).Read(shp);

        Assert.Equal(ImportProblemCode.UnknownEncoding, Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void ZippedShapefileReadsLikeTheFolder()
    {
        _folder.WriteShapefile("roads", ImportFolder.Roads(), KnownCrs.Cgcs2000Gk114.Wkt, Encoding.UTF8);
        var zip = _folder.File("roads.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            foreach (var ext in (string[])["shp", "shx", "dbf", "prj", "cpg"])
            {
                archive.CreateEntryFromFile(_folder.File("roads." + ext), "data/roads." + ext);
            }
        }

        var result = new GazetteerImporter(_folder.Options(PlaceKind.Road)).Read(zip);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(["平安大道", "平郏东路"], result.Features.Select(f => f.Name));
        AssertNear(ImportFolder.Road[0], result.Features[0].Geometry.Coordinates[0]);
    }

    [Fact]
    public void ShapefileWithoutPrjNeedsCrs()
    {
        var shp = _folder.WriteShapefile("roads", ImportFolder.Roads(), prjWkt: null, Encoding.UTF8);

        var failed = new GazetteerImporter(_folder.Options(PlaceKind.Road)).Read(shp);
        var given = new GazetteerImporter(_folder.Options(PlaceKind.Road) with { Crs = KnownCrs.Cgcs2000Gk114 }).Read(shp);

        var problem = Assert.Single(failed.Problems);
        Assert.Equal(ImportProblemCode.MissingCrs, problem.Code);
        Assert.Contains("--crs EPSG:", problem.Message);
        Assert.True(given.IsSuccess, given.ToString());
    }

    [Fact]
    public void SegmentsOfOneRoadMergeIntoOneMultiLineString()
    {
        var shp = _folder.WriteShapefile("roads", ImportFolder.Roads(), KnownCrs.Cgcs2000Gk114.Wkt, Encoding.UTF8);

        var result = new GazetteerImporter(_folder.Options(PlaceKind.Road)).Read(shp);

        var road = Assert.IsType<MultiLineString>(result.Features.Single(f => f.Name == "平安大道").Geometry);
        Assert.Equal(2, road.NumGeometries);
        Assert.IsType<LineString>(result.Features.Single(f => f.Name == "平郏东路").Geometry);
    }

    [Fact]
    public void ZonePrefixedCoordinatesInA4547FileAreCaught()
    {
        var shifted = ImportFolder.Roads().Select(r => (r.Item1, r.Item2, Shift(r.Item3, 38_000_000))).ToArray();
        var shp = _folder.WriteShapefile("roads", shifted, KnownCrs.Cgcs2000Gk114.Wkt, Encoding.UTF8);

        var result = new GazetteerImporter(_folder.Options(PlaceKind.Road)).Read(shp);

        var problem = result.Problems[0];
        Assert.Equal(ImportProblemCode.CrsMismatch, problem.Code);
        Assert.Contains("EPSG:4526", problem.Message);
        Assert.Equal(0, problem.FeatureIndex);
    }

    internal static Geometry Shift(Geometry g, double dx)
    {
        var copy = g.Copy();
        copy.Apply(new NetTopologySuite.Geometries.Utilities.AffineTransformation().Translate(dx, 0));
        return copy;
    }

    internal static void AssertNear((double Lon, double Lat) expected, Coordinate actual)
    {
        Assert.Equal(expected.Lon, actual.X, 1e-7);
        Assert.Equal(expected.Lat, actual.Y, 1e-7);
    }
}
