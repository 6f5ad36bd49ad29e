using System.Text.Json;
using LandMap.Core.Geocoding;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace LandMap.Cli.Render;

/// <summary>
/// Reads a FeatureCollection with the properties of <c>landmap geocode --format geojson</c> (name, seq, status,
/// planYear, district, …) back into <see cref="GeocodedEntry"/>s, so parcels from a file can be drawn before
/// the geocoder is wired in. Only name, seq and status are required; geometry may be null (unresolved).
/// </summary>
internal static class ParcelGeoJson
{
    private static readonly JsonSerializerOptions GeoJson = new()
    {
        Converters = { new GeoJsonConverterFactory(NtsGeometryServices.Instance.CreateGeometryFactory(4326)) },
    };

    /// <summary>The entries, or the first problem as a message naming the feature and what to fix.</summary>
    public static (IReadOnlyList<GeocodedEntry> Entries, string? Error) Read(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
            {
                return ([], $"{path}: not a GeoJSON FeatureCollection (no features array).");
            }

            var entries = new List<GeocodedEntry>();
            var index = 0;
            foreach (var feature in features.EnumerateArray())
            {
                var (entry, error) = ReadFeature(feature, Path.GetFileName(path));
                if (error is not null)
                {
                    return ([], $"{path}: feature {index}: {error}");
                }

                entries.Add(entry!);
                index++;
            }

            return (entries, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or ArgumentException or InvalidOperationException)
        {
            // InvalidOperationException and ArgumentException come from GeoJSON4STJ on malformed geometries.
            return ([], $"{path}: cannot read the parcels: {e.Message}");
        }
    }

    private static (GeocodedEntry? Entry, string? Error) ReadFeature(JsonElement feature, string fileName)
    {
        if (feature.ValueKind != JsonValueKind.Object || !feature.TryGetProperty("properties", out var p) || p.ValueKind != JsonValueKind.Object)
        {
            return (null, "no properties object; each parcel needs at least name, seq and status.");
        }

        var name = Text(p, "name");
        var seq = Number(p, "seq");
        var statusText = Text(p, "status");
        if (name is null || seq is null || statusText is null)
        {
            return (null, "name (text), seq (number) and status (located, approximate or unresolved) are required.");
        }

        if (!Enum.TryParse<GeocodeStatus>(statusText, ignoreCase: true, out var status) || !Enum.IsDefined(status) || char.IsDigit(statusText[0]))
        {
            return (null, $"status '{statusText}' is not one of located, approximate, unresolved.");
        }

        var geometry = feature.TryGetProperty("geometry", out var g) && g.ValueKind == JsonValueKind.Object
            ? g.Deserialize<Geometry>(GeoJson)
            : null;
        var entry = new GeocodedEntry
        {
            File = Text(p, "file") ?? fileName,
            District = Text(p, "district"),
            PlanYear = (int?)Number(p, "planYear"),
            Seq = (int)seq.Value,
            Name = name,
            Location = Text(p, "location"),
            AreaMu = Number(p, "areaMu"),
            AreaMuComputed = Number(p, "areaMuComputed"),
            Status = status,
            Confidence = Number(p, "confidence") ?? 0,
            Method = Text(p, "method") ?? "",
            Geometry = geometry,
        };
        return (entry, null);
    }

    private static string? Text(JsonElement p, string name) =>
        p.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static double? Number(JsonElement p, string name) =>
        p.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) && double.IsFinite(d) ? d : null;
}
