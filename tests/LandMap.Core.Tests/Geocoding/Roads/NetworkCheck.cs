using LandMap.Core.Geocoding.Grammar;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;

namespace LandMap.Core.Tests.Geocoding.Roads;

/// <summary>
/// Checks a parcel (in <see cref="OsmNetwork"/>'s local plane) against the OSM ways themselves, without the geocoder's
/// regions: beyond every carriageway of a road on the stated side (where the two overlap), in a quadrant of a crossing,
/// inside a 四至 box, of the stated area, compact.
/// </summary>
internal static class NetworkCheck
{
    /// <summary>The parcel lies on <paramref name="side"/> of every carriageway of <paramref name="road"/> alongside it; null when it does, else why not.</summary>
    public static string? Beyond(Geometry parcel, string road, Compass side) => Beyond(parcel, road, side, OsmNetwork.Carriageways(road), false);

    private static string? Beyond(Geometry parcel, string road, Compass side, IReadOnlyList<(double X, double Y)> points, bool all)
    {
        var env = parcel.EnvelopeInternal;
        Assert.True(points.Count > 0, $"{road} is not in the extract");
        // The parcel lies north of a carriageway point when nothing of it is straight south of the point, and so on:
        // checked along the parcel's own edge, so a slanting road and a parcel clipped along it are read right.
        var (dx, dy) = side switch { Compass.North => (0, -1), Compass.South => (0, 1), Compass.East => (-1, 0), _ => (1, 0) };
        var across = side is Compass.North or Compass.South;
        var alongside = points.Where(p => all || (across ? p.X >= env.MinX && p.X <= env.MaxX : p.Y >= env.MinY && p.Y <= env.MaxY)).ToList();
        if (alongside.Count == 0) return $"no carriageway of {road} runs alongside the parcel";
        var wrong = alongside.Where(p => parcel.Intersects(parcel.Factory.CreateLineString(
            [new Coordinate(p.X, p.Y), new Coordinate(p.X + dx * 100_000, p.Y + dy * 100_000)]))).ToList();
        return wrong.Count == 0 ? null : $"{wrong.Count} of {alongside.Count} carriageway points of {road} are not {side} of the parcel, e.g. ({wrong[0].X:0.#}, {wrong[0].Y:0.#})";
    }

    /// <summary>The parcel covers no carriageway of any named street of the extract (bridges and tunnels pass over or under); null when it does not.</summary>
    public static string? OffTheStreets(Geometry parcel)
    {
        // Half a metre inside the edge: a parcel may touch a street, not take it.
        var inner = parcel.Buffer(-0.5);
        var env = parcel.EnvelopeInternal;
        var on = OsmNetwork.Ways.Value.Where(w => !w.Structure)
            .SelectMany(w => w.Points.Zip(w.Points.Skip(1), (a, b) => (w.Name, Line: parcel.Factory.CreateLineString([new Coordinate(a.X, a.Y), new Coordinate(b.X, b.Y)]))))
            .Where(x => x.Line.EnvelopeInternal.Intersects(env) && x.Line.Intersects(inner))
            .Select(x => x.Name)
            .Distinct()
            .ToList();
        return on.Count == 0 ? null : $"the parcel lies on {string.Join("、", on)}";
    }

    /// <summary>The distance from the parcel to the nearest carriageway of <paramref name="road"/>.</summary>
    public static double Distance(Geometry parcel, string road) =>
        OsmNetwork.Carriageways(road).Min(p => parcel.Distance(parcel.Factory.CreatePoint(new Coordinate(p.X, p.Y))));

    /// <summary>
    /// In the <paramref name="quadrant"/> of the crossing of <paramref name="a"/> and <paramref name="b"/>: beyond all
    /// carriageways of the road running east–west (north/south part) and of the one running north–south (east/west part).
    /// </summary>
    public static string? InQuadrant(Geometry parcel, string a, string b, Compass quadrant)
    {
        var (eastWest, northSouth) = RunsEastWest(a, b) ? (a, b) : (b, a);
        var (vertical, horizontal) = quadrant switch
        {
            Compass.NorthEast => (Compass.North, Compass.East),
            Compass.NorthWest => (Compass.North, Compass.West),
            Compass.SouthEast => (Compass.South, Compass.East),
            _ => (Compass.South, Compass.West),
        };
        return AtJunction(parcel, eastWest, northSouth, vertical) ?? AtJunction(parcel, northSouth, eastWest, horizontal);
    }

    // Beyond the road's carriageways alongside the parcel; at a T-junction, where the road ends at the other and does not
    // run alongside, beyond its carriageways at the junction (the corner is still on that side of it).
    private static string? AtJunction(Geometry parcel, string road, string other, Compass side)
    {
        var points = OsmNetwork.Carriageways(road);
        var why = Beyond(parcel, road, side, points, false);
        if (why is null || !why.StartsWith("no carriageway", StringComparison.Ordinal)) return why;
        var crossing = OsmNetwork.Carriageways(other);
        var near = points.Where(p => crossing.Any(q => Math.Abs(q.X - p.X) + Math.Abs(q.Y - p.Y) < 80)).ToList();
        return near.Count == 0 ? why : Beyond(parcel, road, side, near, true);
    }

    /// <summary>Inside the box the roads make (any side may be null).</summary>
    public static string? InBox(Geometry parcel, string? west, string? east, string? south, string? north) =>
        (west is null ? null : Beyond(parcel, west, Compass.East))
        ?? (east is null ? null : Beyond(parcel, east, Compass.West))
        ?? (south is null ? null : Beyond(parcel, south, Compass.North))
        ?? (north is null ? null : Beyond(parcel, north, Compass.South));

    /// <summary>The area in 亩 (local plane).</summary>
    public static double AreaMu(Geometry parcel) => parcel.Area / (10000.0 / 15);

    /// <summary>Width over length of the smallest rectangle around the parcel.</summary>
    public static double Compactness(Geometry parcel)
    {
        var box = (Polygon)MinimumAreaRectangle.GetMinimumRectangle(parcel);
        var c = box.ExteriorRing.Coordinates;
        var (s1, s2) = (c[0].Distance(c[1]), c[1].Distance(c[2]));
        return Math.Min(s1, s2) / Math.Max(s1, s2);
    }

    // Of two crossing roads, the one whose carriageways near the crossing spread more east–west than north–south.
    private static bool RunsEastWest(string a, string b)
    {
        var pa = OsmNetwork.Carriageways(a);
        var pb = OsmNetwork.Carriageways(b);
        var near = pa.Where(p => pb.Any(q => Math.Abs(q.X - p.X) + Math.Abs(q.Y - p.Y) < 200)).ToList();
        if (near.Count < 2) near = pa.ToList();
        return near.Max(p => p.X) - near.Min(p => p.X) >= near.Max(p => p.Y) - near.Min(p => p.Y);
    }
}
