using LandMap.Core.Gazetteer;
using LandMap.Core.Geocoding;
using LandMap.Tiles.Rendering;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace LandMap.Tiles.Tests.Rendering;

/// <summary>
/// A small scene in 卫东区: a district square, two roads, a village, a located and an approximate parcel,
/// a point entry and two unresolved entries (one, against the contract, with a geometry).
/// </summary>
internal static class TestScene
{
    private static readonly WKTReader Wkt = new(new NtsGeometryServices(PrecisionModel.Floating.Value, 4326));

    public const string DistrictWkt = "POLYGON ((113.32 33.73, 113.36 33.73, 113.36 33.76, 113.32 33.76, 113.32 33.73))";

    public const string LocatedWkt = "POLYGON ((113.325 33.735, 113.329 33.735, 113.329 33.738, 113.325 33.738, 113.325 33.735))";

    public const string ApproximateWkt = "POLYGON ((113.350 33.738, 113.354 33.738, 113.354 33.741, 113.350 33.741, 113.350 33.738))";

    public const string UnresolvedWkt = "POLYGON ((113.345 33.732, 113.348 33.732, 113.348 33.735, 113.345 33.735, 113.345 33.732))";

    public static MapScene Create(bool withUnresolved = true)
    {
        var features = new[]
        {
            Feature("卫东区", PlaceKind.District, DistrictWkt),
            Feature("平安大道", PlaceKind.Road, "LINESTRING (113.315 33.745, 113.365 33.745)"),
            Feature("建设路", PlaceKind.Road, "LINESTRING (113.34 33.725, 113.34 33.765)"),
            Feature("焦庄村", PlaceKind.Village, "POINT (113.35 33.752)"),
        };
        var entries = new List<GeocodedEntry>
        {
            Entry(4, "北货场厂房、大棚重建项目", GeocodeStatus.Located, LocatedWkt),
            Entry(7, "高新技术产业园标准化厂房", GeocodeStatus.Approximate, ApproximateWkt),
            Entry(9, "智慧物流园", GeocodeStatus.Approximate, "POINT (113.333 33.754)"),
        };
        if (withUnresolved)
        {
            entries.Add(Entry(12, "未能定位的项目", GeocodeStatus.Unresolved, UnresolvedWkt));
            entries.Add(Entry(13, "没有几何的项目", GeocodeStatus.Unresolved, null));
        }

        return new MapScene { Features = features, Entries = entries };
    }

    public static Geometry Read(string wkt) => Wkt.Read(wkt);

    public static GazetteerFeature Feature(string name, PlaceKind kind, string wkt, string? district = null) =>
        new() { Name = name, Kind = kind, Geometry = Read(wkt), District = district };

    public static GeocodedEntry Entry(int seq, string name, GeocodeStatus status, string? wkt, string district = "卫东区") => new()
    {
        File = "000_test.txt", District = district, PlanYear = 2023, Seq = seq, Name = name, Status = status,
        Confidence = status == GeocodeStatus.Located ? 0.9 : 0.4, Method = "test", Geometry = wkt is null ? null : Read(wkt),
    };
}
