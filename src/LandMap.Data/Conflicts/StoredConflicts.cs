using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using LandMap.Core.Conflicts;

namespace LandMap.Data.Conflicts;

/// <summary>The conflicts column as JSON: written by the store, read by every reader of a parcel or version.</summary>
public static class StoredConflicts
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The JSON stored for <paramref name="conflicts"/>.</summary>
    public static string Write(IReadOnlyList<LayerConflict> conflicts) => JsonSerializer.Serialize(conflicts, Options);

    /// <summary>The conflicts of a stored column; empty for null (never checked) or text that is not a conflicts array.</summary>
    public static IReadOnlyList<LayerConflict> Read(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return [];
        try
        {
            return JsonSerializer.Deserialize<List<LayerConflict>>(json, Options) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
