using LandMap.Core.Gazetteer;
using LandMap.Core.Geocoding.Grammar;
using NetTopologySuite.Densify;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Distance;
using NetTopologySuite.Simplify;

namespace LandMap.Core.Geocoding.Roads;

/// <summary>
/// A road of a real network as the geocoder reads it, in the geocoder's metric plane: its carriageways (the street's
/// ways and its 辅路, without tunnels, bridges and slip roads unless the road is nothing else), its axis (the middle
/// line between paired one-way carriageways), and its corridor (the land the carriageways and the strips between them
/// take). Sides are measured from the axis and start beyond the corridor, so land "north of" a dual carriageway lies
/// north of all of its carriageways.
/// </summary>
public sealed class RoadGeometry
{
    // Carriageways this far apart or less (dual carriageways are 20–60 m apart, a 辅路 a little more) form one corridor.
    private const double CloseM = 50;

    // The corridor reaches this far beyond the outermost carriageway: half a lane.
    private const double MarginM = 4;

    // Two carriageways pair into one axis when 4–70 m apart, side by side (not one continuing the other).
    private const double MinPairM = 4, MaxPairM = 70;

    private RoadGeometry(Geometry carriageways, Geometry axis, Geometry corridor)
    {
        Carriageways = carriageways;
        Axis = axis;
        Corridor = corridor;
    }

    /// <summary>The lines traffic uses beside the land: the street's ways and its 辅路 (MultiLineString).</summary>
    public Geometry Carriageways { get; }

    /// <summary>The road's middle line: paired one-way carriageways drawn halfway towards each other.</summary>
    public Geometry Axis { get; }

    /// <summary>The area the carriageways and what lies between them take (a polygon around all of them).</summary>
    public Geometry Corridor { get; }

    /// <summary>
    /// The road made of <paramref name="metric"/> (a road feature's lines, tags per part in <paramref name="ways"/> or
    /// none) and its 辅路 (<paramref name="sideRoads"/>, a feature named "…辅路", or null).
    /// </summary>
    public static RoadGeometry Build(Geometry metric, IReadOnlyList<RoadWay>? ways, Geometry? sideRoads = null, IReadOnlyList<RoadWay>? sideWays = null)
    {
        var main = Street(metric, ways);
        var side = sideRoads is null ? [] : Street(sideRoads, sideWays);
        var factory = metric.Factory;
        var carriageways = factory.CreateMultiLineString([.. main.Select(m => m.Line), .. side.Select(s => s.Line)]);
        var axis = factory.CreateMultiLineString(main.Select((m, i) => Middle(m, main, i)).ToArray());
        var corridor = carriageways.Buffer(CloseM, 4).Buffer(MarginM - CloseM, 4);
        if (corridor.IsEmpty) corridor = carriageways.Buffer(MarginM, 4);
        // Half a metre of simplification: every region made from the corridor is cheaper to cut, at no visible cost.
        corridor = TopologyPreservingSimplifier.Simplify(corridor, 0.5);
        return new RoadGeometry(carriageways, axis, corridor);
    }

    /// <summary>The land on <paramref name="side"/> of the road (of <paramref name="axisPart"/>, a section of the axis), up to <paramref name="depthM"/> from the axis, beyond the corridor.</summary>
    public Geometry Side(Compass side, double depthM, Geometry? axisPart = null) =>
        Regions.Subtract(Regions.Side(axisPart ?? Axis, side, depthM), Corridor);

    /// <summary>The point where the corridor ends, going from <paramref name="at"/> (on the axis) towards <paramref name="away"/>.</summary>
    public Coordinate Edge(Coordinate at, (double X, double Y) away)
    {
        var factory = Corridor.Factory;
        var ray = factory.CreateLineString([at.Copy(), new Coordinate(at.X + away.X * CloseM * 3, at.Y + away.Y * CloseM * 3)]);
        var outside = Regions.Subtract(ray, Corridor);
        if (outside.IsEmpty) return ray.Coordinates[1];
        // The first point of the ray outside the corridor: the start of the outside part nearest the axis.
        return outside.Coordinates.MinBy(c => c.Distance(at))!.Copy();
    }

    /// <summary>
    /// The axis near a junction centre <paramref name="at"/>, carried on straight from its point nearest the junction where
    /// it stops there (<see cref="Regions.ThroughCrossing"/>): at a T, a gap or the edge of the data its sides and its
    /// width still divide the corners.
    /// </summary>
    public Geometry Through(Coordinate at, double reach) =>
        Regions.ThroughCrossing(Axis, DistanceOp.NearestPoints(Axis, Axis.Factory.CreatePoint(at))[0], reach);

    /// <summary>How far the corridor reaches from the axis near <paramref name="at"/>, on its wider side.</summary>
    public double HalfWidth(Coordinate at)
    {
        var onAxis = DistanceOp.NearestPoints(Axis, Axis.Factory.CreatePoint(at))[0];
        var (x, y) = Regions.DirectionNear(Axis, onAxis);
        return Math.Max(Edge(onAxis, (-y, x)).Distance(onAxis), Edge(onAxis, (y, -x)).Distance(onAxis));
    }

    /// <summary>
    /// Where two roads meet: the area their corridors share (all carriageways), its centre, and 0; when the corridors do
    /// not meet (a gap at the junction), the gap between their nearest points and its length.
    /// </summary>
    public static (Geometry Area, Coordinate Centre, double GapM) Junction(RoadGeometry a, RoadGeometry b)
    {
        var shared = Regions.Intersect(a.Corridor, b.Corridor);
        if (!shared.IsEmpty)
        {
            // Two roads may meet more than once; the junction is the meeting nearest where the axes cross.
            var (crossing, _) = Regions.Crossing(a.Axis, b.Axis);
            var area = Regions.PolygonParts(shared).OrderBy(p => p.Distance(crossing)).FirstOrDefault() ?? shared;
            return (area, area.Centroid.Coordinate, 0);
        }
        var nearest = DistanceOp.NearestPoints(a.Corridor, b.Corridor);
        var gap = a.Corridor.Factory.CreateLineString([nearest[0], nearest[1]]);
        return (gap.Buffer(MarginM, 8), gap.Centroid.Coordinate, nearest[0].Distance(nearest[1]));
    }

    // The street's parts: without tunnels, bridges (elevated roads) and slip roads, unless the road is nothing else.
    private static List<(LineString Line, bool Oneway)> Street(Geometry lines, IReadOnlyList<RoadWay>? ways)
    {
        var parts = Enumerable.Range(0, lines.NumGeometries)
            .Select(i => (Line: lines.GetGeometryN(i) as LineString, Way: ways is not null && i < ways.Count ? ways[i] : null))
            .Where(p => p.Line is { NumPoints: >= 2 } && p.Line.Length > 0)
            .Select(p => (Line: p.Line!, p.Way))
            .ToList();
        var street = parts.Where(p => p.Way is null || !(p.Way.IsStructure || p.Way.IsLink)).ToList();
        return (street.Count > 0 ? street : parts).Select(p => (p.Line, p.Way?.IsOneway ?? false)).ToList();
    }

    // One carriageway drawn halfway towards the carriageway beside it (the other direction of a dual carriageway).
    private static LineString Middle((LineString Line, bool Oneway) part, List<(LineString Line, bool Oneway)> all, int index)
    {
        var dense = (LineString)Densifier.Densify(part.Line, 10);
        var vertices = dense.Coordinates;
        var coordinates = vertices.Select((c, k) =>
        {
            var along = Tangent(vertices, k);
            Coordinate? partner = null;
            var best = MaxPairM;
            for (var j = 0; j < all.Count; j++)
            {
                if (j == index || all[j].Line.EnvelopeInternal.Distance(new Envelope(c)) > best) continue;
                var q = DistanceOp.NearestPoints(all[j].Line, dense.Factory.CreatePoint(c))[0];
                var d = q.Distance(c);
                if (d < MinPairM || d > best) continue;
                var other = Direction(all[j].Line, q);
                var dot = along.X * other.X + along.Y * other.Y;
                // Side by side (the offset runs across the road), parallel, and the other way when both are one-way.
                var lateral = Math.Abs(((q.X - c.X) * along.X + (q.Y - c.Y) * along.Y) / d) < 0.5;
                if (!lateral || Math.Abs(dot) < 0.9 || (part.Oneway && all[j].Oneway && dot > 0)) continue;
                best = d;
                partner = q;
            }
            return partner is null ? c.Copy() : new Coordinate((c.X + partner.X) / 2, (c.Y + partner.Y) / 2);
        }).ToArray();
        var middle = dense.Factory.CreateLineString(coordinates);
        return DouglasPeuckerSimplifier.Simplify(middle, 1) as LineString ?? middle;
    }

    private static (double X, double Y) Direction(Geometry line, Coordinate at) => Regions.DirectionNear(line, at);

    // The unit direction of a line at its k-th vertex (from the vertex before to the one after).
    private static (double X, double Y) Tangent(Coordinate[] c, int k)
    {
        var (a, b) = (c[Math.Max(0, k - 1)], c[Math.Min(c.Length - 1, k + 1)]);
        var length = a.Distance(b);
        return length == 0 ? (1, 0) : ((b.X - a.X) / length, (b.Y - a.Y) / length);
    }
}
