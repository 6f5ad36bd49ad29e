using System.Text.RegularExpressions;
using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace LandMap.Core.Crs;

/// <summary>Parses WKT1 / .prj text with ProjNet and matches it to a <see cref="KnownCrs"/> by parameters.</summary>
internal static partial class WktIdentifier
{
    // A .prj is a few hundred bytes; anything this long is not one.
    private const int MaxWktLength = 64 * 1024;

    private static readonly string[] Wkt2Keywords = ["PROJCRS", "GEOGCRS", "GEODCRS", "BASEGEOGCRS", "COMPOUNDCRS", "BOUNDCRS"];

    // ProjNet parses PROJECTION["Gauss_Kruger"] but throws NotSupportedException when asked to transform.
    [GeneratedRegex("""PROJECTION\s*\[\s*"Gauss[_\- ]?Kr(?:u|ü|ue)ger"\s*""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GaussKrugerProjection();

    public static CrsResult<CrsDefinition> Identify(string text)
    {
        var wkt = text.Trim().TrimStart('\uFEFF').Trim();
        if (wkt.Length == 0)
        {
            return Fail(CrsErrorCode.InvalidWkt, "The .prj/WKT text is empty; pass the file's contents or an EPSG code.");
        }

        if (wkt.Length > MaxWktLength)
        {
            return Fail(CrsErrorCode.InvalidWkt, $"The WKT is {wkt.Length} characters long; a .prj is far shorter. Is this the right file?");
        }

        if (Wkt2Keywords.Any(k => wkt.StartsWith(k, StringComparison.OrdinalIgnoreCase)))
        {
            return Fail(CrsErrorCode.InvalidWkt,
                "This is WKT2, which ProjNet cannot read; export the CRS as WKT1 (an ESRI .prj, or GDAL's WKT1_GDAL) or pass its EPSG code.");
        }

        wkt = GaussKrugerProjection().Replace(wkt, "PROJECTION[\"Transverse_Mercator\"");
        CoordinateSystem cs;
        try
        {
            cs = new CoordinateSystemFactory().CreateFromWkt(wkt);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // ProjNet's WKT parser signals bad input with many exception types (Argument, Format, NullReference...).
            return Fail(CrsErrorCode.InvalidWkt, $"ProjNet cannot read this WKT1 ({e.Message}); check the .prj or pass an EPSG code.");
        }

        switch (cs)
        {
            case ProjectedCoordinateSystem pcs:
                var usable = CheckProjectionSupported(pcs);
                if (usable is not null)
                {
                    return CrsResult<CrsDefinition>.Fail(usable);
                }

                break;
            case GeographicCoordinateSystem:
                break;
            default:
                return Fail(CrsErrorCode.UnsupportedCoordinateSystem,
                    $"'{cs.Name}' is a {cs.GetType().Name}; LandMap handles geographic and projected CRSs only.");
        }

        var known = KnownCrs.All.FirstOrDefault(k => SameParameters(k.CoordinateSystem, cs));
        if (known is not null)
        {
            return CrsResult<CrsDefinition>.Ok(known);
        }

        var geographic = cs is ProjectedCoordinateSystem p ? p.GeographicCoordinateSystem : (GeographicCoordinateSystem)cs;
        var datum = KnownCrs.ClassifyDatum(geographic.HorizontalDatum.Ellipsoid);
        if (cs is ProjectedCoordinateSystem tm && NormalizeName(tm.Projection.ClassName) == "transverse_mercator"
            && Near(tm.LinearUnit.MetersPerUnit, 1, 1e-12) && Near(geographic.PrimeMeridian.Longitude, 0, 1e-9)
            && GaussKrugerZones.Identify(datum, Parameter(tm, "central_meridian", double.NaN), Parameter(tm, "false_easting", double.NaN),
                Parameter(tm, "scale_factor", 1), Parameter(tm, "latitude_of_origin", 0), Parameter(tm, "false_northing", 0)) is { } zone)
        {
            return CrsResult<CrsDefinition>.Ok(GaussKrugerZones.FromEpsg(zone)!);
        }

        return CrsResult<CrsDefinition>.Ok(new CrsDefinition(null, cs.Name, datum, cs, cs.WKT));
    }

    private static CrsError? CheckProjectionSupported(ProjectedCoordinateSystem pcs)
    {
        try
        {
            new CoordinateTransformationFactory().CreateFromCoordinateSystems(pcs.GeographicCoordinateSystem, pcs);
            return null;
        }
        catch (Exception e) when (e is NotSupportedException or ArgumentException or InvalidOperationException)
        {
            return new CrsError(CrsErrorCode.UnsupportedCoordinateSystem,
                $"ProjNet cannot compute projection '{pcs.Projection.ClassName}' ({e.Message}); reproject the data to EPSG:4547 in a desktop GIS first.");
        }
    }

    /// <summary>True when two CRSs give the same coordinates: datum family, unit, projection parameters.</summary>
    private static bool SameParameters(CoordinateSystem a, CoordinateSystem b)
    {
        switch (a, b)
        {
            case (GeographicCoordinateSystem ga, GeographicCoordinateSystem gb):
                return SameGeographic(ga, gb);
            case (ProjectedCoordinateSystem pa, ProjectedCoordinateSystem pb):
                return SameGeographic(pa.GeographicCoordinateSystem, pb.GeographicCoordinateSystem)
                    && Near(pa.LinearUnit.MetersPerUnit, pb.LinearUnit.MetersPerUnit, 1e-12)
                    && NormalizeName(pa.Projection.ClassName) == NormalizeName(pb.Projection.ClassName)
                    && Near(Parameter(pa, "central_meridian", 0), Parameter(pb, "central_meridian", 0), 1e-9)
                    && Near(Parameter(pa, "latitude_of_origin", 0), Parameter(pb, "latitude_of_origin", 0), 1e-9)
                    && Near(Parameter(pa, "scale_factor", 1), Parameter(pb, "scale_factor", 1), 1e-12)
                    && Near(Parameter(pa, "false_easting", 0), Parameter(pb, "false_easting", 0), 1e-3)
                    && Near(Parameter(pa, "false_northing", 0), Parameter(pb, "false_northing", 0), 1e-3);
            default:
                return false;
        }
    }

    private static bool SameGeographic(GeographicCoordinateSystem a, GeographicCoordinateSystem b)
    {
        var datum = KnownCrs.ClassifyDatum(a.HorizontalDatum.Ellipsoid);
        return datum != GeodeticDatum.Other
            && datum == KnownCrs.ClassifyDatum(b.HorizontalDatum.Ellipsoid)
            && Near(a.AngularUnit.RadiansPerUnit, b.AngularUnit.RadiansPerUnit, 1e-12)
            && Near(a.PrimeMeridian.Longitude, b.PrimeMeridian.Longitude, 1e-9);
    }

    private static double Parameter(ProjectedCoordinateSystem pcs, string name, double fallback)
    {
        // ESRI writes Central_Meridian, OGC central_meridian: compare without case.
        for (var i = 0; i < pcs.Projection.NumParameters; i++)
        {
            var p = pcs.Projection.GetParameter(i);
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return p.Value;
            }
        }

        return fallback;
    }

    private static string NormalizeName(string name) => name.Replace(' ', '_').ToLowerInvariant();

    private static bool Near(double a, double b, double tolerance) => Math.Abs(a - b) <= tolerance;

    private static CrsResult<CrsDefinition> Fail(CrsErrorCode code, string message) =>
        CrsResult<CrsDefinition>.Fail(code, message);
}
