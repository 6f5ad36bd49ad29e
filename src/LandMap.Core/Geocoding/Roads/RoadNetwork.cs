using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using LandMap.Core.Crs;
using LandMap.Core.Gazetteer;

namespace LandMap.Core.Geocoding.Roads;

/// <summary>
/// The roads of a gazetteer read as a network: a road feature made of several ways (OpenStreetMap, a bureau's centre
/// lines, merged by name on import or in <see cref="GazetteerIndex"/>), or one that has a 辅路 ("X辅路" belongs to X for
/// sides and crossings), becomes a <see cref="RoadGeometry"/>. A hand-drawn road of one line stays as it is (null), so
/// the sketch gazetteer is read as before. Built once per road, gazetteer and metric plane.
/// </summary>
public static class RoadNetwork
{
    private const string SideRoadSuffix = "辅路";

    private static readonly ConditionalWeakTable<GazetteerIndex, ConcurrentDictionary<(GazetteerFeature, string, MetricPlane), RoadGeometry?>> Cache = new();

    /// <summary>The road <paramref name="feature"/> as a network road, or null when it is a single hand-drawn line.</summary>
    public static RoadGeometry? For(GazetteerIndex gazetteer, GazetteerFeature feature, string? district, MetricPlane plane)
    {
        if (feature.Kind != PlaceKind.Road || feature.Geometry.Dimension != NetTopologySuite.Geometries.Dimension.Curve) return null;
        var roads = Cache.GetValue(gazetteer, _ => new ConcurrentDictionary<(GazetteerFeature, string, MetricPlane), RoadGeometry?>(
            EqualityComparer<(GazetteerFeature, string, MetricPlane)>.Create(
                (a, b) => ReferenceEquals(a.Item1, b.Item1) && a.Item2 == b.Item2 && ReferenceEquals(a.Item3, b.Item3),
                k => HashCode.Combine(RuntimeHelpers.GetHashCode(k.Item1), k.Item2, RuntimeHelpers.GetHashCode(k.Item3)))));
        return roads.GetOrAdd((feature, district ?? "", plane), _ => Build(gazetteer, feature, district, plane));
    }

    private static readonly ConditionalWeakTable<GazetteerIndex, object> Networks = new();

    /// <summary>True when the gazetteer holds a road network's ways (<see cref="GazetteerFeature.Ways"/>); false for the sketch.</summary>
    public static bool HasNetwork(GazetteerIndex gazetteer) =>
        (bool)Networks.GetValue(gazetteer, g => g.Features.Any(f => f.Ways is not null));

    /// <summary>The 辅路 of a road ("惠新西街" → "惠新西街辅路"), when the gazetteer has it.</summary>
    public static GazetteerFeature? SideRoad(GazetteerIndex gazetteer, string roadName, string? district) =>
        roadName.EndsWith(SideRoadSuffix, StringComparison.Ordinal)
            ? null
            : gazetteer.Lookup(roadName + SideRoadSuffix, district).Select(h => h.Feature).FirstOrDefault(f => f.Kind == PlaceKind.Road);

    private static RoadGeometry? Build(GazetteerIndex gazetteer, GazetteerFeature feature, string? district, MetricPlane plane)
    {
        var side = SideRoad(gazetteer, feature.Name, district);
        if (feature.Ways is null && feature.Geometry.NumGeometries < 2 && side is null) return null;
        return RoadGeometry.Build(gazetteer.MetricGeometry(feature, plane), feature.Ways,
            side is null ? null : gazetteer.MetricGeometry(side, plane), side?.Ways);
    }
}
