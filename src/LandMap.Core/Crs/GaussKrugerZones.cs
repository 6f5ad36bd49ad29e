using System.Collections.Concurrent;

namespace LandMap.Core.Crs;

/// <summary>
/// Every Chinese Gauss-Krüger CRS of EPSG, made from its zone number rather than listed: for CGCS2000, Xi'an 1980 and
/// Beijing 1954, the 6° zones 13–23 (central meridian 6n − 3) and the 3° zones 25–45 (central meridian 3n), each with
/// the zone number in front of the easting (false easting n·10⁶ + 500 000, "zone 38": 38 435 126) and without it
/// ("CM 114E": false easting 500 000). Scale 1, latitude of origin 0, metres, (E, N) axis order.
/// </summary>
/// <remarks>
/// EPSG blocks, first code each (the zones follow in order): CGCS2000 4491 (6° prefixed), 4502 (6° CM), 4513 (3° prefixed),
/// 4534 (3° CM); Xi'an 1980 2327, 2338, 2349, 2370; Beijing 1954 21413, 21453 (and the deprecated 21473 block), 2401, 2422.
/// </remarks>
public static class GaussKrugerZones
{
    private static readonly (GeodeticDatum Datum, string Name, int Six, int SixCm, int Three, int ThreeCm)[] Blocks =
    [
        (GeodeticDatum.Cgcs2000, "CGCS2000", 4491, 4502, 4513, 4534),
        (GeodeticDatum.Xian1980, "Xian 1980", 2327, 2338, 2349, 2370),
        (GeodeticDatum.Beijing1954, "Beijing 1954", 21413, 21453, 2401, 2422),
    ];

    // Beijing 1954 / Gauss-Kruger CM 75E…135E also exist as 21473–21483, deprecated in favour of 21453–21463.
    private const int DeprecatedBeijingSixCm = 21473;

    private static readonly ConcurrentDictionary<int, CrsDefinition> Made = new();

    /// <summary>The 3° zone whose central meridian is nearest <paramref name="longitude"/> (114.2°E → 38).</summary>
    public static int ThreeDegreeZone(double longitude) => (int)Math.Round(longitude / 3.0, MidpointRounding.AwayFromZero);

    /// <summary>The EPSG code of a 3° zone, with or without the zone prefix; null outside zones 25–45.</summary>
    public static int? ThreeDegreeEpsg(GeodeticDatum datum, int zone, bool prefixed) =>
        zone is < 25 or > 45 || Block(datum) is not { } b ? null : (prefixed ? b.Three : b.ThreeCm) + zone - 25;

    /// <summary>The CGCS2000 3° zone without prefix nearest <paramref name="longitude"/>, where LandMap computes areas.</summary>
    public static CrsDefinition AreaCrs(double longitude) =>
        FromEpsg(ThreeDegreeEpsg(GeodeticDatum.Cgcs2000, Math.Clamp(ThreeDegreeZone(longitude), 25, 45), prefixed: false)!.Value)!;

    /// <summary>The Gauss-Krüger CRS of <paramref name="epsg"/>, or null when the code is not one of these blocks.</summary>
    public static CrsDefinition? FromEpsg(int epsg)
    {
        if (Made.TryGetValue(epsg, out var made)) return made;
        foreach (var b in Blocks)
        {
            var spec = Spec(b, epsg);
            if (spec is not { } s) continue;
            var geographic = b.Datum switch
            {
                GeodeticDatum.Cgcs2000 => KnownCrs.Cgcs2000,
                GeodeticDatum.Xian1980 => KnownCrs.Xian1980,
                _ => KnownCrs.Beijing1954,
            };
            var degrees = s.ThreeDegree ? "3-degree " : "";
            var name = s.Prefixed ? $"{b.Name} / {degrees}Gauss-Kruger zone {s.Zone}" : $"{b.Name} / {degrees}Gauss-Kruger CM {s.Meridian:0}E";
            var falseEasting = s.Prefixed ? s.Zone * 1_000_000.0 + 500_000 : 500_000;
            return Made.GetOrAdd(epsg, _ => KnownCrs.GaussKruger(epsg, name, geographic, s.Meridian, falseEasting));
        }
        return null;
    }

    /// <summary>The EPSG code of a Transverse Mercator with these parameters when it is one of the zones, else null.</summary>
    internal static int? Identify(GeodeticDatum datum, double centralMeridian, double falseEasting, double scale, double latitudeOfOrigin, double falseNorthing)
    {
        if (Block(datum) is not { } b || Math.Abs(scale - 1) > 1e-12 || Math.Abs(latitudeOfOrigin) > 1e-9 || Math.Abs(falseNorthing) > 1e-3) return null;
        var prefix = Math.Round((falseEasting - 500_000) / 1_000_000);
        if (Math.Abs(falseEasting - 500_000 - prefix * 1_000_000) > 1e-3) return null;
        var three = Math.Abs(centralMeridian / 3 - Math.Round(centralMeridian / 3)) < 1e-9 ? (int)Math.Round(centralMeridian / 3) : -1;
        var six = Math.Abs((centralMeridian + 3) / 6 - Math.Round((centralMeridian + 3) / 6)) < 1e-9 ? (int)Math.Round((centralMeridian + 3) / 6) : -1;
        return prefix switch
        {
            0 when three is >= 25 and <= 45 => b.ThreeCm + three - 25,
            0 when six is >= 13 and <= 23 => b.SixCm + six - 13,
            _ when prefix == three && three is >= 25 and <= 45 => b.Three + three - 25,
            _ when prefix == six && six is >= 13 and <= 23 => b.Six + six - 13,
            _ => null,
        };
    }

    private static (GeodeticDatum Datum, string Name, int Six, int SixCm, int Three, int ThreeCm)? Block(GeodeticDatum datum) =>
        Blocks.Where(b => b.Datum == datum).Select(b => ((GeodeticDatum, string, int, int, int, int)?)b).FirstOrDefault();

    private static (int Zone, double Meridian, bool Prefixed, bool ThreeDegree)? Spec((GeodeticDatum Datum, string Name, int Six, int SixCm, int Three, int ThreeCm) b, int epsg)
    {
        if (epsg >= b.Six && epsg < b.Six + 11) return (13 + epsg - b.Six, 6 * (13 + epsg - b.Six) - 3, true, false);
        if (epsg >= b.SixCm && epsg < b.SixCm + 11) return (13 + epsg - b.SixCm, 6 * (13 + epsg - b.SixCm) - 3, false, false);
        if (b.Datum == GeodeticDatum.Beijing1954 && epsg >= DeprecatedBeijingSixCm && epsg < DeprecatedBeijingSixCm + 11)
            return (13 + epsg - DeprecatedBeijingSixCm, 6 * (13 + epsg - DeprecatedBeijingSixCm) - 3, false, false);
        if (epsg >= b.Three && epsg < b.Three + 21) return (25 + epsg - b.Three, 3 * (25 + epsg - b.Three), true, true);
        if (epsg >= b.ThreeCm && epsg < b.ThreeCm + 21) return (25 + epsg - b.ThreeCm, 3 * (25 + epsg - b.ThreeCm), false, true);
        return null;
    }
}
