using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using LandMap.Core.Crs;
using LandMap.Core.Json;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace LandMap.Core.Gazetteer.Import;

/// <summary>
/// Reads a GeoJSON FeatureCollection in any CRS LandMap knows: the old-style <c>crs</c> member
/// (<c>{"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4547"}}</c>), else
/// <see cref="GazetteerImportOptions.Crs"/>, else WGS 84 as RFC 7946 says. Positions are checked (finite, counted)
/// on the JSON before NTS builds anything; bare NaN/Infinity are quoted first so the feature can be named.
/// </summary>
public sealed partial class GeoJsonSource : IGazetteerSource
{
    private static readonly JsonSerializerOptions GeoJson = new()
    {
        Converters = { new GeoJsonConverterFactory(NtsGeometryServices.Instance.CreateGeometryFactory()) },
    };

    /// <inheritdoc />
    public string Format => "geojson";

    /// <inheritdoc />
    public CrsDefinition? DefaultCrs => KnownCrs.Wgs84;

    [GeneratedRegex(@"(?:EPSG[:/]+(?:[\d.]*[:/]+)?|^)(\d{4,5})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EpsgCode();

    /// <inheritdoc />
    public SourceReadResult Read(string path, GazetteerImportOptions options, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var file = Path.GetFileName(path);
        var problems = new ImportProblems(options.MaxProblems);
        var features = new List<SourceFeature>();
        var warnings = new List<string>();
        var bytes = SourceFiles.ReadAll(path, file, options.MaxFileBytes, problems);
        if (bytes is null)
        {
            return SourceReadResult.From(problems, features, warnings);
        }

        using var document = Parse(bytes, file, problems);
        if (document is null)
        {
            return SourceReadResult.From(problems, features, warnings);
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || Str(root, "type") != "FeatureCollection"
            || !root.TryGetProperty("features", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            problems.FileProblem(ImportProblemCode.ReadFailed, file, "The root must be {\"type\": \"FeatureCollection\", \"features\": [...]}.");
            return SourceReadResult.From(problems, features, warnings);
        }

        // With --crs given, an unreadable crs member does not matter: the option wins anyway.
        var crs = DeclaredCrs(root, file, options.Crs is null ? problems : new ImportProblems(0));
        var total = list.GetArrayLength();
        var index = 0;
        foreach (var element in list.EnumerateArray())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (ReadFeature(element, file, index, options, problems) is { } feature)
            {
                features.Add(feature with { Crs = crs });
            }

            if (++index % 1000 == 0)
            {
                progress?.Report(new ImportProgress("reading", index, total));
            }
        }

        return SourceReadResult.From(problems, features, warnings);
    }

    private static SourceFeature? ReadFeature(JsonElement element, string file, int index, GazetteerImportOptions options, ImportProblems problems)
    {
        var id = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("id", out var idValue)
            && idValue.ValueKind is JsonValueKind.String or JsonValueKind.Number
                ? idValue.ValueKind == JsonValueKind.String ? idValue.GetString() : idValue.GetRawText()
                : null;
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("geometry", out var g) || g.ValueKind != JsonValueKind.Object)
        {
            problems.Add(ImportProblemCode.EmptyGeometry, file, index, id, "geometry", "The feature has no geometry object.");
            return null;
        }

        var vertices = 0;
        if (CheckPositions(g, 0, ref vertices, options) is { } bad)
        {
            problems.Add(bad.Code, file, index, id, "geometry", bad.Message);
            return null;
        }

        Geometry? geometry;
        try
        {
            geometry = g.Deserialize<Geometry>(GeoJson);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or FormatException)
        {
            // NTS throws ArgumentException for unclosed rings and one-point lines.
            problems.Add(ImportProblemCode.InvalidGeometry, file, index, id, "geometry", $"Cannot build the geometry: {e.Message}");
            return null;
        }

        if (geometry is null)
        {
            problems.Add(ImportProblemCode.EmptyGeometry, file, index, id, "geometry", "The geometry is null.");
            return null;
        }

        var attributes = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (element.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in props.EnumerateObject())
            {
                attributes[p.Name] = Value(p.Value);
            }
        }

        return new SourceFeature(file, index, geometry, attributes) { Id = id };
    }

    /// <summary>Checks nesting, finiteness and count of positions; null when NTS may read the geometry.</summary>
    private static (ImportProblemCode Code, string Message)? CheckPositions(JsonElement g, int depth, ref int vertices, GazetteerImportOptions options)
    {
        if (Str(g, "type") == "GeometryCollection")
        {
            if (depth >= options.MaxNestingDepth)
            {
                return (ImportProblemCode.NestingTooDeep, $"GeometryCollections nested more than {options.MaxNestingDepth} deep.");
            }

            if (g.TryGetProperty("geometries", out var parts) && parts.ValueKind == JsonValueKind.Array)
            {
                foreach (var part in parts.EnumerateArray())
                {
                    if (CheckPositions(part, depth + 1, ref vertices, options) is { } bad)
                    {
                        return bad;
                    }
                }
            }

            return null;
        }

        if (g.ValueKind != JsonValueKind.Object || !g.TryGetProperty("coordinates", out var c)) return null;
        return CheckArray(c, ref vertices, options) ?? Str(g, "type") switch
        {
            "Polygon" => CheckRings(c),
            "MultiPolygon" when c.ValueKind == JsonValueKind.Array => c.EnumerateArray().Select(CheckRings).FirstOrDefault(p => p is not null),
            _ => null,
        };
    }

    // NTS's reader turns a polygon whose ring is too short into a LineString: a "park" that is a line. Refuse it here.
    private static (ImportProblemCode, string)? CheckRings(JsonElement rings)
    {
        if (rings.ValueKind != JsonValueKind.Array) return null;
        var index = 0;
        foreach (var ring in rings.EnumerateArray())
        {
            if (ring.ValueKind != JsonValueKind.Array) return null;
            var count = ring.GetArrayLength();
            if (count < 4)
            {
                return (ImportProblemCode.InvalidGeometry,
                    $"Ring {index} of the polygon has {count} position(s); a closed ring needs at least 4 (the first repeated last). Fix it or import it as a LineString.");
            }

            if (!SamePosition(ring[0], ring[count - 1]))
            {
                return (ImportProblemCode.InvalidGeometry, $"Ring {index} of the polygon is not closed: its last position must repeat the first.");
            }

            index++;
        }

        return null;
    }

    private static bool SamePosition(JsonElement a, JsonElement b) =>
        a.ValueKind == JsonValueKind.Array && b.ValueKind == JsonValueKind.Array && a.GetArrayLength() >= 2 && b.GetArrayLength() >= 2
        && a[0].TryGetDouble(out var ax) && b[0].TryGetDouble(out var bx) && a[1].TryGetDouble(out var ay) && b[1].TryGetDouble(out var by)
        && ax == bx && ay == by;

    private static (ImportProblemCode, string)? CheckArray(JsonElement a, ref int vertices, GazetteerImportOptions options)
    {
        if (a.ValueKind != JsonValueKind.Array || a.GetArrayLength() == 0)
        {
            return null;
        }

        if (a[0].ValueKind == JsonValueKind.Array)
        {
            foreach (var child in a.EnumerateArray())
            {
                if (CheckArray(child, ref vertices, options) is { } bad)
                {
                    return bad;
                }
            }

            return null;
        }

        if (++vertices > options.MaxVerticesPerFeature)
        {
            return (ImportProblemCode.TooManyVertices, $"More than {options.MaxVerticesPerFeature} vertices; simplify the geometry or split the feature.");
        }

        foreach (var v in a.EnumerateArray().Take(2))
        {
            if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var d) || !double.IsFinite(d))
            {
                return (ImportProblemCode.NonFiniteCoordinate, $"Vertex {vertices - 1} has {v.GetRawText()}, not a finite number; remove or fix it.");
            }
        }

        return null;
    }

    private static CrsDefinition? DeclaredCrs(JsonElement root, string file, ImportProblems problems)
    {
        if (!root.TryGetProperty("crs", out var crs) || crs.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var name = crs.ValueKind == JsonValueKind.Object && crs.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object
            ? Str(p, "name")
            : null;
        if (name is not null && name.EndsWith("CRS84", StringComparison.OrdinalIgnoreCase))
        {
            return KnownCrs.Wgs84;
        }

        var match = name is null ? null : EpsgCode().Match(name.Trim());
        if (match is null || !match.Success)
        {
            problems.Add(ImportProblemCode.UnsupportedCrs, file, null, null, "crs",
                $"Cannot read the crs member {crs.GetRawText()}; give {{\"type\": \"name\", \"properties\": {{\"name\": \"EPSG:4547\"}}}} or pass --crs EPSG:N.");
            return null;
        }

        var known = KnownCrs.FromEpsg(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        if (!known.IsSuccess)
        {
            problems.Add(ImportProblemCode.UnsupportedCrs, file, null, null, "crs", known.Error!.Message);
            return null;
        }

        return known.Value;
    }

    private static JsonDocument? Parse(byte[] bytes, string file, ImportProblems problems)
    {
        ReadOnlyMemory<byte> json = bytes;
        if (json.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            json = json[3..];
        }

        if (!Utf8.IsValid(json.Span))
        {
            problems.FileProblem(ImportProblemCode.UnknownEncoding, file, "GeoJSON must be UTF-8 (RFC 8259); save the file again as UTF-8.");
            return null;
        }

        try
        {
            return Checked(JsonDocument.Parse(json), json.Span, file, problems);
        }
        catch (JsonException first)
        {
            // Bare NaN/Infinity (Python's json.dumps default): quote them so the feature can be named.
            if (NonFiniteLiterals.Quote(json.Span) is { } quoted)
            {
                try
                {
                    return Checked(JsonDocument.Parse(quoted), quoted, file, problems);
                }
                catch (JsonException)
                {
                    // Report the error of the original text below.
                }
            }

            problems.FileProblem(ImportProblemCode.ReadFailed, file, $"Not valid JSON at line {first.LineNumber + 1}: {first.Message}");
            return null;
        }
    }

    // A lone surrogate escape ("\ud800") parses but throws wherever the string is read: refuse the file, naming the member.
    private static JsonDocument? Checked(JsonDocument document, ReadOnlySpan<byte> json, string file, ImportProblems problems)
    {
        if (JsonStrings.FindInvalid(json) is not { } member)
        {
            return document;
        }

        document.Dispose();
        problems.FileProblem(ImportProblemCode.ReadFailed, file, $"'{member}' is not valid Unicode text (a lone surrogate escape such as \\ud800); fix or remove it.");
        return null;
    }

    private static object? Value(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString(),
        JsonValueKind.Number => v.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.Array when v.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) =>
            v.EnumerateArray().Select(e => e.GetString()!).ToList(),
        _ => v.GetRawText(),
    };

    private static string? Str(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
