using NetTopologySuite.Geometries;

namespace LandMap.Core.Crs;

/// <summary>
/// Metric work fixed at EPSG:4547 (CGCS2000 / 3-degree Gauss-Kruger CM 114E), the plane of Pingdingshan, for callers
/// outside geocoding (print sheets, the server's areas and distances). The geocoder measures each district in its own
/// zone (<see cref="MetricPlane"/>).
/// </summary>
/// <remarks>
/// Plane areas and lengths carry the Gauss-Kruger scale error: k ≈ 1.00005 at 113.3°E and 1.00007 at
/// 113.2°E, so areas read about 0.01% larger than on the ellipsoid. That is the area the surveyed files
/// state, so it is the one to compare.
/// Input must be finite WGS 84 (or CGCS2000) lon/lat: passing NaN is a bug, and throws.
/// </remarks>
public static class Metric
{
    /// <summary>A copy of <paramref name="wgs84"/> in EPSG:4547 metres (E, N).</summary>
    /// <exception cref="ArgumentException">A coordinate is NaN or infinite.</exception>
    public static Geometry ToGk114(Geometry wgs84) => MetricPlane.Gk114.ToPlane(wgs84);

    /// <summary>A copy of <paramref name="gk114"/> (EPSG:4547 E, N) in WGS 84 lon/lat.</summary>
    /// <exception cref="ArgumentException">A coordinate is NaN or infinite.</exception>
    public static Geometry ToWgs84(Geometry gk114) => MetricPlane.Gk114.ToWgs84(gk114);

    /// <summary>One WGS 84 position as EPSG:4547 (E, N).</summary>
    public static (double E, double N) ToGk114(double lon, double lat) => MetricPlane.Gk114.ToPlane(lon, lat);

    /// <summary>One EPSG:4547 position as WGS 84 (lon, lat).</summary>
    public static (double Lon, double Lat) ToWgs84(double e, double n) => MetricPlane.Gk114.ToWgs84(e, n);

    /// <summary>Plane area in m² in EPSG:4547 of a WGS 84 geometry (1 亩 = 10000/15 m²).</summary>
    public static double AreaM2(Geometry wgs84) => MetricPlane.Gk114.AreaM2(wgs84);

    /// <summary>Plane length in metres in EPSG:4547 of a WGS 84 geometry.</summary>
    public static double LengthM(Geometry wgs84) => MetricPlane.Gk114.LengthM(wgs84);

    /// <summary>Plane distance in metres in EPSG:4547 between two WGS 84 geometries.</summary>
    public static double DistanceM(Geometry a, Geometry b) => MetricPlane.Gk114.DistanceM(a, b);
}
