using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace LandMap.Core.Json;

/// <summary>
/// Finds JSON strings that cannot become .NET strings: an escaped lone surrogate (<c>"\ud800"</c>) or bytes that are
/// not UTF-8. <see cref="JsonDocument"/> parses such text without complaint, but <see cref="JsonElement.GetString"/>
/// and <see cref="JsonProperty.Name"/> later throw <see cref="InvalidOperationException"/>, so every reader of
/// outside JSON checks once, right after parsing, and refuses the text naming the member.
/// </summary>
public static class JsonStrings
{
    /// <summary>
    /// The path (<c>geometry.type</c>, <c>features[0].properties.name</c>) of the first string or member name in
    /// <paramref name="utf8Json"/> that is not valid Unicode, or null when every one is. The text must already have
    /// parsed with the same <paramref name="options"/>.
    /// </summary>
    public static string? FindInvalid(ReadOnlySpan<byte> utf8Json, JsonReaderOptions options = default)
    {
        var reader = new Utf8JsonReader(utf8Json, options);
        var frames = new List<Frame>();
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    Advance(frames);
                    frames.Add(new Frame(reader.TokenType == JsonTokenType.StartArray));
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    frames.RemoveAt(frames.Count - 1);
                    break;
                case JsonTokenType.PropertyName:
                    if (!IsValid(ref reader))
                    {
                        frames[^1].Name = Encoding.UTF8.GetString(reader.ValueSpan);
                        return Path(frames);
                    }
                    frames[^1].Name = reader.GetString();
                    break;
                case JsonTokenType.String:
                    Advance(frames);
                    if (!IsValid(ref reader)) return frames.Count == 0 ? "(the whole body)" : Path(frames);
                    break;
                default:
                    Advance(frames);
                    break;
            }
        }
        return null;
    }

    private static bool IsValid(ref Utf8JsonReader reader)
    {
        if (reader.HasValueSequence) return TryDecode(ref reader);
        if (!reader.ValueIsEscaped) return Utf8.IsValid(reader.ValueSpan);
        return TryDecode(ref reader);
    }

    private static bool TryDecode(ref Utf8JsonReader reader)
    {
        try
        {
            reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    // A value inside an array moves the array's index on; a value inside an object is named by the member before it.
    private static void Advance(List<Frame> frames)
    {
        if (frames.Count > 0 && frames[^1].IsArray) frames[^1].Index++;
    }

    private static string Path(List<Frame> frames)
    {
        var path = new StringBuilder();
        foreach (var frame in frames)
        {
            if (frame.IsArray) path.Append('[').Append(frame.Index).Append(']');
            else if (frame.Name is not null) path.Append(path.Length == 0 ? "" : ".").Append(frame.Name);
        }
        return path.ToString();
    }

    private sealed class Frame(bool isArray)
    {
        public bool IsArray { get; } = isArray;
        public int Index { get; set; } = -1;
        public string? Name { get; set; }
    }
}
