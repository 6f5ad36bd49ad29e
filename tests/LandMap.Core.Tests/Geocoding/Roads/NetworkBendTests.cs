using LandMap.Core.Crs;
using LandMap.Core.Extraction;
using LandMap.Core.Gazetteer;
using LandMap.Core.Geocoding;
using LandMap.Core.Reports;
using NetTopologySuite.Geometries;
using Xunit.Abstractions;

namespace LandMap.Core.Tests.Geocoding.Roads;

/// <summary>
/// A network road bends right at a junction, as real ways do (they are split there): the corner parcel lies along the
/// stretch on its own side, not along whichever of the two segments through the junction comes first. (The sketch's
/// single-line roads needed <see cref="Regions.DirectionNear(Geometry, Coordinate, ValueTuple{double, double})"/> for
/// this, <see cref="CornerDirectionTests"/>; on a network the corner grows from the junction area's edge and holds
/// without it, which this test keeps true.)
/// </summary>
public sealed class NetworkBendTests(ITestOutputHelper output)
{
    private static readonly MetricPlane Plane = MetricPlane.Gk114;

    // Metres around a junction at (500 000, 3 735 000) in EPSG:4547, inside Pingdingshan's zone.
    private const double X0 = 500_000, Y0 = 3_735_000;

    [Theory]
    [InlineData("东北角", -1, 0.0)]
    [InlineData("西北角", -1, -15.0)]
    [InlineData("东北角", 1, 15.0)]
    [InlineData("西北角", 1, 0.0)]
    public void ACornerLiesAlongTheStretchOnItsOwnSide(string corner, int bent, double expected)
    {
        // 东西路 rises 15° away from the junction on its bent side (-1 west, 1 east) and runs flat on the other; 南北路
        // runs straight north–south.
        var rise = 1000 * Math.Tan(15 * Math.PI / 180);
        var gazetteer = new GazetteerIndex(
        [
            Feature("测试区", PlaceKind.District, Plane.Factory.ToGeometry(new Envelope(X0 - 3000, X0 + 3000, Y0 - 3000, Y0 + 3000)), null),
            Feature("东西路", PlaceKind.Road, Plane.Factory.CreateMultiLineString(
            [
                Line((X0 - 1000, Y0 + (bent < 0 ? rise : 0)), (X0, Y0)),
                Line((X0, Y0), (X0 + 1000, Y0 + (bent > 0 ? rise : 0))),
            ]), [Way("way/1"), Way("way/2")]),
            Feature("南北路", PlaceKind.Road, Plane.Factory.CreateMultiLineString(
            [
                Line((X0, Y0 - 1000), (X0, Y0)),
                Line((X0, Y0), (X0, Y0 + 1000)),
            ]), [Way("way/3"), Way("way/4")]),
        ]);
        var warnings = new List<string>();
        var entry = LandEntryParser.Parse(1, $"转角地块：东西路与南北路交叉口{corner}，面积 30 亩。", false, 1, warnings);
        var report = new ExtractedReport { File = "bend.txt", District = "测试区", PlanYear = 2026, Encoding = "utf-8", LandEntries = [entry] };

        var geocoded = Assert.Single(new ParcelGeocoder(gazetteer).GeocodeReport(report));

        Assert.Equal(GeocodeStatus.Located, geocoded.Status);
        var parcel = Plane.ToPlane(geocoded.Geometry!);
        // The parcel's edge along the road: the longest edge of its minimum rectangle that faces the road.
        var edge = LongestSouthEdge(parcel);
        var slope = Math.Atan2(edge.Y, edge.X) * 180 / Math.PI;
        output.WriteLine($"{corner}: edge at {slope:0.0}° (expected {expected}°), {geocoded.AreaMuComputed} 亩, {string.Join("；", geocoded.Constraints.Select(c => c.Detail))}");
        Assert.InRange(Normalize(slope), expected - 2, expected + 2);
    }

    // The direction of the parcel's lowest edge longer than 10 m, read west to east.
    private static (double X, double Y) LongestSouthEdge(Geometry parcel)
    {
        var ring = ((Polygon)(parcel is MultiPolygon m ? m.Geometries.MaxBy(g => g.Area)! : parcel)).ExteriorRing.Coordinates;
        var edges = ring.Zip(ring.Skip(1), (a, b) => (a, b)).Where(e => e.a.Distance(e.b) > 10).ToList();
        var (from, to) = edges.MinBy(e => (e.a.Y + e.b.Y) / 2);
        return to.X >= from.X ? (to.X - from.X, to.Y - from.Y) : (from.X - to.X, from.Y - to.Y);
    }

    private static double Normalize(double degrees) => degrees > 90 ? degrees - 180 : degrees < -90 ? degrees + 180 : degrees;

    private static LineString Line((double X, double Y) a, (double X, double Y) b) =>
        Plane.Factory.CreateLineString([new Coordinate(a.X, a.Y), new Coordinate(b.X, b.Y)]);

    private static RoadWay Way(string id) => new() { Id = id, Highway = "secondary" };

    private static GazetteerFeature Feature(string name, PlaceKind kind, Geometry metric, IReadOnlyList<RoadWay>? ways)
    {
        var wgs84 = Plane.ToWgs84(metric);
        wgs84.SRID = 4326;
        return new GazetteerFeature { Name = name, Kind = kind, District = kind == PlaceKind.District ? name : "测试区", Geometry = wgs84, PrecisionM = 5, Source = "test", Ways = ways };
    }
}
