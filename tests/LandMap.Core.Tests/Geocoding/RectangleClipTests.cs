using CsCheck;
using LandMap.Core.Geocoding;
using LandMap.Tests.Shared;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using Xunit.Abstractions;

namespace LandMap.Core.Tests.Geocoding;

/// <summary>
/// The placer's overlay-free area of a region inside its rectangle: whenever it answers, the overlay agrees (one piece,
/// the same area); where the region's edge meets the rectangle twice or runs a hair off its edge, it leaves the answer to
/// the overlay; a neighbour's edge on its edge (the same frontage) it answers.
/// </summary>
public sealed class RectangleClipTests(ITestOutputHelper output)
{
    private static readonly GeometryFactory Factory = LandMap.Core.Crs.MetricPlane.Gk114.Factory;

    private static Polygon Box(double x0, double y0, double x1, double y1) => (Polygon)Factory.ToGeometry(new Envelope(x0, x1, y0, y1));

    internal static Coordinate[] Rectangle(double cx, double cy, double w, double h, double angle)
    {
        var (u, v) = ((Math.Cos(angle), Math.Sin(angle)), (-Math.Sin(angle), Math.Cos(angle)));
        Coordinate At(double a, double b) => new(cx + u.Item1 * a + v.Item1 * b, cy + u.Item2 * a + v.Item2 * b);
        return [At(-w / 2, -h / 2), At(w / 2, -h / 2), At(w / 2, h / 2), At(-w / 2, h / 2), At(-w / 2, -h / 2)];
    }

    // A free region as the geocoder makes them: a band with earlier parcels (rotated boxes) taken out of it.
    private static readonly Gen<Geometry> Region =
        Gen.Select(Gen.Double[0, 3.2], Gen.Double[-200, 200], Gen.Double[-200, 200], Gen.Double[20, 150]).Array[0, 4].Select(parcels =>
        {
            Geometry region = Box(-300, -150, 300, 150);
            foreach (var (angle, x, y, size) in parcels)
            {
                region = Regions.Subtract(region, Factory.CreatePolygon(Rectangle(x, y, size, size * 0.7, angle)));
            }
            return region;
        });

    [Fact]
    public void AnAnswerIsTheOverlaysOnePieceAndItsArea()
    {
        var answered = 0;
        var cases = FixedSeed.Run(Gen.Select(Region, Gen.Double[-250, 250], Gen.Double[-120, 120], Gen.Double[5, 300], Gen.Double[0, 3.2]), 3_000, 20261207,
            t =>
            {
                var (region, x, y, size, angle) = t;
                var quad = Rectangle(x, y, size, size / 1.5, angle);
                if (RectangleClip.SinglePieceArea(Factory.CreatePolygon(quad), region) is not { } area) return;
                answered++;
                var overlay = OverlayNGRobust.Overlay(Factory.CreatePolygon(quad), region, SpatialFunction.Intersection);
                var pieces = Regions.PolygonParts(overlay).Where(p => p.Area > 1e-6).ToList();
                Assert.True(pieces.Count <= 1, $"{pieces.Count} pieces: {overlay}");
                Assert.Equal(overlay.Area, area, 1e-6 * Math.Max(1, overlay.Area));
            }, t => $"{t.Item1} / rectangle at ({t.Item2}, {t.Item3}) size {t.Item4} angle {t.Item5}");
        output.WriteLine($"rectangle clip (seed 20261207): {cases} cases, {answered} answered without an overlay");
        Assert.True(answered > cases / 4, $"only {answered} of {cases} answered");
    }

    // A check's share: the region's area inside a parcel, in however many pieces; a non-convex quadrilateral is refused.
    [Fact]
    public void TheAreaInsideAConvexQuadrilateralIsTheOverlaysInEveryPiece()
    {
        var (pieces, refused) = (0, 0);
        var cases = FixedSeed.Run(Gen.Select(Region, Gen.Double[-250, 250], Gen.Double[-120, 120], Gen.Double[5, 300], Gen.Double[0, 3.2], Gen.Double[-0.6, 0.6]), 3_000, 20261207,
            t =>
            {
                var (region, x, y, size, angle, skew) = t;
                var quad = Rectangle(x, y, size, size / 1.5, angle);
                // A kite or dart: one corner pulled along the diagonal, convex or not.
                quad[2] = new Coordinate(quad[2].X + (quad[2].X - quad[0].X) * skew, quad[2].Y + (quad[2].Y - quad[0].Y) * skew);
                var overlay = OverlayNGRobust.Overlay(Factory.CreatePolygon([.. quad[..4], quad[0]]), region, SpatialFunction.Intersection);
                if (RectangleClip.Area(Factory.CreatePolygon(quad), region) is not { } area)
                {
                    refused++;
                    Assert.True(skew < -0.45, $"a convex quadrilateral was refused (skew {skew})");
                    return;
                }
                if (Regions.PolygonParts(overlay).Count() > 1) pieces++;
                Assert.Equal(overlay.Area, area, 1e-6 * Math.Max(1, overlay.Area));
            }, t => $"{t.Item1} / quadrilateral at ({t.Item2}, {t.Item3}) size {t.Item4} angle {t.Item5} skew {t.Item6}");
        output.WriteLine($"quadrilateral area (seed 20261207): {cases} cases, {pieces} in several pieces, {refused} non-convex refused");
        Assert.True(pieces > 50 && refused > 50, $"{pieces} multi-piece, {refused} refused");
    }

    // A village's disk on a road's bent band, or a rectangle on a free region: when the clip answers, its polygon is the
    // overlay's, valid, the same land to a millionth of a square metre.
    [Fact]
    public void AConvexPolygonsOnePieceIsTheOverlays()
    {
        var bands = Gen.Select(Gen.Double[-300, 300], Gen.Double[-150, 150], Gen.Double[-0.8, 0.8], Gen.Double[20, 400]).Array[2, 6].Select(bends =>
        {
            var line = Factory.CreateLineString(bends.Select((b, i) => new Coordinate(-400 + i * 800.0 / (bends.Length - 1), b.Item2 * 0.3 + b.Item3 * 40)).ToArray());
            return (Polygon)Regions.Side(line, LandMap.Core.Geocoding.Grammar.Compass.North, bends[0].Item4);
        });
        var subjects = Gen.OneOf(bands, Region.Select(r => Regions.PolygonParts(r).Where(p => p.NumInteriorRings == 0).MaxBy(p => p.Area) ?? Box(-300, -150, 300, 150)));
        var convexes = Gen.OneOf(
            Gen.Select(Gen.Double[-300, 300], Gen.Double[-150, 250], Gen.Double[5, 400]).Select(d => (Polygon)Regions.Disk(new Coordinate(d.Item1, d.Item2), d.Item3, Factory)),
            Gen.Select(Gen.Double[-250, 250], Gen.Double[-120, 200], Gen.Double[5, 300], Gen.Double[0, 3.2]).Select(r => Factory.CreatePolygon(Rectangle(r.Item1, r.Item2, r.Item3, r.Item3 / 1.5, r.Item4))));
        var answered = 0;
        var cases = FixedSeed.Run(Gen.Select(convexes, subjects), 3_000, 20261207, t =>
        {
            var (convex, subject) = t;
            if (RectangleClip.Intersection(convex, subject) is not { } piece) return;
            answered++;
            var overlay = OverlayNGRobust.Overlay(convex, subject, SpatialFunction.Intersection);
            Assert.True(piece.IsValid, $"invalid: {piece}");
            // One piece (or a sliver): two joined along the convex polygon's edge would have the same area.
            var pieces = Regions.PolygonParts(overlay).Count(p => p.Area > convex.Area * 1e-6);
            Assert.True(pieces <= 1, $"the overlay has {pieces} pieces: {overlay}");
            var apart = OverlayNGRobust.Overlay(overlay, piece, SpatialFunction.SymDifference).Area;
            Assert.True(apart <= 1e-6 * Math.Max(1, overlay.Area), $"{apart} m² apart: {piece} vs {overlay}");
        }, t => $"{t.Item1} / {t.Item2}");
        output.WriteLine($"convex clip (seed 20261207): {cases} cases, {answered} answered without an overlay");
        Assert.True(answered > cases / 4, $"only {answered} of {cases} answered");
    }

    // A free region split into parts by earlier parcels: the clipped pieces are the overlay's polygons, one for one, as the
    // placer chooses the piece nearest its anchor among them.
    [Fact]
    public void EachPartsPieceOfAMultipolygonIsTheOverlays()
    {
        var rectangles = Gen.Select(Gen.Double[-250, 250], Gen.Double[-120, 120], Gen.Double[5, 400], Gen.Double[0, 3.2])
            .Select(r => Factory.CreatePolygon(Rectangle(r.Item1, r.Item2, r.Item3, r.Item3 / 1.5, r.Item4)));
        // The band cut across by one to three long parcels (so in parts), with up to two smaller ones taken out as well.
        var strips = Gen.Select(Gen.Double[-250, 250], Gen.Double[20, 80], Gen.Double[-0.5, 0.5]).Array[1, 3];
        var notches = Gen.Select(Gen.Double[0, 3.2], Gen.Double[-250, 250], Gen.Double[-150, 150], Gen.Double[20, 120]).Array[0, 2];
        var split = Gen.Select(strips, notches).Select(t =>
        {
            Geometry region = Box(-300, -150, 300, 150);
            foreach (var (x, width, angle) in t.Item1)
                region = Regions.Subtract(region, Factory.CreatePolygon(Rectangle(x, 0, width, 500, angle)));
            foreach (var (angle, x, y, size) in t.Item2)
                region = Regions.Subtract(region, Factory.CreatePolygon(Rectangle(x, y, size, size * 0.7, angle)));
            return region;
        });
        var (multipart, answered, severalPieces) = (0, 0, 0);
        var cases = FixedSeed.Run(Gen.Select(rectangles, split), 3_000, 20261210, t =>
        {
            var (rectangle, region) = t;
            if (region is not MultiPolygon parts) return;
            multipart++;
            if (Regions.PieceOfEachPart(rectangle, parts) is not { } pieces) return;
            answered++;
            var overlay = OverlayNGRobust.Overlay(rectangle, region, SpatialFunction.Intersection);
            // Slivers under a millionth of the rectangle are not pieces to the placer (ParcelPlacer.Nearest).
            var expected = Regions.PolygonParts(overlay).Where(p => p.Area > rectangle.Area * 1e-6).ToList();
            var actual = Regions.PolygonParts(pieces).Where(p => p.Area > rectangle.Area * 1e-6).ToList();
            if (actual.Count > 1) severalPieces++;
            Assert.True(pieces.IsValid, $"invalid: {pieces}");
            Assert.Equal(expected.Count, actual.Count);
            foreach (var piece in actual)
            {
                var match = expected.MinBy(p => OverlayNGRobust.Overlay(p, piece, SpatialFunction.SymDifference).Area)!;
                var apart = OverlayNGRobust.Overlay(match, piece, SpatialFunction.SymDifference).Area;
                Assert.True(apart <= 1e-6 * Math.Max(1, match.Area), $"{apart} m² apart: {piece} vs {overlay}");
            }
        }, t => $"{t.Item1} / {t.Item2}");
        output.WriteLine($"multipolygon clip (seed 20261210): {cases} cases, {multipart} in parts, {answered} answered without an overlay, {severalPieces} of them in several pieces");
        Assert.True(answered > multipart / 4 && severalPieces > 0, $"{answered} of {multipart} answered, {severalPieces} in several pieces");
    }

    // A neighbour's corner a tenth of a micrometre past the rectangle's edge splits the piece in two: the clipped ring
    // runs there and back along that edge with a join narrower than any tolerance, and must be left to the overlay.
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.3)]
    [InlineData(2.1)]
    public void ANotchAHairPastTheEdgeLeavesItsTwoPiecesToTheOverlay(double angle)
    {
        // Turned, as the placer's rectangles are: the two runs along the edge are then a rounding apart, not collinear.
        var turn = NetTopologySuite.Geometries.Utilities.AffineTransformation.RotationInstance(angle);
        var rectangle = (Polygon)turn.Transform(Box(0, 0, 100, 50));
        var subject = (Polygon)turn.Transform(new NetTopologySuite.IO.WKTReader(Factory.GeometryServices)
            .Read("POLYGON ((10 -10, 90 -10, 90 60, 55 60, 50 -0.0000001, 45 60, 10 60, 10 -10))"));

        Assert.Equal(2, Regions.PolygonParts(OverlayNGRobust.Overlay(rectangle, subject, SpatialFunction.Intersection)).Count());
        Assert.Null(RectangleClip.Intersection(rectangle, subject));
    }

    // A road near a crossing: the run of the line inside the disk, in the line's direction, is the overlay's line.
    [Fact]
    public void ALinesOneRunInsideADiskIsTheOverlays()
    {
        var lines = Gen.Select(Gen.Double[-600, 600], Gen.Double[-600, 600]).Array[2, 7]
            .Select(points => Factory.CreateLineString(points.Select(p => new Coordinate(Math.Round(p.Item1, 3), Math.Round(p.Item2, 3))).ToArray()))
            .Where(l => l.IsSimple && l.Length > 1);
        var disks = Gen.Select(Gen.Double[-300, 300], Gen.Double[-300, 300], Gen.Double[5, 700])
            .Select(d => (Polygon)Regions.Disk(new Coordinate(d.Item1, d.Item2), d.Item3, Factory));
        var answered = 0;
        var cases = FixedSeed.Run(Gen.Select(disks, lines), 3_000, 20261207, t =>
        {
            var (disk, line) = t;
            if (RectangleClip.Intersection(disk, line) is not { } run) return;
            answered++;
            var overlay = OverlayNGRobust.Overlay(line, disk, SpatialFunction.Intersection);
            Assert.True(overlay.EqualsExact(run, 1e-6), $"{run} vs {overlay}");
        }, t => $"{t.Item1} / {t.Item2}");
        output.WriteLine($"line clip (seed 20261207): {cases} cases, {answered} answered without an overlay");
        Assert.True(answered > cases / 4, $"only {answered} of {cases} answered");
    }

    // A pentagram turns the same way at every corner, but it is not convex: clipping to it would be wrong, so it is refused.
    [Fact]
    public void APentagramIsNotTakenForAConvexPolygon()
    {
        var star = Enumerable.Range(0, 5).Select(i => i * 4 * Math.PI / 5).Select(a => new Coordinate(100 * Math.Cos(a), 100 * Math.Sin(a))).ToList();
        var pentagram = Factory.CreatePolygon([.. star, star[0]]);
        var pentagon = Factory.CreatePolygon([.. Enumerable.Range(0, 5).Select(i => star[i * 3 % 5]), star[0]]);
        var subject = Box(-30, -30, 30, 30);

        Assert.Null(RectangleClip.Intersection(pentagram, subject));
        Assert.NotNull(RectangleClip.Intersection(pentagon, subject));
    }

    // Parcels along one frontage as the placer makes them: each grows from its own anchor on the frontage line, its front
    // edge 12 m off it, so neighbours' front corners lie on a later rectangle's front edge to the last bits.
    private static Polygon Front(Coordinate origin, (double X, double Y) u, double along, double a0, double a1, double b0, double b1)
    {
        var (v, anchor) = ((-u.Y, u.X), new Coordinate(origin.X + u.X * along, origin.Y + u.Y * along));
        Coordinate At(double a, double b) => new(anchor.X + u.X * a + v.Item1 * b, anchor.Y + u.Y * a + v.Item2 * b);
        return Factory.CreatePolygon([At(a0, b0), At(a1, b0), At(a1, b1), At(a0, b1), At(a0, b0)]);
    }

    private static readonly Gen<(double Angle, (double Along, double Width, double Depth)[] Neighbours, double Along, double Width, double Depth)> Frontage =
        Gen.Select(Gen.Double[0, 3.2], Gen.Select(Gen.Double[-300, 300], Gen.Double[20, 120], Gen.Double[20, 150]).Array[1, 4],
            Gen.Double[-250, 250], Gen.Double[10, 400], Gen.Double[10, 300]);

    [Fact]
    public void NeighboursOnTheSameFrontageAreAnsweredAsTheOverlayWould()
    {
        var (answered, cases) = (0, 0);
        cases = FixedSeed.Run(Frontage, 3_000, 20261207, t =>
        {
            var origin = new Coordinate(500_000 + t.Along, 3_730_000 - t.Along);
            var u = (Math.Cos(t.Angle), Math.Sin(t.Angle));
            Geometry free = Front(origin, u, 0, -600, 600, 0, 400);
            foreach (var (along, width, depth) in t.Neighbours) free = Regions.Subtract(free, Front(origin, u, along, -width / 2, width / 2, 12, 12 + depth));
            var rectangle = Front(origin, u, t.Along, -t.Width / 2, t.Width / 2, 12, 12 + t.Depth);
            if (RectangleClip.SinglePieceArea(rectangle, free) is not { } area) return;
            answered++;
            // What the placer takes from an overlay: its pieces, less slivers under a millionth of the rectangle.
            var pieces = Regions.PolygonParts(OverlayNGRobust.Overlay(rectangle, free, SpatialFunction.Intersection))
                .Where(p => p.Area > rectangle.Area * 1e-6).ToList();
            Assert.True(pieces.Count <= 1, $"{pieces.Count} pieces");
            Assert.Equal(pieces.Sum(p => p.Area), area, 1e-6 * Math.Max(1, area));
        }, t => $"angle {t.Angle}, neighbours {string.Join("; ", t.Neighbours)}, rectangle at {t.Along} {t.Width} × {t.Depth}");
        output.WriteLine($"frontage clip (seed 20261207): {cases} cases, {answered} answered without an overlay");
        Assert.True(answered > cases / 2, $"only {answered} of {cases} answered");
    }

    [Fact]
    public void TwoPiecesOrAnEdgeNearTheRectanglesEdgeAreLeftToTheOverlay()
    {
        // A parcel cuts the band in two across the rectangle: two pieces.
        var split = Regions.Subtract(Box(0, 0, 100, 100), Box(40, -10, 60, 110));
        Assert.Null(RectangleClip.SinglePieceArea(Factory.CreatePolygon(Rectangle(50, 50, 80, 40, 0)), split));
        // A neighbour's front and back edges on this rectangle's: one piece, west of it.
        var beside = Regions.Subtract(Box(0, 0, 100, 100), Box(60, 30, 90, 60));
        Assert.Equal(30 * 30, RectangleClip.SinglePieceArea(Factory.CreatePolygon(Rectangle(50, 45, 40, 30, 0)), beside)!.Value, 1e-9);
        // A neighbour's edge a hair off this rectangle's edge (half a millimetre): the overlay's sliver may be a piece.
        var nearly = Regions.Subtract(Box(0, 0, 100, 100), Box(60, 30.0005, 90, 60));
        Assert.Null(RectangleClip.SinglePieceArea(Factory.CreatePolygon(Rectangle(50, 45, 40, 30, 0)), nearly));
        // Clear of the neighbour, and across its west edge once.
        Assert.Equal(20 * 20, RectangleClip.SinglePieceArea(Factory.CreatePolygon(Rectangle(48, 45, 20, 20, 0)), beside)!.Value, 1e-9);
        Assert.Equal(25 * 20 - 5 * 20, RectangleClip.SinglePieceArea(Factory.CreatePolygon(Rectangle(52.5, 45, 25, 20, 0)), beside)!.Value, 1e-9);
    }

    // The ring test's shortcut: segments it calls apart never meet by the robust intersector, on a grid's collinear and
    // touching segments, on far coordinates (GK metres), and with one or both ends of a segment a few ulps off the
    // other's line.
    [Fact]
    public void SegmentsCalledApartNeverMeet()
    {
        var grid = Gen.Int[0, 4].Select(i => (double)i);
        var (apart, met) = (0, 0);
        var point = Gen.OneOf(
            Gen.Select(grid, grid, (x, y) => new Coordinate(x, y)),
            Gen.Select(Gen.Double[-1, 1], Gen.Double[-1, 1], (x, y) => new Coordinate(500_000 + x * 50, 3_730_000 + y * 50)));
        var pair = Gen.Select(point, point, point, Gen.Double[0, 1], Gen.Int[-4, 4], Gen.Double[0, 1], Gen.Int[-4, 4]).Select(t =>
        {
            var (p, q, r, along, ulps, alongR, ulpsR) = t;
            // s, and r half the time, on line pq (between, beyond or before), nudged by a few ulps: the doubles cannot tell
            // their side, and both ends of rs near pq's line is where a missing error bound would call them apart.
            Coordinate OnLine(double at, int nudge)
            {
                var c = new Coordinate(p.X + (q.X - p.X) * (at * 3 - 1), p.Y + (q.Y - p.Y) * (at * 3 - 1));
                for (var k = 0; k < Math.Abs(nudge); k++) c.Y = nudge > 0 ? Math.BitIncrement(c.Y) : Math.BitDecrement(c.Y);
                return c;
            }
            return (p, q, r: alongR < 0.5 ? r : OnLine(alongR * 2 - 1, ulpsR), s: OnLine(along, ulps));
        });
        var intersector = new NetTopologySuite.Algorithm.RobustLineIntersector();
        var cases = FixedSeed.Run(pair, 20_000, 20261207, t =>
        {
            intersector.ComputeIntersection(t.p, t.q, t.r, t.s);
            if (intersector.HasIntersection) met++;
            if (!RectangleClip.Apart(t.p, t.q, t.r, t.s)) return;
            apart++;
            Assert.False(intersector.HasIntersection, "called apart but the intersector finds them meeting");
        }, t => $"{t.p} {t.q} / {t.r} {t.s}");
        output.WriteLine($"segments apart (seed 20261207): {cases} cases, {apart} called apart, {met} meeting");
        Assert.True(apart > cases / 10 && met > cases / 10, $"{apart} apart, {met} meeting");
    }
}
