using System.Globalization;
using System.Text;
using System.Text.Json;
using NetTopologySuite.Features;

namespace LandMap.Tiles.Vector.Mvt;

/// <summary>
/// A feature's attributes as MVT tags (key index, value index pairs) of one layer, and its feature id, with the value
/// types the NetTopologySuite writer used: bool; sbyte/short/int/long as int64; byte/ushort/uint/ulong as uint64; double;
/// float; string. Other values (null, decimal, dates) are left out. The id: the id attribute's value when it is a
/// non-negative whole number (a whole double, float or decimal is also written as uint64) or text of one.
/// JSON attributes are read with <see cref="Utf8JsonReader"/> without building a table, with the same values and types as
/// <see cref="JsonAttributesFeature.Attributes"/> (numbers as double; a whole non-negative id as uint64). Not thread-safe (scratch buffers); one per tile being encoded.
/// </summary>
internal sealed class MvtAttributeWriter(string idAttribute)
{
    private byte[] _utf8 = new byte[1024];
    private char[] _names = new char[64];
    private char[] _chars = new char[256];

    /// <summary>Appends the tags of <paramref name="attributes"/> to <paramref name="tags"/>; returns the feature id.</summary>
    public ulong? Append(MvtLayerWriter layer, IAttributesTable? attributes, List<uint> tags)
    {
        if (attributes is null || attributes.Count == 0) return null;
        ulong? id = null;
        var names = attributes.GetNames();
        var values = attributes.GetValues();
        for (var i = 0; i < names.Length; i++)
        {
            var name = names[i];
            if (string.IsNullOrEmpty(name)) continue;
            var value = values[i];
            var isId = name == idAttribute;
            if (isId)
            {
                id = IdOf(value);
                // A whole fractional id is handed over as the integer it is.
                if (id is { } whole && value is double or float or decimal) value = whole;
            }
            uint? index = value switch
            {
                string s => layer.String(s),
                bool b => layer.Bool(b),
                int n => layer.Int(n),
                long n => layer.Int(n),
                short n => layer.Int(n),
                sbyte n => layer.Int(n),
                ulong n => layer.UInt(n),
                uint n => layer.UInt(n),
                ushort n => layer.UInt(n),
                byte n => layer.UInt(n),
                double d => layer.Double(d),
                float f => layer.Float(f),
                _ => null,
            };
            if (index is null) continue;
            tags.Add(layer.Key(name));
            tags.Add(index.Value);
        }
        return id;
    }

    /// <summary>Appends the tags of the JSON object <paramref name="json"/> to <paramref name="tags"/>; returns the feature id.</summary>
    public ulong? Append(MvtLayerWriter layer, string json, List<uint> tags)
    {
        var size = Encoding.UTF8.GetMaxByteCount(json.Length);
        if (_utf8.Length < size) _utf8 = new byte[Math.Max(size, _utf8.Length * 2)];
        var length = Encoding.UTF8.GetBytes(json, _utf8);
        var reader = new Utf8JsonReader(_utf8.AsSpan(0, length));
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("Feature attributes are not a JSON object.");
        var first = tags.Count;
        ulong? id = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = Text(ref reader, ref _names);
            var isId = name.SequenceEqual(idAttribute);
            reader.Read();
            uint? value;
            ulong? memberId = null;
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    var text = Text(ref reader, ref _chars);
                    value = layer.String(text);
                    if (isId && ulong.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)) memberId = parsed;
                    break;
                case JsonTokenType.Number:
                    // Every JSON number is a double, whole or not, so a field keeps one type across the tile's features.
                    var real = reader.GetDouble();
                    if (isId && real >= 0 && real < 1.8e19 && Math.Floor(real) == real)
                    {
                        memberId = (ulong)real;
                        value = layer.UInt(memberId.Value);
                    }
                    else value = layer.Double(real);
                    break;
                case JsonTokenType.True or JsonTokenType.False:
                    value = layer.Bool(reader.TokenType == JsonTokenType.True);
                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    value = layer.String(Encoding.UTF8.GetString(_utf8, start, (int)reader.BytesConsumed - start));
                    break;
                default:
                    value = null;
                    break;
            }
            if (value is null || name.IsEmpty) continue;
            var key = layer.Key(name);
            if (Seen(tags, first, key)) continue;
            if (isId) id = memberId;
            tags.Add(key);
            tags.Add(value.Value);
        }
        return id;
    }

    // The first of a repeated name counts, as in JsonAttributesFeature.Attributes.
    private static bool Seen(List<uint> tags, int first, uint key)
    {
        for (var i = first; i < tags.Count; i += 2)
            if (tags[i] == key) return true;
        return false;
    }

    // The current token's text, unescaped, in the scratch buffer (valid until the next call).
    private static ReadOnlySpan<char> Text(ref Utf8JsonReader reader, ref char[] buffer)
    {
        var max = reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (buffer.Length < max) buffer = new char[Math.Max(max, buffer.Length * 2)];
        return buffer.AsSpan(0, reader.CopyString(buffer));
    }

    private static ulong? IdOf(object? value) => value switch
    {
        null => null,
        ulong u => u,
        double d when d >= 0 && d < 1.8e19 && Math.Floor(d) == d => (ulong)d,
        float f when f >= 0 && f < 1.8e19f && MathF.Floor(f) == f => (ulong)f,
        decimal m when m >= 0 && m <= ulong.MaxValue && decimal.Truncate(m) == m => (ulong)m,
        _ => ulong.TryParse(value.ToString(), out var parsed) ? parsed : null,
    };
}
