using System.Globalization;
using LandMap.Core.Crs;
using NetTopologySuite.Geometries;

namespace LandMap.Core.Gazetteer.Import;

/// <summary>
/// Checks that a record's first vertex fits its CRS before transforming: swapped axes (survey tables put
/// X = northing first; spreadsheets put latitude first) and a zone prefix that the CRS does not expect
/// (38 435 126 in EPSG:4547, or 435 126 in EPSG:4526). Other surprises (another zone, outside the districts)
/// are not errors here: a city-wide layer may reach beyond Weidong and Zhanhe.
/// </summary>
internal static class CoordinateChecks
{
    private static readonly int[] CentralMeridianOnly = [4547, 2383, 2435];
    private static readonly int[] ZonePrefixed = [4526, 2362, 2414];

    public static (ImportProblemCode Code, string Message)? Check(Geometry geometry, CrsDefinition crs)
    {
        var c = geometry.Coordinate;
        if (!crs.IsProjected)
        {
            return Math.Abs(c.X) <= 90 && Math.Abs(c.Y) is > 90 and <= 180
                ? (ImportProblemCode.SwappedXY,
                    $"X/Y look swapped: the first vertex ({F(c.X)}, {F(c.Y)}) reads as latitude first; {crs} wants (lon, lat). Swap the columns.")
                : null;
        }

        if (crs.Epsg is not { } epsg || !(CentralMeridianOnly.Contains(epsg) || ZonePrefixed.Contains(epsg)))
        {
            return null;
        }

        // SurveyCoordinates takes survey order (X northing, Y easting); NTS holds (easting, northing).
        if (SurveyCoordinates.Check(xNorthing: c.Y, yEasting: c.X).Code == SurveyCheckCode.SwappedXY)
        {
            return (ImportProblemCode.SwappedXY,
                $"X/Y look swapped: the first vertex has X={F(c.X)}, a northing, and Y={F(c.Y)}, an easting; {crs} puts the easting first. " +
                "Swap the columns (survey tables list X = northing first) and import again.");
        }

        var (zone, _) = SurveyCoordinates.SplitZone(c.X);
        if (zone is not null && CentralMeridianOnly.Contains(epsg))
        {
            return (ImportProblemCode.CrsMismatch,
                $"X={F(c.X)} carries zone prefix {zone}, but {crs} has none; the data is in the zone-{zone} CRS (EPSG:4526 for CGCS2000): pass --crs EPSG:4526.");
        }

        if (zone is null && ZonePrefixed.Contains(epsg))
        {
            return (ImportProblemCode.CrsMismatch,
                $"X={F(c.X)} has no zone prefix, but {crs} expects 38xxxxxx; the data is in the CM 114E CRS (EPSG:4547 for CGCS2000): pass --crs EPSG:4547.");
        }

        return null;
    }

    private static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
