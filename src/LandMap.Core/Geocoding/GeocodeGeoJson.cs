using System.Text.Encodings.Web;
using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using NetTopologySuite.Precision;

namespace LandMap.Core.Geocoding;

/// <summary>
/// Writes geocoded entries as an RFC 7946 FeatureCollection (WGS 84 lon/lat, no crs member), one Feature per
/// entry, geometry null when unresolved. Geometries go through NetTopologySuite.IO.GeoJSON4STJ; the
/// properties are the contract of <c>landmap geocode --format geojson</c>.
/// </summary>
public static class GeocodeGeoJson
{
    private static readonly JsonSerializerOptions GeometryOptions = CreateGeometryOptions();
    private static readonly PrecisionModel Centimetre = new(1e7);

    /// <summary>The FeatureCollection of <paramref name="entries"/>, compact, coordinates to 1e-7° (about 1 cm).</summary>
    public static string Write(IEnumerable<GeocodedEntry> entries)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("type", "FeatureCollection");
            json.WriteStartArray("features");
            foreach (var entry in entries) WriteFeature(json, entry);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Reads the geometries of a FeatureCollection written by <see cref="Write"/>, keyed by (file, seq).</summary>
    public static IReadOnlyDictionary<(string File, int Seq), Geometry?> ReadGeometries(string geoJson)
    {
        using var document = JsonDocument.Parse(geoJson);
        var result = new Dictionary<(string, int), Geometry?>();
        foreach (var feature in document.RootElement.GetProperty("features").EnumerateArray())
        {
            var properties = feature.GetProperty("properties");
            var geometry = feature.GetProperty("geometry");
            result[(properties.GetProperty("file").GetString()!, properties.GetProperty("seq").GetInt32())] =
                geometry.ValueKind == JsonValueKind.Null ? null : geometry.Deserialize<Geometry>(GeometryOptions);
        }
        return result;
    }

    private static void WriteFeature(Utf8JsonWriter json, GeocodedEntry e)
    {
        json.WriteStartObject();
        json.WriteString("type", "Feature");
        json.WritePropertyName("geometry");
        if (e.Geometry is null) json.WriteNullValue();
        else JsonSerializer.Serialize(json, GeometryPrecisionReducer.Reduce(e.Geometry, Centimetre), GeometryOptions);

        json.WriteStartObject("properties");
        json.WriteString("file", e.File);
        WriteNullable(json, "district", e.District);
        WriteNullable(json, "planYear", e.PlanYear);
        json.WriteNumber("seq", e.Seq);
        json.WriteString("name", e.Name);
        WriteNullable(json, "location", e.Location);
        WriteNullable(json, "areaMu", e.AreaMu);
        WriteNullable(json, "areaMuComputed", e.AreaMuComputed);
        WriteNullable(json, "metricCrs", e.MetricCrs);
        json.WriteString("status", e.Status.ToString().ToLowerInvariant());
        json.WriteNumber("confidence", e.Confidence);
        json.WriteString("method", e.Method);
        json.WriteStartArray("constraints");
        foreach (var c in e.Constraints)
        {
            json.WriteStartObject();
            json.WriteString("kind", c.Kind);
            json.WriteString("text", c.Text);
            json.WriteString("description", c.Description);
            json.WriteBoolean("satisfied", c.Satisfied);
            WriteNullable(json, "detail", c.Detail);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("warnings");
        foreach (var w in e.Warnings) json.WriteStringValue(w);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null) json.WriteNull(name);
        else json.WriteString(name, value);
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v) json.WriteNumber(name, v);
        else json.WriteNull(name);
    }

    private static JsonSerializerOptions CreateGeometryOptions()
    {
        var options = new JsonSerializerOptions();
        // RFC 7946: lon/lat, no crs member.
        options.Converters.Add(new GeoJsonConverterFactory(new GeometryFactory(new PrecisionModel(), 4326)));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
