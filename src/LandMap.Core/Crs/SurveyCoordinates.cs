using System.Globalization;
using NetTopologySuite.Geometries;

namespace LandMap.Core.Crs;

/// <summary>A survey position read as (E, N) without zone prefix, and the prefix it carried, if any.</summary>
/// <param name="Coordinate">Easting as X and northing as Y, on central meridian 114°E with false easting 500 000
/// (EPSG:4547 for CGCS2000 files, 2383 for Xi'an 1980, 2435 for Beijing 1954).</param>
/// <param name="ZonePrefix">The zone number stripped from Y (38), or null when Y had none.</param>
public sealed record SurveyPoint(Coordinate Coordinate, int? ZonePrefix);

/// <summary>What <see cref="SurveyCoordinates.Check(double, double, IReadOnlyList{SurveyArea})"/> concluded about an (X, Y) pair.</summary>
public enum SurveyCheckCode
{
    /// <summary>X is a northing and Y an easting inside the districts (with or without the 38 prefix).</summary>
    Plausible,
    /// <summary>X and Y are the other way round (easting first): swap them.</summary>
    SwappedXY,
    /// <summary>The numbers are in another zone or central meridian than 3-degree zone 38 (CM 114°E).</summary>
    WrongZone,
    /// <summary>Not near Weidong or Zhanhe in any form we recognise.</summary>
    OutsideDistricts,
}

/// <summary>The verdict of <see cref="SurveyCoordinates.Check(double, double, IReadOnlyList{SurveyArea})"/>.</summary>
/// <param name="Code">The verdict.</param>
/// <param name="Message">For the user: what was found and what to do.</param>
/// <param name="Suggested">For <see cref="SurveyCheckCode.SwappedXY"/>, the point read the other way round.</param>
public sealed record SurveyCheck(SurveyCheckCode Code, string Message, SurveyPoint? Suggested = null)
{
    /// <summary>The 3-degree zone of the area the point was found plausible (or swapped) in.</summary>
    public int? Zone { get; init; }
}

/// <summary>
/// Where the districts lie in survey metres: their 3-degree zone and the northing and easting ranges (without zone
/// prefix) of their outlines in it; a point is checked against these widened by 10 km, so edge parcels pass.
/// </summary>
/// <param name="Zone">The 3-degree Gauss-Krüger zone (38: CM 114°E).</param>
/// <param name="MinNorthing">Southernmost northing of the outlines, metres.</param>
/// <param name="MaxNorthing">Northernmost northing.</param>
/// <param name="MinEasting">Westernmost easting without prefix.</param>
/// <param name="MaxEasting">Easternmost easting without prefix.</param>
public sealed record SurveyArea(int Zone, double MinNorthing, double MaxNorthing, double MinEasting, double MaxEasting)
{
    private const double Margin = 10_000;

    /// <summary>卫东区 and 湛河区 in zone 38 (docs/domain.md), the area of the first releases.</summary>
    public static SurveyArea Pingdingshan { get; } = new(38, 3_719_000, 3_748_000, 421_000, 454_000);

    /// <summary>True when <paramref name="v"/> is a northing of the area (with the margin).</summary>
    public bool IsNorthing(double v) => v >= MinNorthing - Margin && v <= MaxNorthing + Margin;

    /// <summary>True when <paramref name="v"/> is an easting without prefix of the area (with the margin).</summary>
    public bool IsEasting(double v) => v >= MinEasting - Margin && v <= MaxEasting + Margin;
}

/// <summary>
/// Reads Chinese survey coordinates (勘测定界 files, 界址点 tables), which put X = northing first and Y =
/// easting second, often with the 3-degree zone number in front of Y (38 435 126.139 = zone 38, E 435 126.139).
/// </summary>
public static class SurveyCoordinates
{
    /// <summary>The 3-degree Gauss-Kruger zone of Pingdingshan (central meridian 114°E).</summary>
    public const int PingdingshanZone = 38;

    private const double ZoneWidth = 1_000_000;

    // Where the districts fall when projected on the neighbouring central meridians (approximate, ±10 km).
    private static readonly (double Min, double Max, string What)[] OtherMeridians =
    [
        (690_000, 745_000, "central meridian 111°E (3-degree zone 37 or 6-degree zone 19)"),
        (135_000, 190_000, "central meridian 117°E (3-degree zone 39 or 6-degree zone 20)"),
    ];

    /// <summary>
    /// Builds the (E, N) coordinate from survey order (X northing, Y easting), stripping a zone prefix from Y
    /// when Y ≥ 1 000 000. Fails with <see cref="CrsErrorCode.WrongZone"/> when the prefix is not
    /// <paramref name="expectedZone"/>, and <see cref="CrsErrorCode.NonFiniteCoordinate"/> on NaN.
    /// </summary>
    public static CrsResult<SurveyPoint> FromXY(double xNorthing, double yEasting, int expectedZone = PingdingshanZone)
    {
        if (!double.IsFinite(xNorthing) || !double.IsFinite(yEasting))
        {
            return CrsResult<SurveyPoint>.Fail(CrsErrorCode.NonFiniteCoordinate, $"X={xNorthing}, Y={yEasting} is not a number.");
        }

        var (zone, easting) = SplitZone(yEasting);
        if (zone is { } z && z != expectedZone)
        {
            return CrsResult<SurveyPoint>.Fail(CrsErrorCode.WrongZone,
                $"Y={F(yEasting)} carries zone prefix {z}, expected {expectedZone}; " +
                "the file is in another zone: reproject it, or check that X and Y are not swapped.");
        }

        return CrsResult<SurveyPoint>.Ok(new SurveyPoint(new Coordinate(easting, xNorthing), zone));
    }

    /// <summary>Splits Y into (zone prefix, easting): 38 435 126.1 → (38, 435 126.1); 435 126.1 → (null, 435 126.1).</summary>
    public static (int? Zone, double Easting) SplitZone(double yEasting)
    {
        // Eastings without prefix stay below 1 000 000 (false easting 500 000 ± a zone's half-width).
        if (yEasting < ZoneWidth)
        {
            return (null, yEasting);
        }

        var zone = (int)Math.Floor(yEasting / ZoneWidth);

        // Round away the binary noise of the subtraction (38435126.139 → 435126.13899999857); 1e-8 m is
        // about the resolution a double has at 38 000 000, so nothing real is lost.
        return (zone, Math.Round(yEasting - (zone * ZoneWidth), 8));
    }

    /// <summary>
    /// Checks that (X, Y) as read from a file can lie in Weidong or Zhanhe in 3-degree zone 38, and if not,
    /// whether X and Y are swapped or the numbers belong to another zone.
    /// </summary>
    public static SurveyCheck Check(double xNorthing, double yEasting) => Check(xNorthing, yEasting, [SurveyArea.Pingdingshan]);

    /// <summary>
    /// Checks that (X, Y) as read from a file can lie in one of <paramref name="areas"/> (the registered districts, each in
    /// its 3-degree zone), and if not, whether X and Y are swapped or the numbers belong to another zone. The verdict of the
    /// first area that finds the point plausible (or swapped) wins; else the first area's.
    /// </summary>
    public static SurveyCheck Check(double xNorthing, double yEasting, IReadOnlyList<SurveyArea> areas)
    {
        if (!double.IsFinite(xNorthing) || !double.IsFinite(yEasting))
        {
            return new SurveyCheck(SurveyCheckCode.OutsideDistricts, $"X={xNorthing}, Y={yEasting} is not a number.");
        }

        SurveyCheck? first = null;
        foreach (var area in areas)
        {
            var check = CheckIn(area, xNorthing, yEasting);
            if (check.Code is SurveyCheckCode.Plausible or SurveyCheckCode.SwappedXY) return check;
            first ??= check;
        }
        return first ?? new SurveyCheck(SurveyCheckCode.OutsideDistricts, $"X={F(xNorthing)}, Y={F(yEasting)}: no district with an outline to check against.");
    }

    private static SurveyCheck CheckIn(SurveyArea area, double xNorthing, double yEasting)
    {
        var at = $"X={F(xNorthing)}, Y={F(yEasting)}";
        if (area.IsNorthing(xNorthing))
        {
            return CheckEasting(area, at, xNorthing, yEasting, swapped: false);
        }

        if (area.IsNorthing(yEasting))
        {
            var swapped = CheckEasting(area, at, yEasting, xNorthing, swapped: true);
            return swapped.Code == SurveyCheckCode.Plausible
                ? new SurveyCheck(SurveyCheckCode.SwappedXY,
                    $"{at}: X looks like an easting and Y like a northing; survey files put X = northing first. Swap the columns.",
                    swapped.Suggested) { Zone = area.Zone }
                : swapped;
        }

        return new SurveyCheck(SurveyCheckCode.OutsideDistricts,
            $"{at}: neither value is a northing of the districts (X ≈ {Thousands(area.MinNorthing)}–{Thousands(area.MaxNorthing)}); is this a zone-{area.Zone} Gauss-Kruger file in metres?");
    }

    private static SurveyCheck CheckEasting(SurveyArea area, string at, double northing, double y, bool swapped)
    {
        var (zone, easting) = SplitZone(y);
        var order = swapped ? "X and Y are swapped, and " : "";
        if (zone is { } z && z != area.Zone)
        {
            var kind = z <= 23 ? "a 6-degree zone" : "a 3-degree zone";
            return new SurveyCheck(SurveyCheckCode.WrongZone,
                $"{at}: {order}the easting carries zone prefix {z} ({kind}); the districts lie in 3-degree zone {area.Zone} (CM {area.Zone * 3}°E). Reproject from zone {z}.");
        }

        if (area.IsEasting(easting))
        {
            var point = new SurveyPoint(new Coordinate(easting, northing), zone);
            return new SurveyCheck(SurveyCheckCode.Plausible,
                zone is null ? $"{at}: plausible (no zone prefix; assumed zone {area.Zone})." : $"{at}: plausible.", point) { Zone = area.Zone };
        }

        // Where Pingdingshan's districts fall on the neighbouring central meridians; other areas get the general message.
        foreach (var (min, max, what) in area == SurveyArea.Pingdingshan ? OtherMeridians : Array.Empty<(double, double, string)>())
        {
            if (easting >= min && easting <= max)
            {
                return new SurveyCheck(SurveyCheckCode.WrongZone,
                    $"{at}: {order}the easting {F(easting)} fits the districts on {what}, not CM 114°E; reproject from that CRS.");
            }
        }

        return new SurveyCheck(SurveyCheckCode.OutsideDistricts,
            $"{at}: {order}the easting {F(easting)} is outside the districts (≈ {Thousands(area.MinEasting)}–{Thousands(area.MaxEasting)} in zone {area.Zone}).");
    }

    private static string Thousands(double v) =>
        ((long)Math.Round(v)).ToString("#,0", new NumberFormatInfo { NumberGroupSeparator = " ", NumberGroupSizes = [3] });

    private static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
