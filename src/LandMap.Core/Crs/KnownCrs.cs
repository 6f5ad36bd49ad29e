using System.Globalization;
using ProjNet.CoordinateSystems;

namespace LandMap.Core.Crs;

/// <summary>
/// The CRSs met in Pingdingshan data, as WKT1 that ProjNet reads, looked up by EPSG code or recognised
/// from a .prj/WKT string.
/// </summary>
/// <remarks>
/// <para>Axis order here is always (lon, lat) and (E, N), as ProjNet and ESRI use it. EPSG itself lists the
/// Chinese Gauss-Kruger CRSs as (X northing, Y easting): read survey files with <see cref="SurveyCoordinates"/>.</para>
/// <para>No WKT carries TOWGS84: Xi'an 1980 and Beijing 1954 have no public parameters to CGCS2000, and
/// <see cref="CrsTransformer"/> asks the caller for a <see cref="DatumShift"/> instead of inventing one.</para>
/// </remarks>
public static class KnownCrs
{
    internal const double CentralMeridian = 114.0;
    internal const double Zone38FalseEasting = 38_500_000.0;
    internal const double CmFalseEasting = 500_000.0;

    // Declared before the CRS properties: static initializers run in textual order.
    private static readonly (GeodeticDatum Datum, (string Name, string Spheroid, string DatumName, double A, double Rf) Spec)[] Ellipsoids =
    [
        (GeodeticDatum.Wgs84, ("WGS 84", "WGS 84", "WGS_1984", 6378137.0, 298.257223563)),
        (GeodeticDatum.Cgcs2000, ("China Geodetic Coordinate System 2000", "CGCS2000", "China_2000", 6378137.0, 298.257222101)),
        (GeodeticDatum.Xian1980, ("Xian 1980", "IAG 1975", "Xian_1980", 6378140.0, 298.257)),
        (GeodeticDatum.Beijing1954, ("Beijing 1954", "Krassowsky 1940", "Beijing_1954", 6378245.0, 298.3)),
    ];

    /// <summary>EPSG:4326 WGS 84, (lon, lat).</summary>
    public static CrsDefinition Wgs84 { get; } = Geographic(4326, "WGS 84", GeodeticDatum.Wgs84);

    /// <summary>EPSG:4490 CGCS2000 geographic, (lon, lat).</summary>
    public static CrsDefinition Cgcs2000 { get; } = Geographic(4490, "China Geodetic Coordinate System 2000", GeodeticDatum.Cgcs2000);

    /// <summary>EPSG:4610 Xi'an 1980 geographic, (lon, lat).</summary>
    public static CrsDefinition Xian1980 { get; } = Geographic(4610, "Xian 1980", GeodeticDatum.Xian1980);

    /// <summary>EPSG:4214 Beijing 1954 geographic, (lon, lat).</summary>
    public static CrsDefinition Beijing1954 { get; } = Geographic(4214, "Beijing 1954", GeodeticDatum.Beijing1954);

    /// <summary>EPSG:4547 CGCS2000 / 3-degree Gauss-Kruger CM 114E: LandMap's metric CRS.</summary>
    public static CrsDefinition Cgcs2000Gk114 { get; } = GaussKruger(4547, "CGCS2000 / 3-degree Gauss-Kruger CM 114E", Cgcs2000, CmFalseEasting);

    /// <summary>EPSG:4526 CGCS2000 / 3-degree Gauss-Kruger zone 38 (false easting 38 500 000).</summary>
    public static CrsDefinition Cgcs2000Gk38 { get; } = GaussKruger(4526, "CGCS2000 / 3-degree Gauss-Kruger zone 38", Cgcs2000, Zone38FalseEasting);

    /// <summary>EPSG:2383 Xian 1980 / 3-degree Gauss-Kruger CM 114E.</summary>
    public static CrsDefinition Xian1980Gk114 { get; } = GaussKruger(2383, "Xian 1980 / 3-degree Gauss-Kruger CM 114E", Xian1980, CmFalseEasting);

    /// <summary>EPSG:2362 Xian 1980 / 3-degree Gauss-Kruger zone 38.</summary>
    public static CrsDefinition Xian1980Gk38 { get; } = GaussKruger(2362, "Xian 1980 / 3-degree Gauss-Kruger zone 38", Xian1980, Zone38FalseEasting);

    /// <summary>EPSG:2435 Beijing 1954 / 3-degree Gauss-Kruger CM 114E.</summary>
    public static CrsDefinition Beijing1954Gk114 { get; } = GaussKruger(2435, "Beijing 1954 / 3-degree Gauss-Kruger CM 114E", Beijing1954, CmFalseEasting);

    /// <summary>EPSG:2414 Beijing 1954 / 3-degree Gauss-Kruger zone 38.</summary>
    public static CrsDefinition Beijing1954Gk38 { get; } = GaussKruger(2414, "Beijing 1954 / 3-degree Gauss-Kruger zone 38", Beijing1954, Zone38FalseEasting);

    /// <summary>Every known CRS, geographic first.</summary>
    public static IReadOnlyList<CrsDefinition> All { get; } =
    [
        Wgs84, Cgcs2000, Xian1980, Beijing1954,
        Cgcs2000Gk114, Cgcs2000Gk38, Xian1980Gk114, Xian1980Gk38, Beijing1954Gk114, Beijing1954Gk38,
    ];

    /// <summary>Looks a CRS up by EPSG code.</summary>
    /// <remarks>Besides <see cref="All"/>, every Gauss-Krüger zone of CGCS2000, Xi'an 1980 and Beijing 1954 (<see cref="GaussKrugerZones"/>).</remarks>
    public static CrsResult<CrsDefinition> FromEpsg(int epsg)
    {
        var found = All.FirstOrDefault(c => c.Epsg == epsg) ?? GaussKrugerZones.FromEpsg(epsg);
        return found is not null
            ? CrsResult<CrsDefinition>.Ok(found)
            : CrsResult<CrsDefinition>.Fail(CrsErrorCode.UnknownEpsg,
                $"EPSG:{epsg} is not a CRS LandMap knows ({string.Join(", ", All.Select(c => c.Epsg))}, and the Gauss-Kruger zones 4491–4554, " +
                "2327–2390, 2401–2442, 21413–21483); pass its WKT1 (.prj) to KnownCrs.FromWkt instead.");
    }

    /// <summary>
    /// Reads a WKT1 string or .prj file text (OGC or ESRI flavour). <c>Gauss_Kruger</c> is renamed
    /// <c>Transverse_Mercator</c> first. The result carries the EPSG code of the known CRS it matches by
    /// parameters (ellipsoid, central meridian, scale, false easting/northing, unit), or none.
    /// </summary>
    public static CrsResult<CrsDefinition> FromWkt(string wkt)
    {
        ArgumentNullException.ThrowIfNull(wkt);
        return WktIdentifier.Identify(wkt);
    }

    /// <summary>Classifies a datum by its ellipsoid; GRS 80 counts as CGCS2000, as it does in China.</summary>
    internal static GeodeticDatum ClassifyDatum(Ellipsoid ellipsoid)
    {
        var a = ellipsoid.SemiMajorAxis * ellipsoid.AxisUnit.MetersPerUnit;
        var rf = ellipsoid.InverseFlattening;
        foreach (var (datum, spec) in Ellipsoids)
        {
            // 1/f of WGS 84 and CGCS2000 differ by 1.5e-6: keep the tolerance well below that.
            if (Math.Abs(a - spec.A) < 0.01 && Math.Abs(rf - spec.Rf) < 1e-7)
            {
                return datum;
            }
        }

        return GeodeticDatum.Other;
    }

    private static CrsDefinition Geographic(int epsg, string name, GeodeticDatum datum)
    {
        var wkt = GeographicWkt(epsg, datum);
        return new CrsDefinition(epsg, name, datum, new CoordinateSystemFactory().CreateFromWkt(wkt), wkt);
    }

    private static string GeographicWkt(int epsg, GeodeticDatum datum)
    {
        var spec = Ellipsoids.Single(e => e.Datum == datum).Spec;
        return Invariant($"GEOGCS[\"{spec.Name}\",DATUM[\"{spec.DatumName}\",SPHEROID[\"{spec.Spheroid}\",{spec.A},{spec.Rf}]],")
            + Invariant($"PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433],AUTHORITY[\"EPSG\",\"{epsg}\"]]");
    }

    private static CrsDefinition GaussKruger(int epsg, string name, CrsDefinition geographic, double falseEasting) =>
        GaussKruger(epsg, name, geographic, CentralMeridian, falseEasting);

    /// <summary>A Transverse Mercator (Gauss-Krüger: scale 1, latitude of origin 0, metres) on <paramref name="geographic"/>.</summary>
    internal static CrsDefinition GaussKruger(int epsg, string name, CrsDefinition geographic, double centralMeridian, double falseEasting)
    {
        var geogWkt = GeographicWkt(geographic.Epsg!.Value, geographic.Datum);
        var wkt = Invariant($"PROJCS[\"{name}\",{geogWkt},PROJECTION[\"Transverse_Mercator\"],")
            + Invariant($"PARAMETER[\"latitude_of_origin\",0],PARAMETER[\"central_meridian\",{centralMeridian}],")
            + Invariant($"PARAMETER[\"scale_factor\",1],PARAMETER[\"false_easting\",{falseEasting}],PARAMETER[\"false_northing\",0],")
            + Invariant($"UNIT[\"metre\",1],AUTHORITY[\"EPSG\",\"{epsg}\"]]");
        return new CrsDefinition(epsg, name, geographic.Datum, new CoordinateSystemFactory().CreateFromWkt(wkt), wkt);
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
