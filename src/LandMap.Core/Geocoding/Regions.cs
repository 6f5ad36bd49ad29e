using LandMap.Core.Geocoding.Grammar;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Distance;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace LandMap.Core.Geocoding;

/// <summary>
/// Regions the location grammar describes, in the metres of a district's <see cref="Crs.MetricPlane"/>: the land on one side of a line, a road
/// section, the quadrant at a crossing. A side region is the band swept from the line towards the side
/// (north of a road = the road moved north by the depth), which follows the road's bends; GeometryFixer
/// repairs the band where a bend folds it back (keeping both halves, unlike Buffer(0)).
/// Results are made by the factory of the input geometry, so they carry its plane's SRID.
/// </summary>
public static class Regions
{
    /// <summary>The land within <paramref name="depthM"/> of <paramref name="line"/> on side <paramref name="side"/>.</summary>
    public static Geometry Side(Geometry line, Compass side, double depthM)
    {
        var (dx, dy) = Directions.Vector(side);
        var parts = new List<Geometry>();
        foreach (var part in LineParts(line))
        {
            var coords = part.Coordinates;
            var ring = new List<Coordinate>(coords.Length * 2 + 1);
            ring.AddRange(coords.Select(c => new Coordinate(c.X, c.Y)));
            ring.AddRange(coords.Reverse().Select(c => new Coordinate(c.X + dx * depthM, c.Y + dy * depthM)));
            ring.Add(new Coordinate(coords[0].X, coords[0].Y));
            // A band along a stretch that never turns back across the side's direction is valid (every line in that
            // direction crosses the stretch once); only a bend that folds it back may need repair.
            var band = line.Factory.CreatePolygon(ring.ToArray());
            parts.Add(Monotone(coords, dx, dy) || band.IsValid ? band : GeometryFixer.Fix(band));
        }
        return parts.Count == 1 ? parts[0] : UnionAll(parts);
    }

    // Strictly monotone across (dx, dy): each vertex further along the perpendicular of the side's direction.
    private static bool Monotone(Coordinate[] coords, double dx, double dy)
    {
        if (coords.Length < 2) return false;
        var sign = 0;
        for (var i = 0; i + 1 < coords.Length; i++)
        {
            var step = (coords[i + 1].X - coords[i].X) * -dy + (coords[i + 1].Y - coords[i].Y) * dx;
            var s = Math.Sign(step);
            if (s == 0 || (sign != 0 && s != sign)) return false;
            sign = s;
        }
        return true;
    }

    /// <summary>
    /// The part of a line a section word names: 东段 is the eastern third of its extent inside
    /// <paramref name="within"/> (the district), 中段 the middle third, and so on.
    /// </summary>
    public static Geometry Section(Geometry line, RoadSection section, Geometry within)
    {
        var inside = Intersect(line, within);
        if (inside.IsEmpty || inside.Length < line.Length * 0.05) inside = line;
        var env = inside.EnvelopeInternal;
        var (lo, hi) = section switch
        {
            RoadSection.West => (env.MinX, env.MinX + env.Width / 3),
            RoadSection.Middle => (env.MinX + env.Width / 3, env.MinX + env.Width * 2 / 3),
            RoadSection.East => (env.MaxX - env.Width / 3, env.MaxX),
            RoadSection.South => (env.MinY, env.MinY + env.Height / 3),
            _ => (env.MaxY - env.Height / 3, env.MaxY),
        };
        var box = section is RoadSection.West or RoadSection.Middle or RoadSection.East
            ? new Envelope(lo, hi, env.MinY - 1, env.MaxY + 1)
            : new Envelope(env.MinX - 1, env.MaxX + 1, lo, hi);
        var clipped = Intersect(inside, inside.Factory.ToGeometry(box));
        return clipped.IsEmpty ? inside : clipped;
    }

    /// <summary>The points where two lines cross; when they do not, the closest pair's midpoint and the gap.</summary>
    public static (Point Point, double GapM) Crossing(Geometry a, Geometry b)
    {
        var crossing = Intersect(a, b);
        if (!crossing.IsEmpty) return (a.Factory.CreatePoint(crossing.Coordinates[0]), 0);
        var closest = DistanceOp.NearestPoints(a, b);
        var mid = new Coordinate((closest[0].X + closest[1].X) / 2, (closest[0].Y + closest[1].Y) / 2);
        return (a.Factory.CreatePoint(mid), closest[0].Distance(closest[1]));
    }

    /// <summary>
    /// The unit direction of <paramref name="line"/> near <paramref name="at"/>, where a corner parcel extends towards
    /// <paramref name="towards"/>: when <paramref name="at"/> is a vertex (a crossing usually is), the segment on that side of
    /// it, not whichever of the two floating-point rounding makes a hair closer — a 0.2 m change of a road otherwise
    /// turned a corner parcel by the bend's angle.
    /// </summary>
    public static (double X, double Y) DirectionNear(Geometry line, Coordinate at, (double X, double Y) towards)
    {
        const double TieM = 0.5;
        var nearest = LineParts(line).SelectMany(part => Segments(part.Coordinates)).Where(s => s.Length > 0).Select(s => (Segment: s, Distance: s.Distance(at))).ToList();
        if (nearest.Count == 0) return (1, 0);
        var closest = nearest.Min(x => x.Distance);
        var chosen = nearest.Where(x => x.Distance <= closest + TieM)
            .MaxBy(x => (x.Segment.MidPoint.X - at.X) * towards.X + (x.Segment.MidPoint.Y - at.Y) * towards.Y).Segment;
        return ((chosen.P1.X - chosen.P0.X) / chosen.Length, (chosen.P1.Y - chosen.P0.Y) / chosen.Length);
    }

    private static IEnumerable<LineSegment> Segments(Coordinate[] c)
    {
        for (var i = 0; i + 1 < c.Length; i++) yield return new LineSegment(c[i], c[i + 1]);
    }

    /// <summary>The unit direction of <paramref name="line"/> near <paramref name="at"/> (the segment closest to it).</summary>
    public static (double X, double Y) DirectionNear(Geometry line, Coordinate at)
    {
        (double, double) best = (1, 0);
        var bestDistance = double.MaxValue;
        foreach (var part in LineParts(line))
        {
            var c = part.Coordinates;
            for (var i = 0; i + 1 < c.Length; i++)
            {
                var segment = new LineSegment(c[i], c[i + 1]);
                var d = segment.Distance(at);
                if (d >= bestDistance || segment.Length == 0) continue;
                bestDistance = d;
                best = ((c[i + 1].X - c[i].X) / segment.Length, (c[i + 1].Y - c[i].Y) / segment.Length);
            }
        }
        return best;
    }

    /// <summary>
    /// <paramref name="line"/> (clipped to within <paramref name="reach"/> of the crossing <paramref name="at"/>), carried on
    /// straight through the crossing where it stops there: at a T-junction the road that ends still divides the corners on
    /// the far side ("八矿路与平安大道交叉口东南角" when 八矿路 ends at 平安大道), so its sides must reach past it.
    /// </summary>
    public static Geometry ThroughCrossing(Geometry line, Coordinate at, double reach)
    {
        var disk = (Polygon)Disk(at, reach, line.Factory);
        var near = line is LineString one && RectangleClip.Intersection(disk, one) is { } run ? run : Intersect(line, disk);
        if (near.IsEmpty) near = line;
        var (dx, dy) = DirectionNear(near, at);
        var along = near.Coordinates.Select(c => (c.X - at.X) * dx + (c.Y - at.Y) * dy).ToList();
        var parts = LineParts(near).Cast<Geometry>().ToList();
        if (along.Max() < reach / 2) parts.Add(line.Factory.CreateLineString([new(at.X, at.Y), new(at.X + dx * reach, at.Y + dy * reach)]));
        if (along.Min() > -reach / 2) parts.Add(line.Factory.CreateLineString([new(at.X, at.Y), new(at.X - dx * reach, at.Y - dy * reach)]));
        return parts.Count == 1 ? parts[0] : line.Factory.BuildGeometry(parts);
    }

    /// <summary>True when the line runs more east–west than north–south near <paramref name="at"/>.</summary>
    public static bool RunsEastWest(Geometry line, Coordinate at)
    {
        var (x, y) = DirectionNear(line, at);
        return Math.Abs(x) >= Math.Abs(y);
    }

    /// <summary>The point of <paramref name="line"/> halfway along its length.</summary>
    public static Coordinate Midpoint(Geometry line)
    {
        var parts = LineParts(line).ToList();
        var longest = parts.Count > 0 ? parts.MaxBy(p => p.Length)! : null;
        if (longest is null) return line.Centroid.Coordinate;
        return new NetTopologySuite.LinearReferencing.LengthIndexedLine(longest).ExtractPoint(longest.Length / 2);
    }

    /// <summary>A disk of radius <paramref name="radiusM"/> around <paramref name="at"/>, made by <paramref name="plane"/>.</summary>
    /// <remarks>
    /// The polygon <c>point.Buffer(radius, 16)</c> gives, vertex for vertex (the 64 points NTS's OffsetSegmentGenerator
    /// puts on the circle: from due east, clockwise), made directly: the buffer's noding and graph cost more than the
    /// rest of a disk's use.
    /// </remarks>
    public static Geometry Disk(Coordinate at, double radiusM, GeometryFactory plane)
    {
        // Below a metre (never asked for) points may coincide as the buffer merges them: leave those to it.
        if (!(radiusM >= 1)) return plane.CreatePoint(at).Buffer(radiusM, DiskQuadrantSegments);
        var ring = new List<Coordinate>(UnitCircle.Length + 1) { new(at.X + radiusM, at.Y) };
        foreach (var (cos, sin) in UnitCircle)
        {
            var point = new Coordinate(at.X + radiusM * cos, at.Y + radiusM * sin);
            if (!point.Equals2D(ring[^1])) ring.Add(point);
        }
        if (!ring[^1].Equals2D(ring[0])) ring.Add(ring[0].Copy());
        return plane.CreatePolygon(ring.ToArray());
    }

    private const int DiskQuadrantSegments = 16;

    // The disk's directions, from due east clockwise: the same cosines and sines every disk computed for itself.
    private static readonly (double Cos, double Sin)[] UnitCircle = Enumerable.Range(0, 4 * DiskQuadrantSegments)
        .Select(i => -i * (2 * Math.PI / (4 * DiskQuadrantSegments))).Select(angle => (Math.Cos(angle), Math.Sin(angle))).ToArray();

    /// <summary>The polygons of a geometry (a MultiPolygon's parts: 一站 and 二站台 apart).</summary>
    public static IEnumerable<Polygon> PolygonParts(Geometry geometry)
    {
        for (var i = 0; i < geometry.NumGeometries; i++)
            if (geometry.GetGeometryN(i) is Polygon p) yield return p;
    }

    /// <summary>The lines of a geometry: its LineStrings, or the rings of its polygons.</summary>
    public static IEnumerable<LineString> LineParts(Geometry geometry)
    {
        for (var i = 0; i < geometry.NumGeometries; i++)
        {
            switch (geometry.GetGeometryN(i))
            {
                case LineString l when l.NumPoints >= 2:
                    yield return l;
                    break;
                case Polygon p:
                    yield return p.ExteriorRing;
                    break;
            }
        }
    }

    /// <summary>
    /// Intersection: a convex polygon's one piece of another polygon, or of each part of a multipolygon, by clipping
    /// (<see cref="RectangleClip.Intersection(Polygon, Polygon)"/>), anything else with OverlayNG and its snapping fallbacks (the legacy overlay throws on near-coincident edges).
    /// </summary>
    public static Geometry Intersect(Geometry a, Geometry b) => (a, b) switch
    {
        // A disk or a rectangle over a region (a village's disk on a road's band, a parcel on its free land) is most often
        // one piece of the other: clipped without an overlay (RectangleClip.Intersection says when).
        (Polygon pa, Polygon pb) when (RectangleClip.Intersection(pb, pa) ?? RectangleClip.Intersection(pa, pb)) is { } piece => piece,
        // A free region in parts (split by earlier parcels): one piece of each part the rectangle reaches.
        (Polygon convex, MultiPolygon parts) when PieceOfEachPart(convex, parts) is { } pieces => pieces,
        (MultiPolygon parts, Polygon convex) when PieceOfEachPart(convex, parts) is { } pieces => pieces,
        _ => OverlayNGRobust.Overlay(Homogeneous(a), Homogeneous(b), SpatialFunction.Intersection),
    };

    // The parts of a valid multipolygon (an overlay's result: parts disjoint but for points) within a convex polygon, each
    // clipped to one piece, so the pieces are disjoint too; null when a part reached cannot be answered so, or none is
    // reached (the overlay answers then).
    internal static Geometry? PieceOfEachPart(Polygon convex, MultiPolygon parts)
    {
        var reach = convex.EnvelopeInternal;
        var pieces = new List<Polygon>(parts.NumGeometries);
        for (var i = 0; i < parts.NumGeometries; i++)
        {
            var part = (Polygon)parts.GetGeometryN(i);
            if (!part.EnvelopeInternal.Intersects(reach)) continue;
            if (RectangleClip.Intersection(convex, part) is not { } piece) return null;
            pieces.Add(piece);
        }
        return pieces.Count switch
        {
            0 => null,
            1 => pieces[0],
            _ => convex.Factory.CreateMultiPolygon([.. pieces]),
        };
    }

    /// <summary>Difference with OverlayNG (see <see cref="Intersect"/>).</summary>
    public static Geometry Subtract(Geometry a, Geometry b) => OverlayNGRobust.Overlay(Homogeneous(a), Homogeneous(b), SpatialFunction.Difference);

    /// <summary>Union of many geometries with OverlayNG: the parts of the highest dimension among them.</summary>
    public static Geometry UnionAll(IEnumerable<Geometry> geometries)
    {
        var list = geometries.ToList();
        var factory = list.Count > 0 ? list[0].Factory : Crs.MetricPlane.Gk114.Factory;
        return OverlayNGRobust.Union(Homogeneous(factory.BuildGeometry(list)));
    }

    /// <summary>
    /// A GeometryCollection mixing dimensions (a region that collapsed to a line along one side, an entry's point beside
    /// others' polygons) reduced to its parts of the highest dimension: OverlayNG refuses mixed input ("Overlay input is
    /// mixed-dimension"), and a region is the area it encloses.
    /// </summary>
    internal static Geometry Homogeneous(Geometry geometry)
    {
        if (geometry is not GeometryCollection collection || geometry is MultiPoint or MultiLineString or MultiPolygon) return geometry;
        var parts = Enumerable.Range(0, collection.NumGeometries).SelectMany(i => Flatten(collection.GetGeometryN(i))).Where(g => !g.IsEmpty).ToList();
        if (parts.Count == 0) return geometry.Factory.CreatePolygon();
        var dimension = parts.Max(g => (int)g.Dimension);
        return geometry.Factory.BuildGeometry(parts.Where(g => (int)g.Dimension == dimension).ToList());
    }

    private static IEnumerable<Geometry> Flatten(Geometry geometry) => geometry is GeometryCollection nested
        ? Enumerable.Range(0, nested.NumGeometries).SelectMany(i => Flatten(nested.GetGeometryN(i)))
        : [geometry];
}
