using System.Globalization;
using LandMap.Core.Crs;
using LandMap.Core.Gazetteer;
using LandMap.Core.Gazetteer.Import;

namespace LandMap.Cli.Gazetteer;

/// <summary>Turns the command-line text of <c>gazetteer import</c> into <see cref="GazetteerImportOptions"/>.</summary>
internal static class ImportArguments
{
    internal const double MaxPrecisionM = 10_000;

    /// <summary>The options as typed.</summary>
    public sealed record Raw(string Gazetteer, string? Crs, string[] DatumShifts, string? Layer, string? NameField, string? AliasField,
        string? Kind, string? KindField, string? District, string? DistrictField, double Precision, string? Source);

    public static GazetteerImportOptions? ToOptions(Raw raw, out string? error)
    {
        error = null;
        CrsDefinition? crs = null;
        WebDatum? web = null;
        if (raw.Crs is { } webText && SourceCrs.Parse(webText) is { IsSuccess: true, Value.Web: WebDatum.Gcj02 or WebDatum.Bd09 } webCrs)
        {
            // GCJ-02 / BD-09: lon/lat as read, converted after.
            (crs, web) = (KnownCrs.Wgs84, webCrs.Value.Web);
        }
        else if (raw.Crs is { } crsText)
        {
            var digits = crsText.Trim().StartsWith("EPSG:", StringComparison.OrdinalIgnoreCase) ? crsText.Trim()[5..] : crsText.Trim();
            if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var epsg))
            {
                error = $"--crs '{crsText}' is not EPSG:N (e.g. EPSG:4547), GCJ02 or BD09.";
                return null;
            }

            var known = KnownCrs.FromEpsg(epsg);
            if (!known.IsSuccess)
            {
                error = known.Error!.Message;
                return null;
            }

            crs = known.Value;
        }

        PlaceKind? kind = null;
        if (raw.Kind is { } kindText)
        {
            kind = PlaceKindNames.Parse(kindText);
            if (kind is null)
            {
                error = $"--kind '{kindText}' is not one of {string.Join(", ", Enum.GetNames<PlaceKind>().Select(n => n.ToLowerInvariant()))}.";
                return null;
            }
        }

        // A gazetteer feature placed to worse than 10 km says nothing about where a parcel is.
        if (!double.IsFinite(raw.Precision) || raw.Precision <= 0 || raw.Precision > MaxPrecisionM)
        {
            error = $"--precision must be a number of metres above 0 and at most {MaxPrecisionM:0} (given {raw.Precision}).";
            return null;
        }

        var shifts = new List<DatumShift>();
        foreach (var text in raw.DatumShifts)
        {
            if (ParseShift(text, out error) is not { } shift)
            {
                return null;
            }

            shifts.Add(shift);
        }

        return new GazetteerImportOptions
        {
            GazetteerDirectory = raw.Gazetteer, Crs = crs, WebDatum = web, DatumShifts = shifts, Layer = raw.Layer,
            NameField = raw.NameField, AliasField = raw.AliasField, Kind = kind, KindField = raw.KindField,
            District = raw.District, DistrictField = raw.DistrictField, PrecisionM = raw.Precision, Source = raw.Source,
        };
    }

    private static DatumShift? ParseShift(string text, out string? error)
    {
        error = $"--datum-shift '{text}' is not DATUM,dx,dy,dz,rx,ry,rz,ds,CONVENTION (xian1980|beijing1954, position-vector|coordinate-frame).";
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 9)
        {
            return null;
        }

        GeodeticDatum? datum = parts[0].ToLowerInvariant() switch
        {
            "xian1980" or "xian80" => GeodeticDatum.Xian1980,
            "beijing1954" or "beijing54" => GeodeticDatum.Beijing1954,
            _ => null,
        };
        RotationConvention? convention = parts[8].ToLowerInvariant() switch
        {
            "position-vector" => RotationConvention.PositionVector,
            "coordinate-frame" => RotationConvention.CoordinateFrame,
            _ => null,
        };
        var values = new double[7];
        for (var i = 0; i < 7; i++)
        {
            if (!double.TryParse(parts[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
            {
                return null;
            }
        }

        if (datum is null || convention is null)
        {
            return null;
        }

        var shift = new DatumShift(datum.Value, values[0], values[1], values[2], values[3], values[4], values[5], values[6], convention.Value);
        if (shift.Validate() is { } invalid)
        {
            error = $"--datum-shift: {invalid.Message}";
            return null;
        }

        error = null;
        return shift;
    }
}
