using ProjNet.CoordinateSystems;

namespace LandMap.Core.Crs;

/// <summary>
/// The geodetic datum family of a CRS, which decides whether a transformation needs parameters.
/// </summary>
public enum GeodeticDatum
{
    /// <summary>WGS 84 (GPS, web maps other than GCJ-02/BD-09).</summary>
    Wgs84,
    /// <summary>CGCS2000 (国家2000): equals WGS 84 at map scale, so no parameters are needed between them.</summary>
    Cgcs2000,
    /// <summary>Xi'an 1980 (西安80) on the IAG 1975 ellipsoid; no public parameters to CGCS2000.</summary>
    Xian1980,
    /// <summary>Beijing 1954 (北京54) on the Krassowsky 1940 ellipsoid; no public parameters to CGCS2000.</summary>
    Beijing1954,
    /// <summary>Any other datum: usable only with CRSs on exactly the same datum.</summary>
    Other,
}

/// <summary>
/// A coordinate reference system LandMap can transform: geographic (lon, lat in degrees) or projected
/// (E, N in the CRS unit). Get one from <see cref="KnownCrs.FromEpsg"/> or <see cref="KnownCrs.FromWkt"/>.
/// </summary>
public sealed class CrsDefinition
{
    internal CrsDefinition(int? epsg, string name, GeodeticDatum datum, CoordinateSystem coordinateSystem, string wkt)
    {
        if (coordinateSystem is not (GeographicCoordinateSystem or ProjectedCoordinateSystem))
        {
            throw new ArgumentException("Only geographic and projected coordinate systems are supported.", nameof(coordinateSystem));
        }

        Epsg = epsg;
        Name = name;
        Datum = datum;
        CoordinateSystem = coordinateSystem;
        Wkt = wkt;
    }

    /// <summary>The EPSG code when the CRS is (or matches by parameters) a known one; otherwise null.</summary>
    public int? Epsg { get; }

    /// <summary>A readable name, e.g. <c>CGCS2000 / 3-degree Gauss-Kruger CM 114E</c>.</summary>
    public string Name { get; }

    /// <summary>The datum family.</summary>
    public GeodeticDatum Datum { get; }

    /// <summary>True for projected CRSs (E, N); false for geographic ones (lon, lat).</summary>
    public bool IsProjected => CoordinateSystem is ProjectedCoordinateSystem;

    /// <summary>WKT1 as ProjNet reads it (Gauss_Kruger already written as Transverse_Mercator); fit for a .prj.</summary>
    public string Wkt { get; }

    /// <summary>The SRID to put on NTS geometries in this CRS: the EPSG code, or 0 when unknown.</summary>
    public int Srid => Epsg ?? 0;

    internal CoordinateSystem CoordinateSystem { get; }

    /// <summary>
    /// The central meridian in degrees of a Transverse Mercator (Gauss-Krüger) CRS, else null. Such a CRS only holds
    /// coordinates within a few degrees of it, which is how degrees passed off as metres are caught.
    /// </summary>
    public double? TransverseMercatorMeridian =>
        CoordinateSystem is ProjectedCoordinateSystem { Projection: { } projection }
        && projection.ClassName.Replace(" ", "_", StringComparison.Ordinal).Equals("Transverse_Mercator", StringComparison.OrdinalIgnoreCase)
        && projection.GetParameter("central_meridian") is { } meridian
            ? meridian.Value
            : null;

    internal GeographicCoordinateSystem Geographic => CoordinateSystem switch
    {
        ProjectedCoordinateSystem p => p.GeographicCoordinateSystem,
        GeographicCoordinateSystem g => g,
        _ => throw new InvalidOperationException("Unreachable: checked in the constructor."),
    };

    /// <inheritdoc />
    public override string ToString() => Epsg is { } code ? $"EPSG:{code} {Name}" : Name;
}
