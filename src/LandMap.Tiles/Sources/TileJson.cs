using System.Text.Json;
using System.Text.Json.Serialization;

namespace LandMap.Tiles.Sources;

/// <summary>
/// A tileset's description in TileJSON 3.0.0 (https://github.com/mapbox/tilejson-spec/tree/master/3.0.0),
/// serialised by System.Text.Json with the spec's snake_case names; fields that are null are left out.
/// Sources build it without <see cref="Tiles"/>; the server adds its own URL with <see cref="WithTiles"/>.
/// </summary>
public sealed record TileJson
{
    /// <summary>The TileJSON version this record writes.</summary>
    public const string SpecVersion = "3.0.0";

    /// <summary>Always <c>3.0.0</c>.</summary>
    [JsonPropertyName("tilejson")]
    public string TileJsonVersion { get; init; } = SpecVersion;

    /// <summary>Tile URL templates (<c>{z}/{x}/{y}</c>); empty until the server fills it in.</summary>
    [JsonPropertyName("tiles")]
    public IReadOnlyList<string> Tiles { get; init; } = [];

    /// <summary>The layers of the vector tiles and their fields.</summary>
    [JsonPropertyName("vector_layers")]
    public IReadOnlyList<TileJsonVectorLayer> VectorLayers { get; init; } = [];

    /// <summary>A name for people.</summary>
    [JsonPropertyName("name")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }

    /// <summary>A description for people.</summary>
    [JsonPropertyName("description")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Description { get; init; }

    /// <summary>An attribution to show with the map (may hold HTML).</summary>
    [JsonPropertyName("attribution")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Attribution { get; init; }

    /// <summary>The extent in WGS 84: west, south, east, north.</summary>
    [JsonPropertyName("bounds")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<double>? Bounds { get; init; }

    /// <summary>Where a map opens: longitude, latitude, zoom.</summary>
    [JsonPropertyName("center")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<double>? Center { get; init; }

    /// <summary>The lowest zoom with tiles (the spec's default is 0).</summary>
    [JsonPropertyName("minzoom")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MinZoom { get; init; }

    /// <summary>The highest zoom with tiles (the spec's default is 30).</summary>
    [JsonPropertyName("maxzoom")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MaxZoom { get; init; }

    /// <summary>Row order of the tile URLs: always <c>xyz</c> (north first), as LandMap serves them.</summary>
    [JsonPropertyName("scheme")]
    public string Scheme { get; init; } = "xyz";

    /// <summary>A copy whose <see cref="Tiles"/> is the single URL template <paramref name="url"/>.</summary>
    public TileJson WithTiles(string url)
    {
        ArgumentException.ThrowIfNullOrEmpty(url);
        return this with { Tiles = [url] };
    }

    /// <summary>True when <paramref name="zoom"/> lies within <see cref="MinZoom"/> (default 0) and <see cref="MaxZoom"/> (default 30).</summary>
    public bool CoversZoom(int zoom) => zoom >= (MinZoom ?? 0) && zoom <= (MaxZoom ?? 30);

    /// <summary>The JSON text of this TileJSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this);

    /// <summary>Reads TileJSON text; throws <see cref="JsonException"/> when it is not TileJSON.</summary>
    public static TileJson Parse(string json) =>
        JsonSerializer.Deserialize<TileJson>(json) ?? throw new JsonException("The TileJSON text is null.");
}

/// <summary>One entry of TileJSON's <c>vector_layers</c>.</summary>
public sealed record TileJsonVectorLayer
{
    /// <summary>The MVT layer name.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>Attribute name → a description of its type or meaning (e.g. <c>Number</c>, <c>String</c>).</summary>
    [JsonPropertyName("fields")]
    public IReadOnlyDictionary<string, string> Fields { get; init; } = new Dictionary<string, string>();

    /// <summary>A description for people.</summary>
    [JsonPropertyName("description")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Description { get; init; }

    /// <summary>The lowest zoom the layer appears at.</summary>
    [JsonPropertyName("minzoom")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MinZoom { get; init; }

    /// <summary>The highest zoom the layer appears at.</summary>
    [JsonPropertyName("maxzoom")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MaxZoom { get; init; }
}
