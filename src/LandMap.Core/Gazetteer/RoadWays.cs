using NetTopologySuite.Geometries;

namespace LandMap.Core.Gazetteer;

/// <summary>Joins the ways of one road of a network (same name, kind and district) into one feature.</summary>
internal static class RoadWays
{
    /// <summary>
    /// <paramref name="earlier"/> and <paramref name="later"/> as one road (a MultiLineString, tags part by part) when both
    /// are network ways; null otherwise (then the later feature overrides the earlier, as between gazetteer files).
    /// </summary>
    public static GazetteerFeature? Join(GazetteerFeature earlier, GazetteerFeature later)
    {
        if (earlier.Ways is not { } a || later.Ways is not { } b
            || earlier.Geometry.Dimension != Dimension.Curve || later.Geometry.Dimension != Dimension.Curve)
        {
            return null;
        }

        var lines = Parts(earlier.Geometry).Concat(Parts(later.Geometry)).ToArray();
        return earlier with
        {
            Geometry = earlier.Geometry.Factory.CreateMultiLineString(lines),
            Ways = [.. a, .. b],
            Aliases = earlier.Aliases.Concat(later.Aliases).Distinct(StringComparer.Ordinal).ToList(),
        };
    }

    private static IEnumerable<LineString> Parts(Geometry g) =>
        Enumerable.Range(0, g.NumGeometries).Select(g.GetGeometryN).OfType<LineString>();
}
