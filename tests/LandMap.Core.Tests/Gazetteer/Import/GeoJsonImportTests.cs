using System.Globalization;
using LandMap.Core.Crs;
using LandMap.Core.Gazetteer;
using LandMap.Core.Gazetteer.Import;
using static LandMap.Core.Tests.Gazetteer.Import.ImportFolder;

namespace LandMap.Core.Tests.Gazetteer.Import;

public sealed class GeoJsonImportTests : IDisposable
{
    private readonly ImportFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>A LineString of the test road in EPSG:4547, optionally northing first.</summary>
    private static string GkLine(bool northingFirst = false, double addToEasting = 0)
    {
        var points = Gk(Road).Coordinates.Select(c => northingFirst ? (c.Y, c.X + addToEasting) : (c.X + addToEasting, c.Y));
        return $$"""{"type": "LineString", "coordinates": [{{string.Join(", ", points.Select(p => string.Create(CultureInfo.InvariantCulture, $"[{p.Item1}, {p.Item2}]")))}}]}""";
    }

    [Fact]
    public void GeoJsonIn4547FromItsCrsMemberComesOutInWgs84()
    {
        var json = Collection(4547, Feature(GkLine(), """{"name": "平安大道", "aliases": ["平安路"], "kind": "road", "district": "卫东区"}"""));

        var result = new GazetteerImporter(_folder.Options()).Read(_folder.Write("roads.geojson", json));

        Assert.True(result.IsSuccess, result.ToString());
        var road = Assert.Single(result.Features);
        Assert.Equal(("平安大道", PlaceKind.Road, "卫东区"), (road.Name, road.Kind, road.District));
        Assert.Equal(["平安路"], road.Aliases);
        ShapefileImportTests.AssertNear(Road[1], road.Geometry.Coordinates[1]);
    }

    [Fact]
    public void SwappedXYIsAnErrorSayingSo()
    {
        var json = Collection(4547, Feature(GkLine(northingFirst: true), """{"name": "平安大道", "kind": "road"}"""));

        var result = new GazetteerImporter(_folder.Options()).Read(_folder.Write("roads.geojson", json));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(ImportProblemCode.SwappedXY, problem.Code);
        Assert.Contains("X/Y look swapped", problem.Message);
        Assert.Equal("roads.geojson", problem.File);
    }

    // Issue 16, point 30: degrees in a file declaring EPSG:4547 landed at 109.5°E, 0.0003°N with only a warning.
    [Fact]
    public void DegreesDeclaredAsGaussKrugerMetresAreRefused()
    {
        var json = Collection(4547, Feature("""{"type": "LineString", "coordinates": [[113.30, 33.74], [113.31, 33.75]]}""", """{"name": "度数路", "kind": "road"}"""));

        var result = new GazetteerImporter(_folder.Options()).Read(_folder.Write("roads.geojson", json));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(ImportProblemCode.CrsMismatch, problem.Code);
        Assert.Contains("look like longitude/latitude in degrees", problem.Message);
    }

    // The zone check is about the CRS, not Pingdingshan: 4547 data 1.5–2° either side of 114°E (the test road is at
    // 113.33°E; a city at the zone's edge, or a 6°-zone-wide layer) imports.
    [Theory]
    [InlineData(-80_000)]
    [InlineData(250_000)]
    public void GaussKrugerDataAtTheEdgeOfItsZoneImports(double addToEasting)
    {
        var json = Collection(4547, Feature(GkLine(addToEasting: addToEasting), """{"name": "边缘路", "kind": "road"}"""));

        var result = new GazetteerImporter(_folder.Options()).Read(_folder.Write("roads.geojson", json));

        Assert.Empty(result.Problems);
        Assert.InRange(Math.Abs(Assert.Single(result.Features).Geometry.Coordinate.X - 114), 1.4, 2.2);
    }

    [Fact]
    public void APolygonRingOfThreePositionsIsRefusedNotReadAsALine()
    {
        var json = Collection(null, Feature("""{"type": "Polygon", "coordinates": [[[113.30, 33.74], [113.31, 33.74], [113.30, 33.74]]]}""", """{"name": "三点公园", "kind": "park"}"""));

        var result = new GazetteerImporter(_folder.Options()).Read(_folder.Write("parks.geojson", json));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(ImportProblemCode.InvalidGeometry, problem.Code);
        Assert.Contains("3 position(s)", problem.Message);
    }

    [Fact]
    public void LatitudeFirstIsAnErrorSayingSo()
    {
        var json = Collection(null, Feature("""{"type": "Point", "coordinates": [33.73, 113.33]}""", """{"name": "魏寨村", "kind": "village"}"""));

        var result = new GazetteerImporter(_folder.Options()).Read(_folder.Write("villages.geojson", json));

        Assert.Equal(ImportProblemCode.SwappedXY, Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void Xian1980WithoutDatumShiftFailsAndWithOneSucceeds()
    {
        var json = Collection(2383, Feature(GkLine(), """{"name": "平安大道", "kind": "road"}"""));
        var path = _folder.Write("roads.geojson", json);

        var failed = new GazetteerImporter(_folder.Options()).Read(path);
        var shifted = new GazetteerImporter(_folder.Options() with
        {
            DatumShifts = [DatumShift.ThreeParameter(GeodeticDatum.Xian1980, 20, -30, 10)],
        }).Read(path);

        var problem = Assert.Single(failed.Problems);
        Assert.Equal(ImportProblemCode.NeedsDatumShift, problem.Code);
        Assert.Contains("local transformation parameters", problem.Message);
        Assert.True(shifted.IsSuccess, shifted.ToString());

        // Xi'an 1980 and CGCS2000 grids differ by tens of metres here: near, not equal.
        Assert.InRange(MetricPlane.Gk114.DistanceM(shifted.Features[0].Geometry, MetricPlane.Gk114.ToWgs84(Gk(Road))), 0, 200);
    }

    [Fact]
    public void NanCoordinateIsAnErrorNamingTheFeature()
    {
        var json = Collection(null,
            Feature("""{"type": "Point", "coordinates": [113.32, 33.745]}""", """{"name": "魏寨村", "kind": "village"}"""),
            Feature("""{"type": "Point", "coordinates": [NaN, 33.73]}""", """{"name": "焦庄村", "kind": "village"}"""));

        var result = new GazetteerImporter(_folder.Options()).Import(_folder.Write("villages.geojson", json));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(ImportProblemCode.NonFiniteCoordinate, problem.Code);
        Assert.Equal(1, problem.FeatureIndex);
        Assert.StartsWith("villages.geojson: feature 1", problem.ToString());
        Assert.False(Directory.Exists(_folder.Gazetteer));
    }

    [Fact]
    public void BowTiePolygonIsReportedNotRepaired()
    {
        var bowTie = """{"type": "Polygon", "coordinates": [[[113.30, 33.70], [113.31, 33.71], [113.31, 33.70], [113.30, 33.71], [113.30, 33.70]]]}""";
        var json = Collection(null, Feature(bowTie, """{"name": "汽车产业园", "kind": "park"}"""));

        var result = new GazetteerImporter(_folder.Options()).Read(_folder.Write("parks.geojson", json));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(ImportProblemCode.InvalidGeometry, problem.Code);
        Assert.Contains("Self-intersection", problem.Message);
    }

    [Fact]
    public void UnknownKindNamesFeatureAndField()
    {
        var json = Collection(null,
            Feature("""{"type": "Point", "coordinates": [113.32, 33.745]}""", """{"name": "焦庄村", "kind": "村庄"}"""),
            Feature("""{"type": "Point", "coordinates": [113.32, 33.745]}""", """{"name": "魏寨村", "kind": "hamlet"}"""));

        var result = new GazetteerImporter(_folder.Options()).Read(_folder.Write("villages.geojson", json));

        var problem = Assert.Single(result.Problems);
        Assert.Equal((ImportProblemCode.UnknownKind, 1, "kind"), (problem.Code, problem.FeatureIndex, problem.Field));
    }

    [Fact]
    public void FieldThatNoRecordHasIsAnErrorListingTheFields()
    {
        var json = Collection(null,
            Feature("""{"type": "Point", "coordinates": [113.32, 33.745]}""", """{"name": "魏寨村", "district": "卫东区"}"""),
            Feature("""{"type": "Point", "coordinates": [113.32, 33.745]}""", """{"name": "焦庄村"}"""));

        var missing = new GazetteerImporter(_folder.Options(PlaceKind.Village) with { DistrictField = "区县" }).Read(_folder.Write("villages.geojson", json));
        var partial = new GazetteerImporter(_folder.Options(PlaceKind.Village) with { DistrictField = "district" }).Read(_folder.File("villages.geojson"));

        var problem = Assert.Single(missing.Problems);
        Assert.Equal((ImportProblemCode.UnknownField, "区县"), (problem.Code, problem.Field));
        Assert.Contains("district, name", problem.Message);
        Assert.True(partial.IsSuccess, partial.ToString());
        Assert.Equal(["卫东区", null], partial.Features.Select(f => f.District));
    }

    [Fact]
    public void UnnamedRecordsAreSkippedWithAWarning()
    {
        var json = Collection(null,
            Feature("""{"type": "Point", "coordinates": [113.32, 33.745]}""", """{"name": "魏寨村"}"""),
            Feature("""{"type": "Point", "coordinates": [113.33, 33.745]}""", """{"name": " "}"""));

        var result = new GazetteerImporter(_folder.Options(PlaceKind.Village)).Read(_folder.Write("villages.geojson", json));

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(1, result.Unnamed);
        Assert.Contains(result.Warnings, w => w.Contains("without a name"));
    }
}
