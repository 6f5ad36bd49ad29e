using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;

namespace LandMap.Tiles.Vector;

/// <summary>
/// A feature whose attributes are a JSON object as stored (a layer feature's <c>attributes</c>). <see cref="MvtEncoder"/>
/// writes them straight from the JSON into the tile's key and value tables; <see cref="Attributes"/> parses them into a
/// table only when someone asks. Values: strings as text, numbers as double (whole or not, so a field has one type in
/// every feature, as layer tiles have always carried them), true/false as bool, objects and arrays as their JSON text; nulls are left out (MVT has none); of a repeated name
/// the first counts.
/// </summary>
public sealed class JsonAttributesFeature : IFeature
{
    private IAttributesTable? _attributes;

    /// <summary>A feature of <paramref name="geometry"/> (WGS 84) with the JSON object <paramref name="attributesJson"/>.</summary>
    public JsonAttributesFeature(Geometry geometry, string attributesJson)
    {
        ArgumentNullException.ThrowIfNull(attributesJson);
        Geometry = geometry;
        AttributesJson = attributesJson;
    }

    /// <summary>The attributes as stored: one JSON object.</summary>
    public string AttributesJson { get; }

    /// <inheritdoc />
    public Geometry Geometry { get; set; }

    /// <inheritdoc />
    public Envelope? BoundingBox { get; set; }

    /// <inheritdoc />
    public IAttributesTable Attributes
    {
        get => _attributes ??= Parse(AttributesJson);
        set
        {
            _attributes = value;
            AttributesReplaced = true;
        }
    }

    /// <summary>True when <see cref="Attributes"/> was set, so the JSON no longer says what the feature carries.</summary>
    internal bool AttributesReplaced { get; private set; }

    /// <summary>The JSON object's members as attribute values (see the class summary).</summary>
    internal static AttributesTable Parse(string json)
    {
        var table = new AttributesTable();
        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            object? value = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Number => property.Value.GetDouble(),
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => property.Value.GetRawText(),
            };
            if (value is not null && !table.Exists(property.Name)) table.Add(property.Name, value);
        }
        return table;
    }
}
