using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace LandMap.Core.Geocoding;

/// <summary>
/// Places a compact polygon of a given area inside a plan's region. A rectangle grows from the anchor
/// (from a crossing corner into its quadrant, from a road frontage towards its side, or centred); it is
/// clipped to the free part of the region, and its scale is found (the grid point bisection would reach, in a few
/// evaluations: <see cref="GridBisection"/>) so the clipped piece nearest the anchor has the stated area. When the
/// piece cannot reach the area (the frontage is taken), the anchor slides along the frontage, nearest positions first.
/// </summary>
/// <remarks>
/// The search asks for several areas; a rectangle the free region covers is its own clipped piece, so its area is
/// taken without an overlay (a prepared-geometry test instead), and one the region's edge crosses once is clipped
/// ring by ring (<see cref="RectangleClip"/>). Only the rest, and the piece returned, go through an overlay.
/// </remarks>
public static class ParcelPlacer
{
    private const double MaxScale = 6;
    private const int Slides = 10;

    // Half a road: the front edge sits this far from the centre line it fronts.
    private const double FrontGapM = 12;

    /// <summary>The placed polygon (in the plan's plane), or null when the region has no room at all.</summary>
    public static Geometry? Place(PlacementPlan plan, double areaM2, Geometry free, double tolerance) =>
        Place(plan, areaM2, new FreeRegion(free, []), tolerance);

    /// <summary>The placed polygon within <paramref name="free"/> (the region less the parcels already in it), or null.</summary>
    internal static Geometry? Place(PlacementPlan plan, double areaM2, FreeRegion free, double tolerance)
    {
        if (plan.Anchor is null || free.IsEmpty) return null;
        Geometry? best = null;
        foreach (var anchor in Positions(plan, areaM2))
        {
            var piece = Grow(plan, anchor, areaM2, free, tolerance);
            // The earlier parcels took the whole region: no position has room (a rectangle off the region is clear of them).
            if (free.Subtracted && free.All.IsEmpty) return null;
            if (piece is null) continue;
            if (best is null || piece.Area > best.Area) best = piece;
            if (piece.Area >= areaM2 * (1 - tolerance * 2)) return piece;
        }
        return best;
    }

    private static IEnumerable<Coordinate> Positions(PlacementPlan plan, double areaM2)
    {
        var start = plan.Anchor!;
        yield return start;
        var step = Math.Sqrt(areaM2);
        for (var k = 1; k <= Slides; k++)
        {
            foreach (var sign in new[] { 1, -1 })
            {
                var d = sign * k * step * 0.75;
                yield return new Coordinate(start.X + plan.Along.X * d, start.Y + plan.Along.Y * d);
                if (plan.Kind is AnchorKind.Centre or AnchorKind.Corner)
                {
                    yield return new Coordinate(start.X + plan.Away.X * d, start.Y + plan.Away.Y * d);
                }
            }
        }
    }

    private static Geometry? Grow(PlacementPlan plan, Coordinate anchor, double areaM2, FreeRegion free, double tolerance)
    {
        // The search asks again for areas it has had (the scale it settles on among them), and a piece an overlay made
        // for an area is the piece returned at that scale.
        var known = new Dictionary<(double, double), (double Area, Geometry? Piece)>();
        // At scale 1 the rectangle has the stated area: where nothing clips it, that is the answer. Where even the
        // largest rectangle falls short, the search ends there, at MaxScale, and that piece is the best this anchor has.
        var scale = GridBisection.Solve(s => Area(s, 1), areaM2, MaxScale, guess: 1, power: 2);
        if (Area(scale, 1) <= areaM2 * (1 + tolerance)) return Piece(scale, 1);
        // Two clipped pieces joined at this scale and the area jumped past the target: trim the depth instead.
        var depth = GridBisection.Solve(t => Area(scale, t), areaM2, 1, guess: 0.5, power: 1);
        return Piece(scale, depth);

        double Area(double s, double t)
        {
            if (!known.TryGetValue((s, t), out var found)) known[(s, t)] = found = Clipped(s, t);
            return found.Area;
        }

        (double, Geometry?) Clipped(double s, double t)
        {
            var shape = Rectangle(plan, anchor, areaM2, s, t);
            // A rectangle the free region covers is its own piece: the overlay would give it back.
            if (free.Covers(shape)) return (shape.Area, shape);
            if (RectangleClip.SinglePieceArea(shape, free.Near(shape)) is { } area) return (area, null);
            var piece = Clip(shape);
            return (piece?.Area ?? 0, piece);
        }

        // The rectangle at scale s (depth also times t), clipped to the free region; the part nearest the anchor.
        Geometry? Piece(double s, double t) => known.TryGetValue((s, t), out var found) && found.Piece is { } piece ? piece : Clip(Rectangle(plan, anchor, areaM2, s, t));

        Geometry? Clip(Polygon shape) => Nearest(Regions.Intersect(shape, free.Near(shape)), anchor, shape.Area);
    }

    // A part under a millionth of the rectangle is the overlay's sliver along a neighbour's edge (1e-8 m² where the
    // anchor sits on that edge), not land: taken as "nearest", it made the area jump from nothing to far past the target.
    private const double SliverShare = 1e-6;

    // Of the clipped parts, the polygon nearest the anchor (the larger of two as near); slivers are no parts.
    internal static Geometry? Nearest(Geometry clipped, Coordinate anchor, double rectangleArea)
    {
        if (clipped.IsEmpty) return null;
        var at = clipped.Factory.CreatePoint(anchor);
        Geometry? nearest = null;
        var bestDistance = double.MaxValue;
        for (var i = 0; i < clipped.NumGeometries; i++)
        {
            if (clipped.GetGeometryN(i) is not Polygon p || p.Area <= rectangleArea * SliverShare) continue;
            var d = p.Distance(at);
            if (d < bestDistance - 1e-6 || (Math.Abs(d - bestDistance) <= 1e-6 && p.Area > nearest!.Area))
            {
                bestDistance = d;
                nearest = p;
            }
        }
        return nearest;
    }

    private static Polygon Rectangle(PlacementPlan plan, Coordinate anchor, double areaM2, double s, double depthFactor)
    {
        var (u, v) = (plan.Along, plan.Away);
        // Frontage parcels are wider than deep, as lots along a road are; others start square.
        var aspect = plan.Kind is AnchorKind.Front or AnchorKind.Straddle ? 1.5 : 1.0;
        var w = Math.Sqrt(areaM2 * aspect) * s;
        var h = Math.Sqrt(areaM2 / aspect) * s * depthFactor;
        var gap = plan.Kind is AnchorKind.Corner or AnchorKind.Front ? FrontGapM : 0;
        (double A0, double A1, double B0, double B1) = plan.Kind switch
        {
            AnchorKind.Corner => (gap, gap + w, gap, gap + h),
            AnchorKind.Front => (-w / 2, w / 2, gap, gap + h),
            _ => (-w / 2, w / 2, -h / 2, h / 2),
        };
        Coordinate At(double a, double b) => new(anchor.X + u.X * a + v.X * b, anchor.Y + u.Y * a + v.Y * b);
        return plan.Region.Factory.CreatePolygon([At(A0, B0), At(A1, B0), At(A1, B1), At(A0, B1), At(A0, B0)]);
    }

    /// <summary>
    /// A plan's region less the parcels already placed in it, subtracted only when a rectangle comes near one of them. Most
    /// rectangles the placer tries lie clear of every earlier parcel, and there the free region is the region itself: a
    /// test on the region answers as one on the free region would (up to the overlay's rounding of the vertices it adds
    /// elsewhere), without the overlay that subtracts them.
    /// </summary>
    internal sealed class FreeRegion(Geometry region, IReadOnlyList<Geometry> occupied)
    {
        // The difference's polygonal input (a narrowed region may carry a line): near a shape, the region is that part.
        private readonly Geometry _region = occupied.Count > 0 ? Regions.Homogeneous(region) : region;
        private Geometry? _free;
        private IPreparedGeometry? _preparedRegion;
        private IPreparedGeometry? _preparedFree;

        /// <summary>True when the region is empty; not asked of the free region, which would subtract at once (see <see cref="Subtracted"/>).</summary>
        public bool IsEmpty => _region.IsEmpty;

        /// <summary>Whether a rectangle came near an earlier parcel, so the whole free region was made (and may prove empty).</summary>
        public bool Subtracted => _free is not null && occupied.Count > 0;

        /// <summary>The whole free region (on first use: holes cut by hand, or one overlay).</summary>
        public Geometry All => _free ??= WithHoles() ?? occupied switch
        {
            // One neighbour is taken out as it is: a union of one polygon is that polygon.
            { Count: 0 } => _region,
            { Count: 1 } => Regions.Subtract(_region, occupied[0]),
            _ => Regions.Subtract(_region, Regions.UnionAll(occupied)),
        };

        // The usual neighbour lies wholly inside the region (a parcel of the same village), or clear of it with only its
        // envelope near: the region less those is the region with holes, made without an overlay (which would return the
        // same rings, as nothing crosses). Null when a parcel meets the region's boundary or another parcel.
        private Geometry? WithHoles()
        {
            if (occupied.Count == 0 || _region is not Polygon region || region.IsEmpty) return null;
            var prepared = _preparedRegion ??= PreparedGeometryFactory.Prepare(region);
            var holes = new List<Polygon>(occupied.Count);
            foreach (var o in occupied)
            {
                if (!prepared.Intersects(o)) continue;
                // A flat parcel (no area) the overlay would drop; as a hole it would make the polygon invalid.
                if (o is not Polygon { NumInteriorRings: 0, Area: > 0 } hole || !prepared.ContainsProperly(hole)) return null;
                foreach (var other in holes)
                {
                    if (other.EnvelopeInternal.Intersects(hole.EnvelopeInternal) && other.Intersects(hole)) return null;
                }
                holes.Add(hole);
            }
            if (holes.Count == 0) return region;
            // Winding is left as it is: areas here are taken unsigned, and a stored parcel is normalised on its own.
            var rings = region.InteriorRings.Cast<LinearRing>().Concat(holes.Select(h => h.Shell)).ToArray();
            return region.Factory.CreatePolygon(region.Shell, rings);
        }

        /// <summary>The free region as seen by <paramref name="shape"/>: the region itself when the shape is clear of every earlier parcel.</summary>
        public Geometry Near(Geometry shape) => Clear(shape) ? _region : All;

        /// <summary>Whether the free region covers <paramref name="shape"/>; only a polygonal region can.</summary>
        public bool Covers(Geometry shape)
        {
            var free = Near(shape);
            if (free is not IPolygonal) return false;
            // The free region is often the region itself (every neighbour clear of it): prepared once for both.
            var prepared = ReferenceEquals(free, _region) ? _preparedRegion ??= PreparedGeometryFactory.Prepare(_region)
                : _preparedFree ??= PreparedGeometryFactory.Prepare(free);
            return prepared.Covers(shape);
        }

        // Envelopes apart (not even touching): nothing an earlier parcel took is within the shape's reach.
        private bool Clear(Geometry shape)
        {
            var box = shape.EnvelopeInternal;
            foreach (var o in occupied)
            {
                if (o.EnvelopeInternal.Intersects(box)) return false;
            }
            return true;
        }
    }
}
