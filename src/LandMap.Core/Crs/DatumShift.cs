using ProjNet.CoordinateSystems;

namespace LandMap.Core.Crs;

/// <summary>How the rotations of a 7-parameter Helmert transformation are signed.</summary>
public enum RotationConvention
{
    /// <summary>
    /// Position Vector (EPSG method 9606; the TOWGS84 of WKT1, PROJ's <c>+towgs84</c> and ProjNet). A positive
    /// Rz turns the position vector anticlockwise seen from the north pole: X' = X − Rz·Y, Y' = Y + Rz·X.
    /// </summary>
    PositionVector,

    /// <summary>
    /// Coordinate Frame (EPSG method 9607; ESRI's default and common in Chinese software): the same
    /// transformation with the signs of Rx, Ry, Rz reversed.
    /// </summary>
    CoordinateFrame,
}

/// <summary>
/// Local Helmert parameters that take geocentric coordinates on <see cref="From"/> (Xi'an 1980 or
/// Beijing 1954) to CGCS2000 (treated as WGS 84). There are no public values for Pingdingshan: they come from
/// the natural-resources bureau (自然资源局) or a survey report, and LandMap never supplies defaults.
/// </summary>
/// <remarks>
/// Units: Dx, Dy, Dz in metres; Rx, Ry, Rz in arc-seconds; Ds in parts per million (scale = 1 + Ds·1e-6).
/// The direction is local → CGCS2000; for parameters published the other way, negate all seven values
/// (a close approximation for these small angles). State the <see cref="Convention"/> of the source document:
/// the same numbers under the other convention move points by metres.
/// </remarks>
/// <param name="From">The local datum these parameters start from.</param>
/// <param name="Dx">Translation along geocentric X, metres.</param>
/// <param name="Dy">Translation along geocentric Y, metres.</param>
/// <param name="Dz">Translation along geocentric Z, metres.</param>
/// <param name="Rx">Rotation about X, arc-seconds.</param>
/// <param name="Ry">Rotation about Y, arc-seconds.</param>
/// <param name="Rz">Rotation about Z, arc-seconds.</param>
/// <param name="Ds">Scale difference, ppm.</param>
/// <param name="Convention">How <paramref name="Rx"/>..<paramref name="Rz"/> are signed in the source document.</param>
public sealed record DatumShift(
    GeodeticDatum From,
    double Dx, double Dy, double Dz,
    double Rx, double Ry, double Rz,
    double Ds,
    RotationConvention Convention)
{
    // Sanity bounds, far wider than any real Xi'an 80 / Beijing 54 → CGCS2000 parameter set.
    private const double MaxTranslationM = 2_000;
    private const double MaxRotationArcSec = 60;
    private const double MaxScalePpm = 100;

    /// <summary>A 3-parameter (translation-only) shift, for which the rotation convention does not matter.</summary>
    public static DatumShift ThreeParameter(GeodeticDatum from, double dx, double dy, double dz) =>
        new(from, dx, dy, dz, 0, 0, 0, 0, RotationConvention.PositionVector);

    /// <summary>Where the parameters came from (document, date), kept for the record; optional.</summary>
    public string? Provenance { get; init; }

    /// <summary>Checks the values; null when they are usable.</summary>
    public CrsError? Validate()
    {
        if (From is not (GeodeticDatum.Xian1980 or GeodeticDatum.Beijing1954))
        {
            return Invalid($"A DatumShift starts from Xian1980 or Beijing1954, not {From}: CGCS2000 and WGS 84 need none.");
        }

        double[] all = [Dx, Dy, Dz, Rx, Ry, Rz, Ds];
        if (all.Any(v => !double.IsFinite(v)))
        {
            return Invalid("A datum shift value is NaN or infinite.");
        }

        if (Math.Max(Math.Abs(Dx), Math.Max(Math.Abs(Dy), Math.Abs(Dz))) > MaxTranslationM)
        {
            return Invalid($"A translation exceeds {MaxTranslationM} m; translations are in metres.");
        }

        if (Math.Max(Math.Abs(Rx), Math.Max(Math.Abs(Ry), Math.Abs(Rz))) > MaxRotationArcSec)
        {
            return Invalid($"A rotation exceeds {MaxRotationArcSec}″; rotations are in arc-seconds, not radians×10⁶ or degrees.");
        }

        return Math.Abs(Ds) > MaxScalePpm
            ? Invalid($"The scale difference exceeds {MaxScalePpm} ppm; give Ds in ppm (1.000002 is Ds = 2).")
            : null;
    }

    /// <summary>The parameters as ProjNet applies them (Position Vector).</summary>
    internal Wgs84ConversionInfo ToProjNet()
    {
        var sign = Convention == RotationConvention.CoordinateFrame ? -1.0 : 1.0;
        return new Wgs84ConversionInfo(Dx, Dy, Dz, sign * Rx, sign * Ry, sign * Rz, Ds);
    }

    private static CrsError Invalid(string message) => new(CrsErrorCode.InvalidDatumShift, message);
}
