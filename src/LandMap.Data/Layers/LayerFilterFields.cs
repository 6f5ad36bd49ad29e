using System.Text.Json;
using LandMap.Core.Filtering;
using LandMap.Core.Layers;

namespace LandMap.Data.Layers;

/// <summary>
/// The properties a CQL2 filter may name on a layer's features: the layer's own fields, typed as they were imported, and
/// <c>geometry</c>. Only names of letters, digits and underscores are queryable (every 三调 and 三区三线 field, every DBF
/// name, Chinese field names of a File Geodatabase): a name with quotes, spaces or punctuation never reaches SQL, not even
/// as a JSON path, so the allow-list is also what makes the SQL safe (GeoServer CVE-2024-36401). Boolean and nested JSON
/// fields are not queryable: CQL2's boolean literals and JSON paths are not part of what LandMap evaluates.
/// </summary>
public static class LayerFilterFields
{
    /// <summary>The spatial property S_INTERSECTS tests: the feature's geometry in WGS 84.</summary>
    public const string Geometry = "geometry";

    private const int MaxNameLength = 64;

    /// <summary>Whether a filter may name <paramref name="field"/>.</summary>
    public static bool IsQueryable(LayerField field) => IsSafeName(field.Name) && field.Type is not ("boolean" or "json");

    /// <summary>Whether <paramref name="name"/> may be written into SQL as a JSON key: letters, digits, underscores.</summary>
    public static bool IsSafeName(string name) =>
        name.Length is > 0 and <= MaxNameLength && name != Geometry && name.All(c => char.IsLetterOrDigit(c) || c == '_');

    /// <summary>What a field compares with: integers and reals as numbers, everything else (dates too) as text.</summary>
    public static CqlType TypeOf(LayerField field) => field.Type switch
    {
        "integer" => CqlType.Integer,
        "real" => CqlType.Number,
        _ => CqlType.String,
    };

    /// <summary>The queryable fields of a layer as the parser takes them (name → type), <c>geometry</c> included.</summary>
    public static IReadOnlyDictionary<string, CqlType> Schema(IEnumerable<LayerField> fields)
    {
        var schema = new Dictionary<string, CqlType>(StringComparer.Ordinal);
        foreach (var field in fields.Where(IsQueryable)) schema.TryAdd(field.Name, TypeOf(field));
        schema[Geometry] = CqlType.Geometry;
        return schema;
    }

    /// <summary>
    /// A feature's values as a filter reads them in memory, agreeing with the SQL the stores write: each field keeps to its
    /// type, so a number field's text and a text field's numbers or booleans are null (SQLite and PostgreSQL would print
    /// such strays differently).
    /// </summary>
    public static Func<string, object?> Reader(StoredLayerFeature feature, IReadOnlyDictionary<string, CqlType> schema)
    {
        using var document = JsonDocument.Parse(feature.AttributesJson);
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (document.RootElement.ValueKind == JsonValueKind.Object)
            foreach (var property in document.RootElement.EnumerateObject())
                if (schema.TryGetValue(property.Name, out var type)) values[property.Name] = Value(property.Value, type);
        return name => name == Geometry ? feature.Geometry : values.GetValueOrDefault(name);
    }

    private static object? Value(JsonElement value, CqlType type) => (value.ValueKind, type) switch
    {
        (JsonValueKind.Number, CqlType.Integer or CqlType.Number) => value.GetDouble(),
        (_, CqlType.Integer or CqlType.Number) => null,
        (JsonValueKind.String, _) => value.GetString(),
        _ => null,
    };
}
