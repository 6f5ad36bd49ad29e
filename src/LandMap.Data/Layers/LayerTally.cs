using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using LandMap.Core.Layers;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace LandMap.Data.Sql;

public abstract partial class SqlParcelStore
{
    /// <summary>
    /// Turns features into rows as they stream past, and keeps what the layer row needs at the end: count, repaired,
    /// extent, and the field list (declared fields first, then fields seen only in values, typed by their first value).
    /// </summary>
    private sealed class LayerTally(Layers.LayerImport import, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        private const int ProgressEvery = 5_000;
        private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        private readonly Dictionary<string, string> _seenTypes = new(StringComparer.Ordinal);
        private readonly List<string> _seenOrder = [];
        private Envelope? _extent;

        public long Count { get; private set; }

        public long Repaired { get; private set; }

        public Envelope? Extent => _extent;

        public IEnumerable<LayerRow> Rows(IEnumerable<LayerFeature> features)
        {
            var wkbWriter = new WKBWriter();
            var buffer = new ArrayBufferWriter<byte>(1024);
            using var json = new Utf8JsonWriter(buffer, WriterOptions);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var digest = new byte[32];
            foreach (var feature in features)
            {
                cancellationToken.ThrowIfCancellationRequested();
                buffer.ResetWrittenCount();
                json.Reset(buffer);
                WriteAttributes(json, feature.Attributes);
                json.Flush();
                var wkb = wkbWriter.Write(feature.Geometry);
                hash.AppendData(buffer.WrittenSpan);
                hash.AppendData(wkb);
                hash.GetHashAndReset(digest);
                var envelope = feature.Geometry.EnvelopeInternal;
                if (_extent is null) _extent = new Envelope(envelope);
                else _extent.ExpandToInclude(envelope);
                Count++;
                if (feature.Repaired) Repaired++;
                if (Count % ProgressEvery == 0) progress?.Report(Count);
                yield return new LayerRow(Clean(feature.Key), Encoding.UTF8.GetString(buffer.WrittenSpan), feature.Geometry, wkb, envelope,
                    double.IsFinite(feature.AreaM2) ? feature.AreaM2 : 0, BinaryPrimitives.ReadInt64LittleEndian(digest));
            }
            progress?.Report(Count);
        }

        /// <summary>The declared fields, then those seen only in values; labelled from the kind where it knows them.</summary>
        public List<LayerField> Fields()
        {
            var declared = import.DeclaredFields.Select(f => f with { Label = f.Label ?? import.Kind.Label(f.Name) }).ToList();
            var names = declared.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
            declared.AddRange(_seenOrder.Where(n => !names.Contains(n)).Select(n => new LayerField(n, _seenTypes[n], import.Kind.Label(n))));
            return declared;
        }

        private void WriteAttributes(Utf8JsonWriter json, IReadOnlyDictionary<string, object?> attributes)
        {
            json.WriteStartObject();
            foreach (var (name, value) in attributes)
            {
                json.WritePropertyName(Clean(name));
                var type = WriteValue(json, value);
                if (!_seenTypes.TryGetValue(name, out var known))
                {
                    if (type is null) continue;
                    _seenTypes[name] = type;
                    _seenOrder.Add(name);
                }
                else if (type is not null && known != type)
                {
                    _seenTypes[name] = known is "integer" && type is "real" ? "real" : known is "real" && type is "integer" ? "real" : "string";
                }
            }
            json.WriteEndObject();
        }

        // Writes one value; returns its field type, or null for null. NaN and ±∞ have no JSON form: they are stored as null.
        private static string? WriteValue(Utf8JsonWriter json, object? value)
        {
            switch (value)
            {
                case null or DBNull:
                    json.WriteNullValue();
                    return null;
                case string s:
                    json.WriteStringValue(Clean(s));
                    return "string";
                case bool b:
                    json.WriteBooleanValue(b);
                    return "boolean";
                case int or long or short or byte or sbyte or ushort or uint:
                    json.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                    return "integer";
                case ulong u:
                    json.WriteNumberValue(u);
                    return "integer";
                case decimal m:
                    json.WriteNumberValue((double)m);
                    return "real";
                case double or float:
                    var d = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                    if (double.IsFinite(d)) json.WriteNumberValue(d);
                    else json.WriteNullValue();
                    return "real";
                case DateTime t:
                    json.WriteStringValue(t.TimeOfDay == TimeSpan.Zero ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : t.ToString("O", CultureInfo.InvariantCulture));
                    return "date";
                case DateOnly day:
                    json.WriteStringValue(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    return "date";
                case IEnumerable<string> list:
                    json.WriteStartArray();
                    foreach (var item in list) json.WriteStringValue(Clean(item));
                    json.WriteEndArray();
                    return "json";
                default:
                    json.WriteStringValue(Clean(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""));
                    return "string";
            }
        }

        // PostgreSQL text and jsonb refuse U+0000, which DBF padding leaves in some files.
        private static string Clean(string s) => s.Contains('\0', StringComparison.Ordinal) ? s.Replace("\0", "", StringComparison.Ordinal) : s;
    }
}
