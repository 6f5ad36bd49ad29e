using LandMap.Core.Crs;

namespace LandMap.Core.Tests.Crs;

public class GaussKrugerZonesTests
{
    public static TheoryData<int, double, double> Cgcs2000Zones()
    {
        var data = new TheoryData<int, double, double>();
        for (var z = 13; z <= 23; z++)
        {
            data.Add(4491 + z - 13, 6 * z - 3, z * 1_000_000 + 500_000);
            data.Add(4502 + z - 13, 6 * z - 3, 500_000);
        }
        for (var z = 25; z <= 45; z++)
        {
            data.Add(4513 + z - 25, 3 * z, z * 1_000_000 + 500_000);
            data.Add(4534 + z - 25, 3 * z, 500_000);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cgcs2000Zones))]
    public void EveryCgcs2000ZoneResolvesAndIsRecognisedFromItsWkt(int epsg, double meridian, double falseEasting)
    {
        var crs = KnownCrs.FromEpsg(epsg);
        Assert.True(crs.IsSuccess, crs.Error?.ToString());
        Assert.Equal((epsg, GeodeticDatum.Cgcs2000, meridian), (crs.Value.Epsg, crs.Value.Datum, crs.Value.TransverseMercatorMeridian));
        Assert.Contains($"\"false_easting\",{falseEasting:0}]", crs.Value.Wkt, StringComparison.Ordinal);
        // A .prj of the same parameters, under another name, is the same EPSG code; a 6° zone without prefix has the very
        // parameters of the 3° "CM" CRS on its meridian, which is the code it is read back as.
        var renamed = crs.Value.Wkt.Replace(crs.Value.Name, "CGCS2000_GK_as_exported", StringComparison.Ordinal);
        var expected = falseEasting == 500_000 ? 4534 + (int)(meridian / 3) - 25 : epsg;
        Assert.Equal(expected, KnownCrs.FromWkt(renamed).Value.Epsg);
    }

    [Theory]
    [InlineData(2362, GeodeticDatum.Xian1980, 114)]
    [InlineData(2343, GeodeticDatum.Xian1980, 105)]
    [InlineData(2414, GeodeticDatum.Beijing1954, 114)]
    [InlineData(21458, GeodeticDatum.Beijing1954, 105)]
    [InlineData(21478, GeodeticDatum.Beijing1954, 105)]
    public void OldDatumZonesResolve(int epsg, GeodeticDatum datum, double meridian)
    {
        var crs = KnownCrs.FromEpsg(epsg).Value;
        Assert.Equal((datum, meridian), (crs.Datum, crs.TransverseMercatorMeridian));
    }

    [Fact]
    public void EsriPrjOfZone39IsEpsg4527AndPointsLandOnItsMeridian()
    {
        const string prj = """PROJCS["CGCS2000_3_Degree_GK_Zone_39",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",39500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",117.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]""";
        var crs = KnownCrs.FromWkt(prj).Value;
        Assert.Equal(4527, crs.Epsg);
        var (lon, lat) = CrsTransformer.Create(crs, KnownCrs.Wgs84).Value.Transform(39_500_000, 3_700_000);
        Assert.Equal(117, lon, 9);
        Assert.InRange(lat, 33.3, 33.5);
    }

    [Theory]
    [InlineData(113.3, 4547)]
    [InlineData(115.49, 4547)]
    [InlineData(115.51, 4548)]
    [InlineData(75.2, 4534)]
    public void AreaCrsIsTheNearestThreeDegreeZoneWithoutPrefix(double lon, int epsg) => Assert.Equal(epsg, GaussKrugerZones.AreaCrs(lon).Epsg);

    [Theory]
    [InlineData("EPSG:4526", "EPSG:4526")]
    [InlineData("4547", "EPSG:4547")]
    [InlineData("gcj-02", "GCJ02")]
    [InlineData("BD09", "BD09")]
    [InlineData("EPSG:3857", "EPSG:3857")]
    [InlineData("cgcs2000", "EPSG:4490")]
    public void CrsOptionValuesParse(string text, string label) => Assert.Equal(label, SourceCrs.Parse(text).Value.Label);

    [Fact]
    public void WebMercatorAndBd09GoBackToWgs84()
    {
        var factory = new NetTopologySuite.Geometries.GeometryFactory();
        var mercator = SourceCrs.Parse("EPSG:3857").Value.ToWgs84([]).Value(factory.CreatePoint(new NetTopologySuite.Geometries.Coordinate(12612700.0, 3988000.0))).Value;
        Assert.Equal(113.30, mercator.Coordinate.X, 2);
        var (bLon, bLat) = ChinaWebDatums.Wgs84ToBd09(113.3, 33.7);
        var back = SourceCrs.Parse("BD09").Value.ToWgs84([]).Value(factory.CreatePoint(new NetTopologySuite.Geometries.Coordinate(bLon, bLat))).Value;
        Assert.Equal((113.3, 33.7), (Math.Round(back.Coordinate.X, 7), Math.Round(back.Coordinate.Y, 7)));
    }
}
