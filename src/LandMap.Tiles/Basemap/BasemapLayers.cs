using LandMap.Core.Gazetteer;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;

namespace LandMap.Tiles.Basemap;

/// <summary>
/// Which basemap layer a gazetteer feature goes to and from which zoom it is drawn. The layer names
/// (districts, roads, railways, water, places, landmarks) and attributes (name, kind, class, district)
/// are the contract of <c>tiles/style.json</c> and the web page.
/// </summary>
public static class BasemapLayers
{
    /// <summary>The layer names in drawing order, bottom first.</summary>
    public static readonly IReadOnlyList<string> Names = ["districts", "water", "landmarks", "railways", "roads", "places"];

    /// <summary>The layer and first zoom of <paramref name="feature"/>.</summary>
    public static (string Layer, int MinZoom) Placement(GazetteerFeature feature) => feature.Kind switch
    {
        PlaceKind.District or PlaceKind.Boundary => ("districts", 0),
        PlaceKind.River => ("water", 0),
        PlaceKind.Canal => ("water", 12),
        PlaceKind.Railway => ("railways", 11),
        PlaceKind.Road => ("roads", IsMajorRoad(feature) ? 0 : 12),
        PlaceKind.Park => ("landmarks", 12),
        PlaceKind.Landmark => ("landmarks", 14),
        // Villages crowd the map below z13; communities likewise.
        _ => ("places", 13),
    };

    /// <summary>The MVT features of <paramref name="feature"/>: its geometry, plus a label point in places for a district.</summary>
    public static IEnumerable<(string Layer, int MinZoom, IFeature Feature)> Features(GazetteerFeature feature)
    {
        var (layer, minZoom) = Placement(feature);
        var attributes = new AttributesTable
        {
            { "name", feature.Name },
            { "kind", feature.Kind.ToString().ToLowerInvariant() },
            { "class", feature.Kind == PlaceKind.Road ? (IsMajorRoad(feature) ? "major" : "minor") : feature.Kind.ToString().ToLowerInvariant() },
            { "district", feature.District ?? "" },
        };
        yield return (layer, minZoom, new Feature(feature.Geometry, attributes));
        // A polygon labelled per tile repeats its label on every tile: one label point labels it once.
        if (feature.Geometry is Polygon or MultiPolygon)
        {
            var label = new AttributesTable(attributes.GetNames().Select(n => new KeyValuePair<string, object>(n, attributes[n]))) { { "labelOnly", true } };
            yield return (feature.Kind == PlaceKind.District ? "places" : layer, minZoom, new Feature(InteriorPoint(feature.Geometry), label));
        }
    }

    private static bool IsMajorRoad(GazetteerFeature road) =>
        road.Name.EndsWith("大道", StringComparison.Ordinal) || road.Name.Contains("高速", StringComparison.Ordinal) || road.Name.Contains("国道", StringComparison.Ordinal);

    private static Point InteriorPoint(Geometry geometry) =>
        geometry is MultiPolygon multi
            ? Enumerable.Range(0, multi.NumGeometries).Select(multi.GetGeometryN).MaxBy(g => g.Area)!.InteriorPoint
            : geometry.InteriorPoint;
}
