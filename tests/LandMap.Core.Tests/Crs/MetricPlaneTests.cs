using Xunit.Abstractions;
using CsCheck;
using LandMap.Core.Crs;
using LandMap.Tests.Shared;
using NetTopologySuite.Geometries;

namespace LandMap.Core.Tests.Crs;

public sealed class MetricPlaneTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(113.3, 4547, 114)] // 平顶山市卫东区
    [InlineData(112.6, 4547, 114)] // 汝州市: 112.5°E is the edge of zone 38
    [InlineData(116.45, 4548, 117)] // 北京市朝阳区
    [InlineData(118.5, 4549, 120)] // halfway rounds away from zero, as GaussKrugerZones does
    [InlineData(75.2, 4534, 75)]
    [InlineData(134.9, 4554, 135)]
    [InlineData(70.0, 4534, 75)] // outside China's zones: the nearest one
    public void TheZoneIsTheThreeDegreeZoneOfTheLongitude(double longitude, int epsg, double centralMeridian)
    {
        var plane = MetricPlane.ForLongitude(longitude);

        Assert.Equal(epsg, plane.Epsg);
        Assert.Equal(centralMeridian, plane.CentralMeridian);
        Assert.Equal(epsg, plane.Factory.SRID);
        Assert.Same(plane, MetricPlane.ForEpsg(epsg));
    }

    [Fact]
    public void ThePlaneOfPingdingshanIsGk114()
    {
        var wgs84 = new GeometryFactory(new PrecisionModel(), 4326).CreatePolygon(
            [new(113.30, 33.70), new(113.31, 33.70), new(113.31, 33.71), new(113.30, 33.70)]);

        Assert.Same(KnownCrs.Cgcs2000Gk114, MetricPlane.Gk114.Crs);
        Assert.Equal(MetricPlane.Gk114.ToPlane(wgs84).Coordinates, MetricPlane.ForLongitude(113.3).ToPlane(wgs84).Coordinates);
    }

    [Theory]
    [InlineData(116.45, 39.92, "CGCS2000 / 3° Gauss-Krüger，中央经线 117°E（EPSG:4548）")] // 北京市朝阳区
    [InlineData(113.3, 33.73, "CGCS2000 / 3° Gauss-Krüger，中央经线 114°E（EPSG:4547）")] // 平顶山市卫东区
    [InlineData(87.6, 43.8, "CGCS2000 / 3° Gauss-Krüger，中央经线 87°E（EPSG:4538）")] // 乌鲁木齐
    public void APrintedLabelNamesTheZoneOfWhatIsShown(double lon, double lat, string label)
    {
        var parcel = new GeometryFactory(new PrecisionModel(), 4326).CreatePolygon(
            [new(lon, lat), new(lon + 0.003, lat), new(lon + 0.003, lat + 0.002), new(lon, lat)]);

        Assert.Equal(label, MetricPlane.For(parcel).Label);
        Assert.Same(MetricPlane.For(parcel), MetricPlane.ForExtent(new Envelope(lon - 0.1, lon + 0.1, lat - 0.1, lat + 0.1)));
    }

    [Fact]
    public void AnEmptyGeometryHasNoPlane()
    {
        Assert.Throws<ArgumentException>(() => MetricPlane.For(Polygon.Empty));
        Assert.Throws<ArgumentException>(() => MetricPlane.ForExtent(new Envelope()));
    }

    [Fact]
    public void ACodeOutsideTheBlockIsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MetricPlane.ForEpsg(4526));

    [Fact]
    public void EveryPointRoundTripsThroughItsOwnZoneAndLiesNearTheCentralMeridian()
    {
        var cases = FixedSeed.Run(Gen.Select(Gen.Double[73.6, 135.0], Gen.Double[18.0, 53.5]), 2000, seed: 2026_12_07, p =>
        {
            var plane = MetricPlane.ForLongitude(p.Item1);
            var (e, n) = plane.ToPlane(p.Item1, p.Item2);
            // Within 1.5° of the central meridian: |E − 500 km| < 1.5° of a parallel (≤ 167 km at the equator).
            Assert.InRange(Math.Abs(e - 500_000), 0, 167_000);
            var (lon, lat) = plane.ToWgs84(e, n);
            Assert.Equal(p.Item1, lon, 1e-8);
            Assert.Equal(p.Item2, lat, 1e-8);
        }, p => $"({p.Item1}, {p.Item2})");
        output.WriteLine($"{cases} positions tried");
    }
}
