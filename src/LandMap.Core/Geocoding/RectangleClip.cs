using NetTopologySuite.Geometries;

namespace LandMap.Core.Geocoding;

/// <summary>
/// Clipping to a convex polygon without an overlay (Sutherland–Hodgman, Cyrus–Beck for lines): a region's area inside a
/// placer's rectangle (<see cref="SinglePieceArea"/>, one piece only, as the placer wants the piece nearest its anchor)
/// or a parcel (<see cref="Area"/>, every piece, for a check's share), and a polygon's or a line's one piece inside a
/// disk or a rectangle (<see cref="Intersection(Polygon, Polygon)"/>). Each returns null where it cannot answer as the
/// overlay would; the caller overlays then.
/// </summary>
/// <remarks>
/// A vertex on the quadrilateral's edge to the last bits (a neighbour's front corner on the same frontage) counts as on
/// it: the boundary enters where it goes from there into the quadrilateral shrunk by half a millimetre, and what lies
/// between is a sliver the placer does not take for a piece either. A vertex nearer the edge than a millimetre but
/// not on it may cut a sliver the placer would take; those are left to the overlay.
/// </remarks>
internal static class RectangleClip
{
    // The two vertex lists Sutherland–Hodgman passes between, kept per thread: the placer clips ~20 times an entry, and
    // growing new lists to a region's vertex count each time was a twentieth of the geocoder's allocations.
    [ThreadStatic] private static (List<(double X, double Y)>, List<(double X, double Y)>)? _buffers;

    private static (List<(double X, double Y)> Current, List<(double X, double Y)> Next) Buffers => _buffers ??= ([], []);

    // A vertex this close to an edge of the quadrilateral (metres), but not on it, leaves the area to the overlay.
    private const double NearM = 1e-3;

    // A vertex this close to an edge's line is on it: the sliver it leaves is under the placer's sliver share.
    private const double OnM = 1e-7;

    // The boundary enters where it goes deeper than this into the quadrilateral.
    private const double InsetM = NearM / 2;

    /// <summary>The area of <paramref name="region"/> inside <paramref name="quad"/> (4 corners, either way round), or null.</summary>
    public static double? SinglePieceArea(Polygon quad, Geometry region)
    {
        Span<(double X, double Y, double Nx, double Ny)> edges = stackalloc (double, double, double, double)[4];
        if (region is not (Polygon or MultiPolygon) || !QuadEdges(quad, edges)) return null;

        var entries = 0;
        var area = 0.0;
        var (clipped, next) = Buffers;
        for (var p = 0; p < region.NumGeometries; p++)
        {
            var polygon = (Polygon)region.GetGeometryN(p);
            for (var r = -1; r < polygon.NumInteriorRings; r++)
            {
                var ring = (r < 0 ? polygon.ExteriorRing : polygon.GetInteriorRingN(r)).CoordinateSequence;
                if (!CountEntries(ring, edges, out var ringEntries, out var inside)) return null;
                // A ring wholly inside makes a second piece (a shell) or a hole the caller's piece may or may not keep.
                if (inside) return null;
                entries += ringEntries;
                if (entries > 1) return null;
                var part = Math.Abs(ClippedArea(ring, edges, clipped, next));
                area += r < 0 ? part : -part;
            }
        }
        return area;
    }

    /// <summary>
    /// The area of <paramref name="region"/> inside the convex <paramref name="quad"/> (4 corners), in however many pieces;
    /// null when the quadrilateral is not convex or the region not polygonal. Clipped this way a ring keeps its signed
    /// area within the quadrilateral, pieces and all, so no overlay is needed for a share.
    /// </summary>
    public static double? Area(Polygon quad, Geometry region)
    {
        Span<(double X, double Y, double Nx, double Ny)> edges = stackalloc (double, double, double, double)[4];
        if (region is not (Polygon or MultiPolygon) || !QuadEdges(quad, edges)) return null;
        var (clipped, next) = Buffers;
        var area = 0.0;
        for (var p = 0; p < region.NumGeometries; p++)
        {
            var polygon = (Polygon)region.GetGeometryN(p);
            for (var r = -1; r < polygon.NumInteriorRings; r++)
            {
                var ring = (r < 0 ? polygon.ExteriorRing : polygon.GetInteriorRingN(r)).CoordinateSequence;
                var part = Math.Abs(ClippedArea(ring, edges, clipped, next));
                area += r < 0 ? part : -part;
            }
        }
        return Math.Max(0, area);
    }

    /// <summary>
    /// <paramref name="subject"/> (a polygon without holes) within the convex polygon <paramref name="convex"/> (a disk, a
    /// rectangle), when that is one piece. The clipped ring keeps the intersection's winding; once the shadows it leaves
    /// along the convex polygon's edges are gone, a valid ring is the intersection, and pieces joined along an edge are
    /// not valid: null for those (overlay them).
    /// </summary>
    public static Polygon? Intersection(Polygon convex, Polygon subject)
    {
        if (subject.NumInteriorRings > 0 || convex.IsEmpty || subject.IsEmpty) return null;
        var corners = convex.Shell.NumPoints - 1;
        if (corners < 3 || corners > MaxCorners) return null;
        Span<(double X, double Y, double Nx, double Ny)> all = stackalloc (double, double, double, double)[corners];
        var edges = all[..ConvexEdges(convex, all)];
        if (edges.IsEmpty) return null;
        var ring = subject.Shell.CoordinateSequence;
        // Wholly inside: the subject itself, as geometries here are never changed once made.
        if (Inside(ring, edges)) return subject;
        var (current, next) = Buffers;
        var clipped = Clipped(ring, edges, current, next, out var crossings);
        var shell = WithoutSpikes(clipped);
        if (shell.Count < 3) return null;
        shell.Add(shell[0].Copy());
        // Two pieces come out as one ring joined along an edge of the convex polygon, there and back: rounding may leave
        // the two runs a hair apart, which neither the simplicity test nor IsValid sees. Such a ring crossed that edge's
        // line four times or more.
        if (crossings >= 4 && RunsOverlapAlongAnEdge(shell, edges)) return null;
        var piece = subject.Factory.CreatePolygon([.. shell]);
        return (shell.Count <= MaxPairwiseVertices ? IsSimpleRing(shell) && piece.Area > 0 : piece.IsValid) ? piece : null;
    }

    // Whether two segments of the closed ring run along the same edge's line (ends within NearM of it) over a common
    // stretch: a piece may meet one edge in several separate runs, never twice over the same stretch.
    private static bool RunsOverlapAlongAnEdge(List<Coordinate> closed, ReadOnlySpan<(double X, double Y, double Nx, double Ny)> edges)
    {
        var runs = new List<(double From, double To)>();
        foreach (var e in edges)
        {
            runs.Clear();
            for (var i = 0; i + 1 < closed.Count; i++)
            {
                var (p, q) = (closed[i], closed[i + 1]);
                if (Math.Abs((p.X - e.X) * e.Nx + (p.Y - e.Y) * e.Ny) > NearM || Math.Abs((q.X - e.X) * e.Nx + (q.Y - e.Y) * e.Ny) > NearM) continue;
                // Position along the edge's line (its direction is the normal turned a quarter).
                var (a, b) = ((p.X - e.X) * -e.Ny + (p.Y - e.Y) * e.Nx, (q.X - e.X) * -e.Ny + (q.Y - e.Y) * e.Nx);
                var run = (Math.Min(a, b), Math.Max(a, b));
                foreach (var other in runs)
                {
                    if (Math.Min(run.Item2, other.To) - Math.Max(run.Item1, other.From) > OverlapM) return true;
                }
                runs.Add(run);
            }
        }
        return false;
    }

    // Runs sharing any stretch overlap: consecutive runs along one line share an end point (the same coordinate, so
    // exactly 0), and a notch reaching a hair past the line leaves a join narrower than any tolerance would.
    private const double OverlapM = 0;

    // Up to this many vertices a ring is tested edge pair by edge pair, cheaper than IsValid's graph.
    private const int MaxPairwiseVertices = 32;

    // A closed ring is simple when no two edges meet, except neighbours at their shared vertex: with holes absent, the
    // polygon it bounds is valid. The robust line intersector decides each pair, collinear overlaps included.
    private static bool IsSimpleRing(List<Coordinate> closed)
    {
        var n = closed.Count - 1;
        if (n < 3) return false;
        var intersector = new NetTopologySuite.Algorithm.RobustLineIntersector();
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                if (Apart(closed[i], closed[i + 1], closed[j], closed[j + 1])) continue;
                intersector.ComputeIntersection(closed[i], closed[i + 1], closed[j], closed[j + 1]);
                if (!intersector.HasIntersection) continue;
                var neighbours = j == i + 1 || (i == 0 && j == n - 1);
                if (!neighbours || intersector.IntersectionNum > 1) return false;
            }
        }
        return true;
    }

    // Whether segments pq and rs certainly do not meet: both ends of one strictly on the same side of the other's line, as
    // plain doubles tell when the orientation's magnitude is above its rounding error (Shewchuk's filter); the intersector's
    // exact arithmetic is left for the pairs that come close.
    internal static bool Apart(Coordinate p, Coordinate q, Coordinate r, Coordinate s) =>
        Side(p, q, r) * Side(p, q, s) > 0 || Side(r, s, p) * Side(r, s, q) > 0;

    // The sign of c's side of line ab (1 left, -1 right), or 0 where doubles cannot tell it.
    private static int Side(Coordinate a, Coordinate b, Coordinate c)
    {
        var (left, right) = ((b.X - a.X) * (c.Y - a.Y), (b.Y - a.Y) * (c.X - a.X));
        var det = left - right;
        var bound = 3.3306690738754716e-16 * (Math.Abs(left) + Math.Abs(right));
        return det > bound ? 1 : det < -bound ? -1 : 0;
    }

    // Where the subject runs outside, Sutherland–Hodgman leaves its shadow on the convex polygon's edge: there and back
    // along the same line, a spike of no width. Those vertices (and repeats) go; what is left is the piece's ring.
    private static List<Coordinate> WithoutSpikes(List<(double X, double Y)> ring)
    {
        var kept = new List<Coordinate>(ring.Count);
        foreach (var (x, y) in ring)
        {
            kept.Add(new Coordinate(x, y));
            while (kept.Count >= 3 && IsSpike(kept[^3], kept[^2], kept[^1])) kept.RemoveAt(kept.Count - 2);
            if (kept.Count >= 2 && Same(kept[^2], kept[^1])) kept.RemoveAt(kept.Count - 1);
        }
        // Round the closing corner as well, until nothing changes.
        for (var changed = true; changed && kept.Count >= 3;)
        {
            changed = false;
            if (Same(kept[^1], kept[0])) { kept.RemoveAt(kept.Count - 1); changed = true; continue; }
            if (IsSpike(kept[^2], kept[^1], kept[0])) { kept.RemoveAt(kept.Count - 1); changed = true; continue; }
            if (IsSpike(kept[^1], kept[0], kept[1])) { kept.RemoveAt(0); changed = true; }
        }
        return kept;
    }

    private static bool Same(Coordinate a, Coordinate b) => Math.Abs(a.X - b.X) <= SameM && Math.Abs(a.Y - b.Y) <= SameM;

    // b turns straight back from a towards c (or repeats a): a spike's tip.
    private static bool IsSpike(Coordinate a, Coordinate b, Coordinate c)
    {
        if (Same(a, b) || Same(b, c)) return true;
        var (ux, uy, vx, vy) = (b.X - a.X, b.Y - a.Y, c.X - b.X, c.Y - b.Y);
        var cross = ux * vy - uy * vx;
        return ux * vx + uy * vy < 0 && Math.Abs(cross) <= SameM * (Math.Sqrt(ux * ux + uy * uy) + Math.Sqrt(vx * vx + vy * vy));
    }

    // Points this close (metres) are one: Sutherland–Hodgman computes a corner once per edge it lies on.
    private const double SameM = 1e-9;

    /// <summary>
    /// The part of <paramref name="line"/> inside the convex polygon <paramref name="convex"/> (a road near a crossing,
    /// within a disk), in the line's direction, when that is one run: the line enters at most once and leaves at most
    /// once. Null otherwise, for a line that crosses or runs back over itself (an overlay splits it there), and where a
    /// vertex lies within a millimetre of the polygon's edge: overlay those.
    /// </summary>
    public static LineString? Intersection(Polygon convex, LineString line)
    {
        if (convex.IsEmpty || line.NumPoints < 2) return null;
        var corners = convex.Shell.NumPoints - 1;
        if (corners < 3 || corners > MaxCorners) return null;
        Span<(double X, double Y, double Nx, double Ny)> all = stackalloc (double, double, double, double)[corners];
        var edges = all[..ConvexEdges(convex, all)];
        if (edges.IsEmpty || !line.IsSimple) return null;
        var points = line.CoordinateSequence;
        var run = new List<Coordinate>();
        var ended = false;
        for (var i = 0; i + 1 < points.Count; i++)
        {
            var (px, py, qx, qy) = (points.GetX(i), points.GetY(i), points.GetX(i + 1), points.GetY(i + 1));
            // Cyrus–Beck: the part of segment pq inside every half-plane.
            double t0 = 0, t1 = 1;
            foreach (var e in edges)
            {
                var dp = (px - e.X) * e.Nx + (py - e.Y) * e.Ny;
                var dq = (qx - e.X) * e.Nx + (qy - e.Y) * e.Ny;
                if (Math.Abs(dp) <= NearM || Math.Abs(dq) <= NearM) return null;
                if (dp < 0 && dq < 0) { t0 = 1; t1 = 0; break; }
                if (dp < 0) t0 = Math.Max(t0, dp / (dp - dq));
                else if (dq < 0) t1 = Math.Min(t1, dp / (dp - dq));
            }
            if (t0 >= t1)
            {
                if (run.Count > 0) ended = true;
                continue;
            }
            // A second run after the line left: two pieces.
            if (ended) return null;
            if (run.Count == 0) run.Add(t0 > 0 ? new Coordinate(px + (qx - px) * t0, py + (qy - py) * t0) : new Coordinate(px, py));
            else if (t0 > 0) return null;
            var end = t1 < 1 ? new Coordinate(px + (qx - px) * t1, py + (qy - py) * t1) : new Coordinate(qx, qy);
            // A repeated vertex is dropped, as the overlay drops it.
            if (!end.Equals2D(run[^1])) run.Add(end);
            if (t1 < 1) ended = true;
        }
        return run.Count >= 2 ? line.Factory.CreateLineString([.. run]) : null;
    }

    // Every vertex of the ring strictly inside the convex polygon (not on its edge): so is the whole ring.
    private static bool Inside(CoordinateSequence ring, ReadOnlySpan<(double X, double Y, double Nx, double Ny)> edges)
    {
        for (var i = 0; i < ring.Count; i++)
        {
            var (x, y) = (ring.GetX(i), ring.GetY(i));
            foreach (var e in edges)
            {
                if ((x - e.X) * e.Nx + (y - e.Y) * e.Ny <= OnM) return false;
            }
        }
        return true;
    }

    // A disk is a 64-gon: the corners a stack-allocated edge list takes.
    private const int MaxCorners = 128;

    // The inward edges of a convex polygon without holes, read from its shell in place (no coordinate copies): how many,
    // or 0 when it is not convex, has too many corners or a zero-length edge. Convex: every turn the same way, none
    // straight on, and the edges' direction goes round once (a pentagram turns one way too, but twice round: its edges
    // go up and down four times, a convex polygon's twice).
    private static int ConvexEdges(Polygon convex, Span<(double X, double Y, double Nx, double Ny)> edges)
    {
        var ring = convex.Shell.CoordinateSequence;
        var n = ring.Count - 1;
        if (convex.NumInteriorRings > 0 || n < 3 || n > edges.Length) return 0;
        var (positive, negative, twiceArea, turnsUpOrDown, lastDy) = (false, false, 0.0, 0, 0);
        for (var i = 0; i < n; i++)
        {
            var (ax, ay, bx, by) = (ring.GetX(i), ring.GetY(i), ring.GetX((i + 1) % n), ring.GetY((i + 1) % n));
            var (cx, cy) = (ring.GetX((i + 2) % n), ring.GetY((i + 2) % n));
            var cross = (bx - ax) * (cy - by) - (by - ay) * (cx - bx);
            if (cross > 0) positive = true;
            else if (cross < 0) negative = true;
            else return 0;
            twiceArea += ax * by - bx * ay;
            var dy = Math.Sign(by - ay);
            if (dy != 0)
            {
                if (lastDy != 0 && dy != lastDy) turnsUpOrDown++;
                lastDy = dy;
            }
        }
        // The last edge's direction against the first's closes the count.
        var firstDy = 0;
        for (var i = 0; i < n && firstDy == 0; i++) firstDy = Math.Sign(ring.GetY((i + 1) % n) - ring.GetY(i));
        if (firstDy != 0 && firstDy != lastDy) turnsUpOrDown++;
        if (positive == negative || turnsUpOrDown > 2) return 0;
        var sign = twiceArea >= 0 ? 1.0 : -1.0;
        for (var i = 0; i < n; i++)
        {
            var (ax, ay, bx, by) = (ring.GetX(i), ring.GetY(i), ring.GetX((i + 1) % n), ring.GetY((i + 1) % n));
            var (dx, dy) = (bx - ax, by - ay);
            var length = Math.Sqrt(dx * dx + dy * dy);
            if (length == 0) return 0;
            edges[i] = (ax, ay, -dy * sign / length, dx * sign / length);
        }
        return n;
    }

    // A convex quadrilateral's inward edges (ConvexEdges); false for any other polygon.
    private static bool QuadEdges(Polygon quad, Span<(double X, double Y, double Nx, double Ny)> edges) =>
        quad.Shell.NumPoints == 5 && ConvexEdges(quad, edges) == 4;

    // How often the ring's boundary enters the quadrilateral (shrunk by InsetM); false when a vertex lies within NearM of
    // its edge but not on it, where an overlay may cut a sliver the placer would take for a piece.
    private static bool CountEntries(CoordinateSequence ring, ReadOnlySpan<(double X, double Y, double Nx, double Ny)> edges, out int entries, out bool allInside)
    {
        entries = 0;
        allInside = true;
        var n = ring.Count;
        for (var i = 0; i + 1 < n; i++)
        {
            var (px, py, qx, qy) = (ring.GetX(i), ring.GetY(i), ring.GetX(i + 1), ring.GetY(i + 1));
            // Cyrus–Beck: the part of segment pq inside every half-plane of the shrunk quadrilateral.
            double t0 = 0, t1 = 1;
            var pInside = true;
            var pNear = false;
            var pWithin = true;
            foreach (var e in edges)
            {
                var dp = (px - e.X) * e.Nx + (py - e.Y) * e.Ny;
                var dq = (qx - e.X) * e.Nx + (qy - e.Y) * e.Ny;
                if (Math.Abs(dp) is > OnM and <= NearM) pNear = true;
                if (dp < -NearM) pWithin = false;
                (dp, dq) = (dp - InsetM, dq - InsetM);
                if (dp <= 0) pInside = false;
                if (dp <= 0 && dq <= 0) { t0 = 1; t1 = 0; continue; }
                if (dp <= 0) t0 = Math.Max(t0, dp / (dp - dq));
                else if (dq <= 0) t1 = Math.Min(t1, dp / (dp - dq));
            }
            if (pNear && pWithin) return false;
            if (!pInside) allInside = false;
            if (t0 >= t1) continue;
            // A segment that only grazes the quadrilateral (at a corner) is left to the overlay too.
            if ((t1 - t0) * Math.Sqrt((qx - px) * (qx - px) + (qy - py) * (qy - py)) <= NearM) return false;
            if (t0 > 0) entries++;
        }
        if (allInside) entries = 0;
        return true;
    }

    // Sutherland–Hodgman against each edge; the signed area of what is left.
    private static double ClippedArea(CoordinateSequence ring, ReadOnlySpan<(double X, double Y, double Nx, double Ny)> edges,
        List<(double X, double Y)> current, List<(double X, double Y)> next)
    {
        current = Clipped(ring, edges, current, next, out _);
        if (current.Count == 0) return 0;
        var sum = 0.0;
        var (ox, oy) = current[0];
        for (var i = 1; i + 1 < current.Count; i++)
        {
            sum += (current[i].X - ox) * (current[i + 1].Y - oy) - (current[i + 1].X - ox) * (current[i].Y - oy);
        }
        return sum / 2;
    }

    // Sutherland–Hodgman against each edge: what is left of the ring (open, in ring order), in one of the two lists.
    // mostCrossings: the most crossings of (or vertices on) one edge's line; a run along an edge starts and ends at them.
    private static List<(double X, double Y)> Clipped(CoordinateSequence ring, ReadOnlySpan<(double X, double Y, double Nx, double Ny)> edges,
        List<(double X, double Y)> current, List<(double X, double Y)> next, out int mostCrossings)
    {
        mostCrossings = 0;
        current.Clear();
        for (var i = 0; i + 1 < ring.Count; i++) current.Add((ring.GetX(i), ring.GetY(i)));
        foreach (var e in edges)
        {
            next.Clear();
            var crossings = 0;
            for (var i = 0; i < current.Count; i++)
            {
                var p = current[i];
                var q = current[(i + 1) % current.Count];
                var dp = (p.X - e.X) * e.Nx + (p.Y - e.Y) * e.Ny;
                var dq = (q.X - e.X) * e.Nx + (q.Y - e.Y) * e.Ny;
                if (dp >= 0) next.Add(p);
                // A vertex on the line may start or end a run along it as a crossing does.
                if (Math.Abs(dp) <= NearM) crossings++;
                if ((dp >= 0) != (dq >= 0))
                {
                    var t = dp / (dp - dq);
                    next.Add((p.X + (q.X - p.X) * t, p.Y + (q.Y - p.Y) * t));
                    crossings++;
                }
            }
            mostCrossings = Math.Max(mostCrossings, crossings);
            (current, next) = (next, current);
            if (current.Count == 0) return current;
        }
        return current;
    }
}
