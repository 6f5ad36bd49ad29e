using LandMap.Core.Crs;
using NetTopologySuite.Geometries;

namespace LandMap.Core.Tests.Crs;

public class CrsTransformerTests
{
    private const double CgcsA = 6378137, CgcsRf = 298.257222101;
    private static readonly GeometryFactory Wgs84Factory = new(new PrecisionModel(), 4326);

    // A forged or corrupt file's coordinates far outside the zone: ProjNet's inverse Transverse Mercator throws "No
    // convergence" for some; the transformer answers "no position" for all, never an exception (found by the hostile
    // Shapefile property test).
    [Theory]
    [InlineData(430_700, -6.614392556042099E+186)]
    [InlineData(430_700, 1e20)]
    [InlineData(1e300, 3_730_000)]
    [InlineData(-1e300, -1e300)]
    public void CoordinatesFarOutsideTheZoneHaveNoPositionInsteadOfThrowing(double x, double y)
    {
        var transformer = CrsTransformer.Create(KnownCrs.Cgcs2000Gk114, KnownCrs.Wgs84).Value;

        var (lon, lat) = transformer.Transform(x, y);
        var geometry = transformer.Transform(new GeometryFactory().CreatePoint(new Coordinate(x, y)));

        Assert.True(!double.IsFinite(lon) || !double.IsFinite(lat) || Math.Abs(lat) <= 90, $"({lon}, {lat})");
        Assert.True(!geometry.IsSuccess || double.IsFinite(geometry.Value.Coordinate.X));
    }

    [Fact]
    public void PointOnCentralMeridianProjectsToFalseEasting()
    {
        var (e, _) = MetricPlane.Gk114.ToPlane(114.0, 33.73);
        Assert.Equal(500_000, e, 0.001);
    }

    [Fact]
    public void PingdingshanProjectsIntoZone38Range()
    {
        var (e, n) = MetricPlane.Gk114.ToPlane(113.3, 33.73);
        Assert.InRange(e, 435_000, 436_000);
        Assert.InRange(n, 3_719_000, 3_748_000);

        var zone38 = Transform(Point(113.3, 33.73), KnownCrs.Wgs84, KnownCrs.Cgcs2000Gk38);
        Assert.Equal(38_000_000 + e, zone38.Coordinate.X, 1e-6);
        Assert.Equal(n, zone38.Coordinate.Y, 1e-6);
        Assert.Equal(4526, zone38.SRID);
    }

    [Theory]
    [InlineData(113.3, 33.73)]
    [InlineData(113.18, 33.69)]
    [InlineData(113.55, 33.78)]
    [InlineData(112.6, 34.4)]
    public void RoundTripThroughGk114IsLossless(double lon, double lat)
    {
        var there = MetricPlane.Gk114.ToPlane(Point(lon, lat));
        var back = MetricPlane.Gk114.ToWgs84(there);
        Assert.Equal(lon, back.Coordinate.X, 1e-8);
        Assert.Equal(lat, back.Coordinate.Y, 1e-8);
        Assert.Equal(4547, there.SRID);
        Assert.Equal(4326, back.SRID);
    }

    [Fact]
    public void SquareKilometreKeepsItsAreaThroughWgs84()
    {
        var gkFactory = new GeometryFactory(new PrecisionModel(), 4547);
        var square = gkFactory.ToGeometry(new Envelope(435_000, 436_000, 3_733_000, 3_734_000));
        var wgs84 = MetricPlane.Gk114.ToWgs84(square);
        var area = MetricPlane.Gk114.AreaM2(wgs84);
        Assert.Equal(1_000_000, area, 100.0);
    }

    [Theory]
    [InlineData(113.3, 33.73)]
    [InlineData(113.18, 33.69)]
    [InlineData(113.55, 33.78)]
    [InlineData(114.0, 33.0)]
    [InlineData(112.6, 34.4)]
    public void Gk114AgreesWithKrugerSeriesWithinOneMillimetre(double lon, double lat)
    {
        var (e, n) = MetricPlane.Gk114.ToPlane(lon, lat);
        var (ke, kn) = KrugerSeries.Forward(lon, lat, 114, CgcsA, CgcsRf);
        Assert.True(Math.Abs(e - ke) < 0.001, $"E {e} vs series {ke}");
        Assert.True(Math.Abs(n - kn) < 0.001, $"N {n} vs series {kn}");
    }

    [Fact]
    public void XianToCgcs2000WithoutParametersIsAnErrorValue()
    {
        var result = CrsTransformer.Transform(Point(435_126, 3_733_933), KnownCrs.Xian1980Gk114, KnownCrs.Cgcs2000Gk114);

        Assert.False(result.IsSuccess);
        Assert.Equal(CrsErrorCode.NeedsDatumShift, result.Error!.Code);
        Assert.Contains("bureau", result.Error.Message);
        Assert.Contains("DatumShifts", result.Error.Message);
    }

    [Fact]
    public void BeijingToXianNeedsBothShifts()
    {
        var options = new CrsTransformOptions { DatumShifts = [DatumShift.ThreeParameter(GeodeticDatum.Xian1980, 10, 20, 30)] };
        var result = CrsTransformer.Create(KnownCrs.Beijing1954Gk38, KnownCrs.Xian1980Gk38, options);
        Assert.Equal(CrsErrorCode.NeedsDatumShift, result.Error!.Code);
        Assert.Contains("Beijing 1954", result.Error.Message);
    }

    [Fact]
    public void XianGeographicToXianGkNeedsNoParameters()
    {
        var gk = Transform(Point(113.3, 33.73), KnownCrs.Xian1980, KnownCrs.Xian1980Gk114);
        var (ke, kn) = KrugerSeries.Forward(113.3, 33.73, 114, 6378140, 298.257);
        Assert.Equal(ke, gk.Coordinate.X, 0.001);
        Assert.Equal(kn, gk.Coordinate.Y, 0.001);
    }

    [Theory]
    [InlineData(RotationConvention.PositionVector, 1.0)]
    [InlineData(RotationConvention.CoordinateFrame, -1.0)]
    public void RotationConventionDecidesTheSignOfRz(RotationConvention convention, double expectedSign)
    {
        // A pure Rz rotation changes longitude only, by exactly Rz (the ellipsoid change keeps longitude).
        var shift = new DatumShift(GeodeticDatum.Xian1980, 0, 0, 0, 0, 0, 1.0, 0, convention);
        var options = new CrsTransformOptions { DatumShifts = [shift] };
        var moved = Transform(Point(113.3, 33.73), KnownCrs.Xian1980, KnownCrs.Cgcs2000, options);
        Assert.Equal(113.3 + (expectedSign / 3600), moved.Coordinate.X, 1e-9);
    }

    [Fact]
    public void ThreeParameterShiftMovesXianPointsAndReturns()
    {
        var options = new CrsTransformOptions
        {
            DatumShifts = [DatumShift.ThreeParameter(GeodeticDatum.Xian1980, -15, 120, 60) with { Provenance = "test values" }],
        };
        var start = Point(435_126.139, 3_733_933.115);
        var cgcs = Transform(start, KnownCrs.Xian1980Gk114, KnownCrs.Cgcs2000Gk114, options);
        var back = Transform(cgcs, KnownCrs.Cgcs2000Gk114, KnownCrs.Xian1980Gk114, options);

        Assert.InRange(cgcs.Distance(start), 10, 200);
        Assert.True(back.Distance(start) < 0.01, $"round trip off by {back.Distance(start)} m");
    }

    [Fact]
    public void ImplausibleDatumShiftIsRejected()
    {
        var shift = new DatumShift(GeodeticDatum.Xian1980, 1, 2, 3, 0, 0, 3600, 0, RotationConvention.CoordinateFrame);
        var result = CrsTransformer.Create(KnownCrs.Xian1980, KnownCrs.Cgcs2000, new CrsTransformOptions { DatumShifts = [shift] });
        Assert.Equal(CrsErrorCode.InvalidDatumShift, result.Error!.Code);
    }

    [Fact]
    public void InputGeometryIsNotChanged()
    {
        var line = Wgs84Factory.CreateLineString([new Coordinate(113.3, 33.73), new Coordinate(113.31, 33.74)]);
        var before = line.Copy();

        var projected = MetricPlane.Gk114.ToPlane(line);

        Assert.True(line.EqualsExact(before), line.AsText());
        Assert.Equal(4326, line.SRID);
        Assert.True(projected.Coordinate.X > 400_000);
    }

    [Fact]
    public void NaNCoordinateIsAnErrorValue()
    {
        var result = CrsTransformer.Transform(Point(double.NaN, 33.7), KnownCrs.Wgs84, KnownCrs.Cgcs2000Gk114);
        Assert.Equal(CrsErrorCode.NonFiniteCoordinate, result.Error!.Code);
    }

    [Fact]
    public void Cgcs2000AndWgs84GeographicArePassedThrough()
    {
        var p = Transform(Point(113.3, 33.73), KnownCrs.Wgs84, KnownCrs.Cgcs2000);
        Assert.Equal(113.3, p.Coordinate.X);
        Assert.Equal(33.73, p.Coordinate.Y);
    }

    private static Geometry Point(double x, double y) => Wgs84Factory.CreatePoint(new Coordinate(x, y));

    private static Geometry Transform(Geometry g, CrsDefinition from, CrsDefinition to, CrsTransformOptions? options = null)
    {
        var result = CrsTransformer.Transform(g, from, to, options);
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return result.Value;
    }
}
