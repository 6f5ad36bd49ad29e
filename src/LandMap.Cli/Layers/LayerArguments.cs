using System.Globalization;
using LandMap.Core.Crs;
using LandMap.Core.Layers;

using LandMap.Data.Layers;

namespace LandMap.Cli.Layers;

/// <summary>Turns the text of <c>layer import</c> options into <see cref="LayerReadOptions"/>, or says which option is wrong.</summary>
internal static class LayerArguments
{
    public static LayerReadOptions? ToOptions(string kindText, string? crsText, string? layer, string? encoding, string? towgs84, string convention, out string? error)
    {
        error = null;
        if (LayerKinds.Parse(kindText) is not { } kind)
        {
            error = $"--kind '{kindText}' is not one of {LayerKinds.Names}.";
            return null;
        }
        SourceCrs? crs = null;
        if (crsText is not null)
        {
            var parsed = SourceCrs.Parse(crsText);
            if (!parsed.IsSuccess)
            {
                error = parsed.Error!.Message;
                return null;
            }
            crs = parsed.Value;
        }
        RotationConvention? rotation = convention.Trim().ToLowerInvariant() switch
        {
            "position-vector" => RotationConvention.PositionVector,
            "coordinate-frame" => RotationConvention.CoordinateFrame,
            _ => null,
        };
        if (rotation is null)
        {
            error = $"--towgs84-convention '{convention}' is not position-vector or coordinate-frame.";
            return null;
        }
        var shifts = new List<DatumShift>();
        if (towgs84 is not null)
        {
            var parts = towgs84.Split(',', StringSplitOptions.TrimEntries);
            var values = new double[7];
            if (parts.Length != 7 || parts.Where((p, i) => !double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out values[i])).Any())
            {
                error = $"--towgs84 '{towgs84}' is not seven numbers dx,dy,dz,rx,ry,rz,ds (metres, arc-seconds, ppm).";
                return null;
            }
            // The same parameters serve whichever old datum the data is on; only the one the file uses is applied.
            foreach (var datum in new[] { GeodeticDatum.Xian1980, GeodeticDatum.Beijing1954 })
            {
                var shift = new DatumShift(datum, values[0], values[1], values[2], values[3], values[4], values[5], values[6], rotation.Value);
                if (shift.Validate() is { } invalid)
                {
                    error = $"--towgs84: {invalid.Message}";
                    return null;
                }
                shifts.Add(shift);
            }
        }
        return new LayerReadOptions { Kind = kind, Crs = crs, Layer = layer, Encoding = encoding, DatumShifts = shifts };
    }

    /// <summary>Why <paramref name="name"/> cannot name a layer, or null.</summary>
    public static string? CheckName(string name) => LayerNames.Problem(name) is { } problem ? $"--name: {problem}" : null;
}
