using LandMap.Core.Crs;

namespace LandMap.Core.Tests.Crs;

public class SurveyCoordinatesTests
{
    [Fact]
    public void ZonePrefixIsStrippedFromY()
    {
        var point = SurveyCoordinates.FromXY(3_733_933.115, 38_435_126.139).Value;
        Assert.Equal(435_126.139, point.Coordinate.X, 1e-6);
        Assert.Equal(3_733_933.115, point.Coordinate.Y);
        Assert.Equal(38, point.ZonePrefix);
    }

    [Fact]
    public void YWithoutPrefixIsKept()
    {
        var point = SurveyCoordinates.FromXY(3_733_933.115, 435_126.139).Value;
        Assert.Equal(435_126.139, point.Coordinate.X);
        Assert.Null(point.ZonePrefix);
    }

    [Fact]
    public void OtherZonePrefixIsAnErrorValue()
    {
        var result = SurveyCoordinates.FromXY(3_733_933.115, 39_156_000);
        Assert.Equal(CrsErrorCode.WrongZone, result.Error!.Code);
    }

    [Fact]
    public void SurveyPointLandsOnTheGeographicPoint()
    {
        var point = SurveyCoordinates.FromXY(3_733_933.115, 38_435_126.139).Value;
        var (lon, lat) = MetricPlane.Gk114.ToWgs84(point.Coordinate.X, point.Coordinate.Y);
        Assert.Equal(113.3, lon, 1e-6);
        Assert.Equal(33.73, lat, 1e-6);
    }

    [Theory]
    [InlineData(3_733_933.115, 38_435_126.139)]
    [InlineData(3_733_933.115, 435_126.139)]
    public void DistrictCoordinatesArePlausible(double x, double y)
    {
        var check = SurveyCoordinates.Check(x, y);
        Assert.Equal(SurveyCheckCode.Plausible, check.Code);
        Assert.Equal(435_126.139, check.Suggested!.Coordinate.X, 1e-6);
    }

    [Theory]
    [InlineData(38_435_126.139, 3_733_933.115)]
    [InlineData(435_126.139, 3_733_933.115)]
    public void SwappedXYIsDetected(double x, double y)
    {
        var check = SurveyCoordinates.Check(x, y);
        Assert.Equal(SurveyCheckCode.SwappedXY, check.Code);
        Assert.Contains("Swap", check.Message);
        Assert.Equal(3_733_933.115, check.Suggested!.Coordinate.Y);
        Assert.Equal(435_126.139, check.Suggested.Coordinate.X, 1e-6);
    }

    [Theory]
    [InlineData(3_736_000, 19_712_000, "zone prefix 19")]
    [InlineData(3_736_000, 39_160_000, "zone prefix 39")]
    [InlineData(3_736_000, 712_000, "111°E")]
    [InlineData(19_712_000, 3_736_000, "swapped")]
    public void WrongZoneIsDetectedAndNamed(double x, double y, string named)
    {
        var check = SurveyCoordinates.Check(x, y);
        Assert.Equal(SurveyCheckCode.WrongZone, check.Code);
        Assert.Contains(named, check.Message);
    }

    [Fact]
    public void FarAwayCoordinatesAreOutsideTheDistricts()
    {
        Assert.Equal(SurveyCheckCode.OutsideDistricts, SurveyCoordinates.Check(4_200_000, 38_500_000).Code);
        Assert.Equal(SurveyCheckCode.OutsideDistricts, SurveyCoordinates.Check(3_733_000, 38_600_000).Code);
    }
}
