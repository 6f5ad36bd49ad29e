using NetTopologySuite.Geometries;

namespace LandMap.Core.Crs;

/// <summary>
/// Metric work for the two districts in EPSG:4547 (CGCS2000 / 3-degree Gauss-Kruger CM 114E), the plane in
/// which 勘测定界 reports state their areas.
/// </summary>
/// <remarks>
/// Plane areas and lengths carry the Gauss-Kruger scale error: k ≈ 1.00005 at 113.3°E and 1.00007 at
/// 113.2°E, so areas read about 0.01% larger than on the ellipsoid. That is the area the surveyed files
/// state, so it is the one to compare.
/// Input must be finite WGS 84 (or CGCS2000) lon/lat: passing NaN is a bug, and throws.
/// </remarks>
public static class Metric
{
    // ThreadLocal because ProjNet does not promise thread-safe transforms.
    private static readonly ThreadLocal<CrsTransformer> ToGk = new(() =>
        CrsTransformer.Create(KnownCrs.Wgs84, KnownCrs.Cgcs2000Gk114).Value);

    private static readonly ThreadLocal<CrsTransformer> FromGk = new(() =>
        CrsTransformer.Create(KnownCrs.Cgcs2000Gk114, KnownCrs.Wgs84).Value);

    /// <summary>A copy of <paramref name="wgs84"/> in EPSG:4547 metres (E, N).</summary>
    /// <exception cref="ArgumentException">A coordinate is NaN or infinite.</exception>
    public static Geometry ToGk114(Geometry wgs84) => Unwrap(ToGk.Value!.Transform(wgs84), nameof(wgs84));

    /// <summary>A copy of <paramref name="gk114"/> (EPSG:4547 E, N) in WGS 84 lon/lat.</summary>
    /// <exception cref="ArgumentException">A coordinate is NaN or infinite.</exception>
    public static Geometry ToWgs84(Geometry gk114) => Unwrap(FromGk.Value!.Transform(gk114), nameof(gk114));

    /// <summary>One WGS 84 position as EPSG:4547 (E, N).</summary>
    public static (double E, double N) ToGk114(double lon, double lat) => ToGk.Value!.Transform(lon, lat);

    /// <summary>One EPSG:4547 position as WGS 84 (lon, lat).</summary>
    public static (double Lon, double Lat) ToWgs84(double e, double n) => FromGk.Value!.Transform(e, n);

    /// <summary>Plane area in m² in EPSG:4547 of a WGS 84 geometry (1 亩 = 10000/15 m²).</summary>
    public static double AreaM2(Geometry wgs84) => ToGk114(wgs84).Area;

    /// <summary>Plane length in metres in EPSG:4547 of a WGS 84 geometry.</summary>
    public static double LengthM(Geometry wgs84) => ToGk114(wgs84).Length;

    /// <summary>Plane distance in metres in EPSG:4547 between two WGS 84 geometries.</summary>
    public static double DistanceM(Geometry a, Geometry b) => ToGk114(a).Distance(ToGk114(b));

    private static Geometry Unwrap(CrsResult<Geometry> result, string parameter) =>
        result.IsSuccess ? result.Value : throw new ArgumentException(result.Error!.Message, parameter);
}
