using LandMap.Core.Crs;

namespace LandMap.Core.Tests.Crs;

public class KnownCrsTests
{
    private const string EsriGaussKruger114 =
        """PROJCS["CGCS2000_3_Degree_GK_CM_114E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",114.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]""";

    private const string EsriXian80Zone38 =
        """PROJCS["Xian_1980_3_Degree_GK_Zone_38",GEOGCS["GCS_Xian_1980",DATUM["D_Xian_1980",SPHEROID["Xian_1980",6378140.0,298.257]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",38500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",114.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]""";

    [Theory]
    [InlineData(4326, false)]
    [InlineData(4490, false)]
    [InlineData(4547, true)]
    [InlineData(4526, true)]
    [InlineData(2383, true)]
    [InlineData(2362, true)]
    [InlineData(2435, true)]
    [InlineData(2414, true)]
    public void KnownCodesResolve(int epsg, bool projected)
    {
        var crs = KnownCrs.FromEpsg(epsg);
        Assert.True(crs.IsSuccess, crs.Error?.ToString());
        Assert.Equal(epsg, crs.Value.Epsg);
        Assert.Equal(projected, crs.Value.IsProjected);
    }

    [Fact]
    public void UnknownCodeIsAnErrorValue()
    {
        var crs = KnownCrs.FromEpsg(3857);
        Assert.Equal(CrsErrorCode.UnknownEpsg, crs.Error!.Code);
    }

    [Fact]
    public void EsriPrjWithGaussKrugerIsIdentifiedAs4547()
    {
        var crs = KnownCrs.FromWkt(EsriGaussKruger114);
        Assert.True(crs.IsSuccess, crs.Error?.ToString());
        Assert.Equal(4547, crs.Value.Epsg);
    }

    [Fact]
    public void EsriXian80Zone38IsIdentifiedAs2362()
    {
        var crs = KnownCrs.FromWkt("\uFEFF" + EsriXian80Zone38 + "\r\n");
        Assert.Equal(2362, crs.Value.Epsg);
        Assert.Equal(GeodeticDatum.Xian1980, crs.Value.Datum);
    }

    [Fact]
    public void KnownWktIsIdentifiedAsItself()
    {
        foreach (var known in KnownCrs.All)
        {
            Assert.Equal(known.Epsg, KnownCrs.FromWkt(known.Wkt).Value.Epsg);
        }
    }

    [Fact]
    public void OtherCentralMeridianIsItsOwnZone()
    {
        // CM 111E is CGCS2000 / 3-degree Gauss-Kruger CM 111E, one of the zones made from their number.
        var crs = KnownCrs.FromWkt(EsriGaussKruger114.Replace("114.0", "111.0"));
        Assert.True(crs.IsSuccess, crs.Error?.ToString());
        Assert.Equal(4546, crs.Value.Epsg);
        Assert.Equal(GeodeticDatum.Cgcs2000, crs.Value.Datum);

        var (e, _) = CrsTransformer.Create(KnownCrs.Wgs84, crs.Value).Value.Transform(111.0, 33.7);
        Assert.Equal(500_000, e, 0.001);
    }

    [Theory]
    [InlineData("PROJCRS[\"CGCS2000 / 3-degree Gauss-Kruger CM 114E\",BASEGEOGCRS[\"China Geodetic Coordinate System 2000\"]]")]
    [InlineData("not a crs")]
    [InlineData("")]
    public void UnreadableWktIsAnErrorValue(string wkt)
    {
        var crs = KnownCrs.FromWkt(wkt);
        Assert.Equal(CrsErrorCode.InvalidWkt, crs.Error!.Code);
    }
}
