namespace LandMap.Core.Crs;

/// <summary>
/// GCJ-02 (国测局坐标, used by 高德/Amap and 腾讯) and BD-09 (百度) — the obfuscated datums of most Chinese web maps —
/// converted to and from WGS 84 (= CGCS2000 at LandMap's precision). The forward formulas are the published ones
/// (GCJ-02 on the Krasovsky ellipsoid; BD-09 as a rotation and shift of GCJ-02); there is no closed inverse, so the
/// inverses iterate the forward formula until the round trip is within 1e-9° (about 0.1 mm). Outside China, as the
/// published rule has it (a box 72.004–137.8347°E, 0.8293–55.8271°N), GCJ-02 equals WGS 84.
/// Coordinates are (longitude, latitude) in degrees.
/// </summary>
public static class ChinaWebDatums
{
    // Krasovsky 1940, as the GCJ-02 formula uses it.
    private const double A = 6378245.0;
    private const double Ee = 0.00669342162296594323;
    private const double BdFactor = Math.PI * 3000.0 / 180.0;
    private const double Tolerance = 1e-9;
    private const int MaxIterations = 30;

    /// <summary>Whether GCJ-02 shifts this point (the published rectangle around China).</summary>
    public static bool InsideChina(double lon, double lat) => lon is >= 72.004 and <= 137.8347 && lat is >= 0.8293 and <= 55.8271;

    /// <summary>WGS 84 → GCJ-02.</summary>
    public static (double Lon, double Lat) Wgs84ToGcj02(double lon, double lat) => InsideChina(lon, lat) ? Shift(lon, lat) : (lon, lat);

    /// <summary>
    /// GCJ-02 → WGS 84, by iterating the shift (it varies slowly, so a few steps converge). The point whose shifted
    /// position this is must itself lie inside China; near the rectangle's edge a point just inside shifts to just
    /// outside, so the shift is inverted first and the rectangle tested on the result, not on the input. (Within about
    /// 1 km of the edge one GCJ-02 position can have two origins, one inside and one outside; the inside one is returned.)
    /// </summary>
    public static (double Lon, double Lat) Gcj02ToWgs84(double lon, double lat)
    {
        var wgs84 = Invert(Shift, lon, lat);
        return InsideChina(wgs84.Lon, wgs84.Lat) ? wgs84 : (lon, lat);
    }

    // The published GCJ-02 offset, applied without the rectangle test.
    private static (double Lon, double Lat) Shift(double lon, double lat)
    {
        var dLat = TransformLat(lon - 105.0, lat - 35.0);
        var dLon = TransformLon(lon - 105.0, lat - 35.0);
        var radLat = lat / 180.0 * Math.PI;
        var magic = 1 - Ee * Math.Sin(radLat) * Math.Sin(radLat);
        var sqrtMagic = Math.Sqrt(magic);
        dLat = dLat * 180.0 / (A * (1 - Ee) / (magic * sqrtMagic) * Math.PI);
        dLon = dLon * 180.0 / (A / sqrtMagic * Math.Cos(radLat) * Math.PI);
        return (lon + dLon, lat + dLat);
    }

    /// <summary>GCJ-02 → BD-09.</summary>
    public static (double Lon, double Lat) Gcj02ToBd09(double lon, double lat)
    {
        var z = Math.Sqrt(lon * lon + lat * lat) + 0.00002 * Math.Sin(lat * BdFactor);
        var theta = Math.Atan2(lat, lon) + 0.000003 * Math.Cos(lon * BdFactor);
        return (z * Math.Cos(theta) + 0.0065, z * Math.Sin(theta) + 0.006);
    }

    /// <summary>BD-09 → GCJ-02, by iterating <see cref="Gcj02ToBd09"/> (the usual closed approximation is off by up to ~1 m).</summary>
    public static (double Lon, double Lat) Bd09ToGcj02(double lon, double lat) => Invert(Gcj02ToBd09, lon, lat);

    /// <summary>WGS 84 → BD-09 (through GCJ-02, as Baidu defines it).</summary>
    public static (double Lon, double Lat) Wgs84ToBd09(double lon, double lat)
    {
        var (gLon, gLat) = Wgs84ToGcj02(lon, lat);
        return Gcj02ToBd09(gLon, gLat);
    }

    /// <summary>BD-09 → WGS 84.</summary>
    public static (double Lon, double Lat) Bd09ToWgs84(double lon, double lat)
    {
        var (gLon, gLat) = Bd09ToGcj02(lon, lat);
        return Gcj02ToWgs84(gLon, gLat);
    }

    // Fixed-point iteration x ← x − (f(x) − target): f is the identity plus a small, smooth shift.
    private static (double Lon, double Lat) Invert(Func<double, double, (double Lon, double Lat)> forward, double lon, double lat)
    {
        var (x, y) = (lon, lat);
        for (var i = 0; i < MaxIterations; i++)
        {
            var (fx, fy) = forward(x, y);
            var (dx, dy) = (fx - lon, fy - lat);
            if (Math.Abs(dx) < Tolerance && Math.Abs(dy) < Tolerance) break;
            (x, y) = (x - dx, y - dy);
        }
        return (x, y);
    }

    private static double TransformLat(double x, double y)
    {
        var ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.Sqrt(Math.Abs(x));
        ret += (20.0 * Math.Sin(6.0 * x * Math.PI) + 20.0 * Math.Sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        ret += (20.0 * Math.Sin(y * Math.PI) + 40.0 * Math.Sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
        ret += (160.0 * Math.Sin(y / 12.0 * Math.PI) + 320 * Math.Sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
        return ret;
    }

    private static double TransformLon(double x, double y)
    {
        var ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.Sqrt(Math.Abs(x));
        ret += (20.0 * Math.Sin(6.0 * x * Math.PI) + 20.0 * Math.Sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        ret += (20.0 * Math.Sin(x * Math.PI) + 40.0 * Math.Sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
        ret += (150.0 * Math.Sin(x / 12.0 * Math.PI) + 300.0 * Math.Sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
        return ret;
    }
}
