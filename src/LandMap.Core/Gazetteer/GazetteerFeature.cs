using NetTopologySuite.Geometries;

namespace LandMap.Core.Gazetteer;

/// <summary>What a gazetteer feature is; the <c>kind</c> property in the GeoJSON, in lower case.</summary>
public enum PlaceKind
{
    /// <summary>An administrative district (区).</summary>
    District,
    /// <summary>A road (路, 大道, 街), usually a centre line.</summary>
    Road,
    /// <summary>A railway or mine railway (铁路, 专用线).</summary>
    Railway,
    /// <summary>A river (河).</summary>
    River,
    /// <summary>A canal or channel (渠).</summary>
    Canal,
    /// <summary>A village (村), often a point.</summary>
    Village,
    /// <summary>A residential community (社区).</summary>
    Community,
    /// <summary>A named building, works or site (矿, 厂, 库).</summary>
    Landmark,
    /// <summary>A park or industrial park (园).</summary>
    Park,
    /// <summary>A boundary line (交界).</summary>
    Boundary,
}

/// <summary>
/// One named place with its reference geometry in WGS 84 (lon, lat), as loaded from a gazetteer
/// GeoJSON file by <see cref="GazetteerLoader"/>.
/// </summary>
public sealed record GazetteerFeature
{
    /// <summary>The canonical name (平郏东路).</summary>
    public required string Name { get; init; }

    /// <summary>Other names: former names (原许南路), OCR variants (东平郑路), short forms.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>What the place is.</summary>
    public required PlaceKind Kind { get; init; }

    /// <summary>The district as written (卫东区); null for features of the whole city.</summary>
    public string? District { get; init; }

    /// <summary>How far, in metres, the geometry may be from the real place; null when the file does not say.</summary>
    public double? PrecisionM { get; init; }

    /// <summary>Where the geometry came from (survey file, OSM, sketch from a map); null when not stated.</summary>
    public string? Source { get; init; }

    /// <summary>The geometry in WGS 84 lon/lat, valid and non-empty.</summary>
    public required Geometry Geometry { get; init; }

    /// <summary>The GeoJSON feature id, when the file gives one.</summary>
    public string? Id { get; init; }

    /// <summary>
    /// For a road network's way or ways (OpenStreetMap): the tags of each line part of <see cref="Geometry"/>, in order
    /// (one per LineString); null for features that are not network ways (a hand-drawn centre line).
    /// </summary>
    public IReadOnlyList<RoadWay>? Ways { get; init; }

    /// <summary>The file name (without folder) the feature was loaded from; null when built in code.</summary>
    public string? File { get; init; }

    /// <summary>The identity used for overrides: normalized name, kind, normalized district.</summary>
    public (string Name, PlaceKind Kind, string District) Key =>
        (PlaceNames.Normalize(Name), Kind, PlaceNames.Normalize(District ?? ""));

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Kind.ToString().ToLowerInvariant()}, {District ?? "city"})";
}
