using System.Text.Encodings.Web;
using System.Text.Json;
using NetTopologySuite;
using NetTopologySuite.IO.Converters;

namespace LandMap.Core.Gazetteer.Import;

/// <summary>
/// Writes gazetteer features as the GeoJSON FeatureCollection <see cref="GazetteerLoader"/> reads: WGS 84
/// geometry and the properties name, aliases, kind (lower case), district, precisionM and source; a road network's
/// ways also their tags, one object per line part (<c>ways</c>, see <see cref="RoadWay"/>).
/// </summary>
public static class GazetteerFileWriter
{
    private static readonly JsonSerializerOptions GeoJson = new()
    {
        Converters = { new GeoJsonConverterFactory(NtsGeometryServices.Instance.CreateGeometryFactory(4326)) },
    };

    // Chinese names stay readable in the file instead of becoming \uXXXX escapes.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes <paramref name="features"/> to <paramref name="stream"/> as UTF-8 without BOM, one feature per line.</summary>
    public static void Write(IEnumerable<GazetteerFeature> features, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(stream);

        // One compact feature per line: a re-import then shows in a diff as the lines of the features that changed.
        stream.Write("{\"type\": \"FeatureCollection\", \"features\": [\n"u8);
        var first = true;
        foreach (var feature in features)
        {
            if (!first)
            {
                stream.Write(",\n"u8);
            }

            first = false;
            using var json = new Utf8JsonWriter(stream, WriterOptions);
            WriteFeature(json, feature);
        }

        stream.Write("\n]}\n"u8);
    }

    // One object per line part: its id and the road tags it has.
    private static void WriteWays(Utf8JsonWriter json, IReadOnlyList<RoadWay> ways)
    {
        json.WriteStartArray("ways");
        foreach (var way in ways)
        {
            json.WriteStartObject();
            if (way.Id is not null)
            {
                json.WriteString("id", way.Id);
            }

            foreach (var tag in RoadWay.TagNames)
            {
                if (way.Tag(tag) is { } value)
                {
                    json.WriteString(tag, value);
                }
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteFeature(Utf8JsonWriter json, GazetteerFeature f)
    {
        json.WriteStartObject();
        json.WriteString("type", "Feature");
        if (f.Id is not null)
        {
            json.WriteString("id", f.Id);
        }

        json.WritePropertyName("geometry");
        JsonSerializer.Serialize(json, f.Geometry, GeoJson);
        json.WriteStartObject("properties");
        json.WriteString("name", f.Name);
        json.WriteStartArray("aliases");
        foreach (var alias in f.Aliases)
        {
            json.WriteStringValue(alias);
        }

        json.WriteEndArray();
        json.WriteString("kind", f.Kind.ToString().ToLowerInvariant());
        json.WriteString("district", f.District);
        if (f.PrecisionM is { } precision)
        {
            json.WriteNumber("precisionM", precision);
        }

        json.WriteString("source", f.Source);
        if (f.Ways is { } ways)
        {
            WriteWays(json, ways);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }
}
