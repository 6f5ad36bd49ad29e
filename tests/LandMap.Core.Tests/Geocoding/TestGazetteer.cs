using LandMap.Core.Crs;
using LandMap.Core.Gazetteer;
using NetTopologySuite.Geometries;

namespace LandMap.Core.Tests.Geocoding;

/// <summary>
/// A small gazetteer laid out on a metre grid (EPSG:4547) so expected positions are easy to state:
/// 卫东区 is the square E 437–443 km, N 3730–3736 km; 平安大道 runs east–west along N 3733000, 平煤大道
/// along N 3734500; 八矿路 runs north–south along E 440000, 平郏东路 along E 438000; 程庄村 sits north of
/// 平安大道 in its eastern third; 十二矿独立工矿区 is a block east of E 441500.
/// </summary>
internal static class TestGazetteer
{
    public const double PinganY = 3_733_000, PingmeiY = 3_734_500, BakuangX = 440_000, PingjiaX = 438_000;

    private static readonly GeometryFactory Gk = new(new PrecisionModel(), 4547);

    public static GazetteerIndex Build() => new(
    [
        Feature("卫东区", PlaceKind.District, Gk.ToGeometry(new Envelope(437_000, 443_000, 3_730_000, 3_736_000))),
        Feature("平安大道", PlaceKind.Road, Line((437_000, PinganY), (443_000, PinganY))),
        Feature("平煤大道", PlaceKind.Road, Line((437_000, PingmeiY), (443_000, PingmeiY))),
        Feature("八矿路", PlaceKind.Road, Line((BakuangX, 3_730_000), (BakuangX, 3_736_000))),
        Feature("平郏东路", PlaceKind.Road, Line((PingjiaX, 3_730_000), (PingjiaX, 3_736_000)), "平郟东路", "东平郑路"),
        Feature("程庄村", PlaceKind.Village, Gk.CreatePoint(new Coordinate(442_000, 3_733_300))),
        Feature("十二矿独立工矿区", PlaceKind.Landmark, Gk.ToGeometry(new Envelope(441_500, 442_500, 3_733_600, 3_734_400))),
    ]);

    /// <summary>A WGS 84 geometry back in metres, for assertions.</summary>
    public static Geometry Metres(Geometry wgs84) => MetricPlane.Gk114.ToPlane(wgs84);

    private static LineString Line((double X, double Y) a, (double X, double Y) b) =>
        Gk.CreateLineString([new Coordinate(a.X, a.Y), new Coordinate(b.X, b.Y)]);

    private static GazetteerFeature Feature(string name, PlaceKind kind, Geometry metres, params string[] aliases) => new()
    {
        Name = name,
        Aliases = aliases,
        Kind = kind,
        District = "卫东区",
        PrecisionM = 50,
        Source = "test",
        Geometry = MetricPlane.Gk114.ToWgs84(metres),
    };
}
