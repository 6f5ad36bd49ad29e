using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using LandMap.Core.Crs;
using LandMap.Core.Gazetteer.Import;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace LandMap.Core.Layers.Sources;

/// <summary>
/// Streams a GeoJSON FeatureCollection feature by feature: a buffer holds at most one feature (up to
/// <see cref="LayerReadOptions.MaxFeatureBytes"/>), never the file. The CRS is the old-style <c>crs</c> member when it
/// comes before <c>features</c> (as GDAL writes it), else WGS 84 as RFC 7946 says. JSON that breaks off or is not JSON
/// stops the import (nothing is stored); a feature whose geometry cannot be built is a counted problem.
/// </summary>
internal sealed partial class GeoJsonLayerSource(string path, LayerReadOptions options) : ILayerSource
{
    private static readonly JsonSerializerOptions GeoJson = new()
    {
        Converters = { new GeoJsonConverterFactory(NtsGeometryServices.Instance.CreateGeometryFactory()) },
    };

    [GeneratedRegex(@"(?:EPSG[:/]+(?:[\d.]*[:/]+)?|^)(\d{4,6})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EpsgCode();

    public string Format => "geojson";

    public string Where { get; } = Path.GetFileName(path);

    public SourceCrs? DeclaredCrs { get; private set; }

    public IReadOnlyList<LayerField> Fields => [];

    public string? Encoding => null;

    public Envelope? DeclaredExtent => null;

    public long? Count => null;

    public IEnumerable<RawFeature> Read(CancellationToken cancellationToken)
    {
        using var json = new JsonChunks(File.OpenRead(path), options.MaxFeatureBytes, Where);
        if (json.NextToken() != JsonTokenType.StartObject) throw json.Fail(null, "The root must be a JSON object {\"type\": \"FeatureCollection\", …}.");
        var sawFeatures = false;
        while (json.NextToken() is JsonTokenType.PropertyName)
        {
            var name = json.LastString;
            if (name == "features")
            {
                if (json.NextToken() != JsonTokenType.StartArray) throw json.Fail(null, "\"features\" must be an array.");
                sawFeatures = true;
                for (var index = 0; ; index++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    using var feature = json.NextValueOrEnd(index);
                    if (feature is null) break;
                    yield return ReadFeature(feature.RootElement, index);
                }
                continue;
            }
            using var value = json.NextValueOrEnd(null) ?? throw json.Fail(null, $"\"{name}\" has no value.");
            if (name == "type" && Str(value.RootElement) != "FeatureCollection")
                throw json.Fail(null, "The root must be {\"type\": \"FeatureCollection\", \"features\": [...]}.");
            if (name == "crs")
            {
                if (sawFeatures && options.Crs is null)
                    throw json.Fail(null, "The crs member comes after the features; move it before them (as GDAL writes it) or pass --crs.");
                DeclaredCrs = ReadCrs(value.RootElement, json);
            }
        }
        if (!sawFeatures) throw json.Fail(null, "There is no \"features\" array.");
    }

    public void Dispose() { }

    private SourceCrs? ReadCrs(JsonElement crs, JsonChunks json)
    {
        var name = crs.ValueKind == JsonValueKind.Object && crs.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object
            && p.TryGetProperty("name", out var n) ? Str(n) : null;
        if (name is not null && name.EndsWith("CRS84", StringComparison.OrdinalIgnoreCase)) return SourceCrs.Wgs84;
        var match = name is null ? null : EpsgCode().Match(name.Trim());
        var known = match is { Success: true } ? SourceCrs.FromEpsg(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)) : (CrsResult<SourceCrs>?)null;
        if (known is { IsSuccess: true } ok) return ok.Value;
        if (options.Crs is not null) return null;
        throw json.Fail(null, known?.Error?.Message ?? $"Cannot read the crs member {crs.GetRawText()}; give {{\"type\": \"name\", \"properties\": {{\"name\": \"EPSG:4547\"}}}} or pass --crs.");
    }

    private static RawFeature ReadFeature(JsonElement element, int index)
    {
        var fid = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("id", out var idValue)
            && idValue.ValueKind is JsonValueKind.String or JsonValueKind.Number
                ? idValue.ValueKind == JsonValueKind.String ? Str(idValue) : idValue.GetRawText()
                : null;
        var attributes = new Dictionary<string, object?>(StringComparer.Ordinal);
        try
        {
            if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in props.EnumerateObject()) attributes[p.Name] = Value(p.Value);
            }
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("geometry", out var g) || g.ValueKind != JsonValueKind.Object)
                return new RawFeature(index, fid, null, attributes) { Problem = (ImportProblemCode.EmptyGeometry, "The feature has no geometry object.") };
            var geometry = g.Deserialize<Geometry>(GeoJson);
            return geometry is null
                ? new RawFeature(index, fid, null, attributes) { Problem = (ImportProblemCode.EmptyGeometry, "The geometry is null.") }
                : new RawFeature(index, fid, geometry, attributes);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or FormatException or IndexOutOfRangeException)
        {
            // NTS throws ArgumentException for unclosed rings and one-point lines; STJ InvalidOperationException for lone surrogates.
            return new RawFeature(index, fid, null, attributes) { Problem = (ImportProblemCode.InvalidGeometry, $"Cannot read the feature: {e.Message}") };
        }
    }

    // A string of invalid UTF-8 or a lone surrogate escape parses but throws when read: it reads as no string here.
    private static string? Str(JsonElement v)
    {
        try
        {
            return v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static object? Value(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString(),
        JsonValueKind.Number => v.TryGetInt64(out var l) ? l : v.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => v.GetRawText(),
    };

    /// <summary>A Utf8JsonReader over a buffer refilled from the stream; values are parsed whole, one at a time.</summary>
    private sealed class JsonChunks(Stream stream, int maxValueBytes, string where) : IDisposable
    {
        private byte[] _buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        private int _start;
        private int _end;
        private bool _final;
        private bool _bomChecked;
        private long _offset;
        private JsonReaderState _state = new(new JsonReaderOptions { MaxDepth = 64 });

        public string? LastString { get; private set; }

        public JsonTokenType NextToken()
        {
            while (true)
            {
                var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _final, _state);
                try
                {
                    if (reader.Read())
                    {
                        LastString = reader.TokenType is JsonTokenType.PropertyName or JsonTokenType.String ? reader.GetString() : null;
                        Commit(ref reader);
                        return reader.TokenType;
                    }
                }
                catch (Exception e) when (e is JsonException or InvalidOperationException)
                {
                    throw Fail(null, $"Not valid JSON near byte {_offset + reader.BytesConsumed}: {e.Message}");
                }
                if (_final) return JsonTokenType.None;
                Refill();
            }
        }

        /// <summary>The next value parsed whole, or null at the end of the enclosing array.</summary>
        public JsonDocument? NextValueOrEnd(int? feature)
        {
            while (true)
            {
                var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _final, _state);
                try
                {
                    if (reader.Read())
                    {
                        if (reader.TokenType == JsonTokenType.EndArray)
                        {
                            Commit(ref reader);
                            return null;
                        }
                        if (JsonDocument.TryParseValue(ref reader, out var document))
                        {
                            Commit(ref reader);
                            return document;
                        }
                    }
                }
                catch (Exception e) when (e is JsonException or InvalidOperationException)
                {
                    // At the end of the data an unfinished value reads as a syntax error: name both causes.
                    throw Fail(feature, _final
                        ? $"The file ends inside this feature or is not valid JSON near byte {_offset + reader.BytesConsumed}: it is truncated or corrupt; copy or export it again. ({e.Message})"
                        : $"Not valid JSON near byte {_offset + reader.BytesConsumed}: {e.Message}");
                }
                if (_final) throw Fail(feature, "The file ends inside this value: it is truncated; copy it again.");
                Refill();
            }
        }

        public LayerReadException Fail(int? feature, string message) =>
            new(new ImportProblem(ImportProblemCode.ReadFailed, where, feature, null, null, message));

        public void Dispose()
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            stream.Dispose();
        }

        private void Commit(ref Utf8JsonReader reader)
        {
            _start += (int)reader.BytesConsumed;
            _offset += reader.BytesConsumed;
            _state = reader.CurrentState;
        }

        private void Refill()
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            if (_end == _buffer.Length)
            {
                if (_buffer.Length >= maxValueBytes) throw Fail(null, $"A value is larger than {maxValueBytes} bytes; split the feature or simplify it.");
                var larger = ArrayPool<byte>.Shared.Rent(Math.Min(maxValueBytes, _buffer.Length * 2));
                Buffer.BlockCopy(_buffer, 0, larger, 0, _end);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = larger;
            }
            var read = stream.Read(_buffer, _end, _buffer.Length - _end);
            _end += read;
            if (!_bomChecked && _end >= 3)
            {
                _bomChecked = true;
                if (_buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF) _start = 3;
            }
            if (read == 0) _final = true;
        }
    }
}
