namespace LandMap.Core.Gazetteer;

/// <summary>
/// The tags of one way of a road network (OpenStreetMap), kept per line part of a road feature so the geocoder can
/// tell the street from its tunnels, elevated sections and slip roads: <c>highway</c>, <c>oneway</c>, <c>tunnel</c>,
/// <c>bridge</c>, <c>layer</c>, <c>junction</c>. Written as <c>properties.ways</c> in gazetteer GeoJSON.
/// </summary>
public sealed record RoadWay
{
    /// <summary>The source id (<c>way/123</c>); null when the data has none.</summary>
    public string? Id { get; init; }

    /// <summary>The OSM <c>highway</c> value (primary, tertiary_link…).</summary>
    public string? Highway { get; init; }

    /// <summary>The OSM <c>oneway</c> value (yes, -1, no).</summary>
    public string? Oneway { get; init; }

    /// <summary>The OSM <c>tunnel</c> value (yes, building_passage…).</summary>
    public string? Tunnel { get; init; }

    /// <summary>The OSM <c>bridge</c> value (yes, viaduct…).</summary>
    public string? Bridge { get; init; }

    /// <summary>The OSM <c>layer</c> value (-1, 1…).</summary>
    public string? Layer { get; init; }

    /// <summary>The OSM <c>junction</c> value (roundabout…).</summary>
    public string? Junction { get; init; }

    /// <summary>A tunnel or a bridge/elevated way: carries the road's name but is not the street beside the land.</summary>
    public bool IsStructure => Set(Tunnel) || Set(Bridge);

    /// <summary>A slip road (<c>highway=*_link</c>).</summary>
    public bool IsLink => Highway?.EndsWith("_link", StringComparison.Ordinal) == true;

    /// <summary>Traffic goes one way along the line (<c>oneway=yes/1/-1</c>).</summary>
    public bool IsOneway => Oneway is "yes" or "1" or "-1" or "true";

    /// <summary>The OSM tag names this record keeps, in the order they are written.</summary>
    public static readonly string[] TagNames = ["highway", "oneway", "tunnel", "bridge", "layer", "junction"];

    /// <summary>The record made of an element's tags (any of <see cref="TagNames"/> it has).</summary>
    public static RoadWay FromTags(string? id, Func<string, string?> tag) => new()
    {
        Id = id, Highway = tag("highway"), Oneway = tag("oneway"), Tunnel = tag("tunnel"), Bridge = tag("bridge"),
        Layer = tag("layer"), Junction = tag("junction"),
    };

    /// <summary>The value of one of <see cref="TagNames"/>.</summary>
    public string? Tag(string name) => name switch
    {
        "highway" => Highway, "oneway" => Oneway, "tunnel" => Tunnel, "bridge" => Bridge, "layer" => Layer, "junction" => Junction,
        _ => null,
    };

    private static bool Set(string? value) => value is not null && value != "no";
}
