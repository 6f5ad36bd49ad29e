using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LandMap.Core.Crs;

/// <summary>What a <see cref="GeoJsonDatumConverter"/> run did, or why it did nothing.</summary>
/// <param name="Text">The converted file text; null when <paramref name="Problem"/> is set.</param>
/// <param name="Positions">How many positions were converted.</param>
/// <param name="MeanShiftM">Mean distance a position moved, in metres (0 when none).</param>
/// <param name="Problem">Why the file was not converted (line and what to fix); null on success.</param>
public sealed record GeoJsonDatumConversion(string? Text, int Positions, double MeanShiftM, string? Problem)
{
    /// <summary>Whether the file was converted.</summary>
    public bool IsSuccess => Problem is null;
}

/// <summary>
/// Converts the coordinates of a GeoJSON file from GCJ-02 or BD-09 to WGS 84 in place in its text: every geometry's
/// <c>coordinates</c> array is rewritten with positions rounded to <see cref="Decimals"/> (6 decimals ≈ 0.1 m), and
/// every other byte — properties, key order, line breaks, one-feature-per-line layout — is kept, so a converted
/// gazetteer file diffs as its geometries only. Members named <c>coordinates</c> inside <c>properties</c> are data,
/// not geometry, and are left alone. A <c>bbox</c> member is refused (it would need recomputing).
/// Converting twice shifts twice: the caller says which datum the file is in, and keeps the original.
/// </summary>
public sealed class GeoJsonDatumConverter(WebDatum from, int decimals = 6)
{
    private const double MetresPerDegree = 6371008.8 * Math.PI / 180;

    /// <summary>Decimals written per ordinate.</summary>
    public int Decimals { get; } = decimals is >= 0 and <= 15 ? decimals : throw new ArgumentOutOfRangeException(nameof(decimals));

    /// <summary>Converts <paramref name="text"/> (a GeoJSON FeatureCollection, Feature or geometry) to WGS 84.</summary>
    public static GeoJsonDatumConversion ToWgs84(string text, WebDatum from) => new GeoJsonDatumConverter(from).Convert(text);

    /// <summary>Converts <paramref name="text"/> to WGS 84.</summary>
    public GeoJsonDatumConversion Convert(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Func<double, double, (double Lon, double Lat)> toWgs84 = from switch
        {
            WebDatum.Gcj02 => ChinaWebDatums.Gcj02ToWgs84,
            WebDatum.Bd09 => ChinaWebDatums.Bd09ToWgs84,
            _ => throw new ArgumentOutOfRangeException(nameof(from), from, "only GCJ-02 and BD-09 are converted here"),
        };
        var bytes = Encoding.UTF8.GetBytes(text);
        var output = new StringBuilder(text.Length);
        var copiedUpTo = 0;
        var stats = new Stats();
        try
        {
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            // The property name that opened each open container, to tell geometry members from properties' members.
            var path = new Stack<string?>();
            string? pendingName = null;
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        pendingName = reader.GetString();
                        if (pendingName == "bbox" && !path.Contains("properties"))
                            return Fail(bytes, reader.TokenStartIndex, "has a \"bbox\" member, which would be wrong after the conversion; remove it and run again.");
                        break;
                    case JsonTokenType.StartArray when pendingName == "coordinates" && !path.Contains("properties"):
                        var start = (int)reader.TokenStartIndex;
                        reader.Skip();
                        var end = (int)reader.BytesConsumed;
                        using (var array = JsonDocument.Parse(bytes.AsMemory(start, end - start)))
                        {
                            var converted = new StringBuilder();
                            if (WriteConverted(array.RootElement, toWgs84, converted, stats) is { } problem)
                                return Fail(bytes, start, problem);
                            output.Append(Encoding.UTF8.GetString(bytes, copiedUpTo, start - copiedUpTo)).Append(converted);
                        }
                        copiedUpTo = end;
                        pendingName = null;
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        path.Push(pendingName);
                        pendingName = null;
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        path.Pop();
                        break;
                    default:
                        pendingName = null;
                        break;
                }
            }
        }
        catch (JsonException e)
        {
            return new GeoJsonDatumConversion(null, 0, 0, $"is not valid JSON (line {e.LineNumber + 1}): {e.Message}");
        }
        output.Append(Encoding.UTF8.GetString(bytes, copiedUpTo, bytes.Length - copiedUpTo));
        return new GeoJsonDatumConversion(output.ToString(), stats.Count, stats.Count == 0 ? 0 : stats.ShiftSum / stats.Count, null);
    }

    // Nested arrays down to positions; a position is [lon, lat, (z…)] and only lon/lat change.
    private string? WriteConverted(JsonElement element, Func<double, double, (double Lon, double Lat)> toWgs84, StringBuilder to, Stats stats)
    {
        if (element.ValueKind != JsonValueKind.Array) return "has a \"coordinates\" member that is not an array of positions.";
        var isPosition = element.GetArrayLength() > 0 && element[0].ValueKind == JsonValueKind.Number;
        to.Append('[');
        if (isPosition)
        {
            if (element.GetArrayLength() < 2 || element.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.Number))
                return $"has a position {element.GetRawText()} that is not [longitude, latitude].";
            var (lon, lat) = (element[0].GetDouble(), element[1].GetDouble());
            if (lon is < -180 or > 180 || lat is < -90 or > 90)
                return $"has a position {element.GetRawText()} that is not longitude, latitude in degrees (a projected file? GCJ-02 and BD-09 are lon/lat).";
            var (x, y) = toWgs84(lon, lat);
            stats.Add(lon, lat, x, y);
            to.Append(Format(x)).Append(',').Append(Format(y));
            foreach (var extra in element.EnumerateArray().Skip(2)) to.Append(',').Append(extra.GetRawText());
        }
        else
        {
            var first = true;
            foreach (var child in element.EnumerateArray())
            {
                if (!first) to.Append(',');
                first = false;
                if (WriteConverted(child, toWgs84, to, stats) is { } problem) return problem;
            }
        }
        to.Append(']');
        return null;
    }

    private string Format(double value) => Math.Round(value, Decimals, MidpointRounding.AwayFromZero).ToString("R", CultureInfo.InvariantCulture);

    private static GeoJsonDatumConversion Fail(byte[] bytes, long index, string problem)
    {
        var line = 1 + bytes.AsSpan(0, (int)index).Count((byte)'\n');
        return new GeoJsonDatumConversion(null, 0, 0, $"line {line} {problem}");
    }

    private sealed class Stats
    {
        public int Count { get; private set; }

        public double ShiftSum { get; private set; }

        public void Add(double lon, double lat, double toLon, double toLat)
        {
            var dx = (toLon - lon) * Math.Cos(lat * Math.PI / 180) * MetresPerDegree;
            var dy = (toLat - lat) * MetresPerDegree;
            Count++;
            ShiftSum += Math.Sqrt(dx * dx + dy * dy);
        }
    }
}
