using CsCheck;
using LandMap.Core.Geocoding;
using LandMap.Tests.Shared;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Operation.RelateNG;
using Xunit.Abstractions;

namespace LandMap.Core.Tests.Geocoding;

/// <summary>
/// A check's share of a parcel in its region (<see cref="ConstraintSolver.Share"/>) is the overlay's, whichever way it is
/// found: a rectangle clipped, a parcel the region covers (a U or an L wrapped round a neighbour, often touching the
/// region's edge from inside) told by RelateNG, or the overlay itself.
/// </summary>
public sealed class ShareTests(ITestOutputHelper output)
{
    private static readonly GeometryFactory Factory = LandMap.Core.Crs.MetricPlane.Gk114.Factory;

    private static Polygon Rectangle(double cx, double cy, double w, double h, double angle) =>
        Factory.CreatePolygon(RectangleClipTests.Rectangle(cx, cy, w, h, angle));

    // A parcel as the placer leaves one beside a neighbour, at GK coordinates: a rectangle with a notch (the neighbour)
    // taken out of one side, a U (notch inside) or an L (at a corner), or the rectangle whole; with the rectangle and the
    // neighbour it was cut from.
    private static readonly Gen<(Polygon Parcel, Polygon Whole, Polygon Neighbour)> Parcel =
        Gen.Select(Gen.Double[-100, 100], Gen.Double[-100, 100], Gen.Double[20, 200], Gen.Double[0, 3.2], Gen.Double[-0.6, 0.6], Gen.Double[0.1, 0.7], Gen.Bool)
            .Select(t =>
            {
                var (x, y, size, angle, notchAt, notchSize, notched) = t;
                (x, y) = (500_000 + x, 3_730_000 + y);
                var whole = Rectangle(x, y, size, size * 0.8, angle);
                var (u, v) = ((Math.Cos(angle), Math.Sin(angle)), (-Math.Sin(angle), Math.Cos(angle)));
                // The notch reaches over the rectangle's far edge.
                var (a, b) = (notchAt * size, size * 0.4);
                var notch = Rectangle(x + u.Item1 * a + v.Item1 * b, y + u.Item2 * a + v.Item2 * b, size * notchSize, size * 0.5, angle);
                var parcel = notched ? Regions.PolygonParts(Regions.Subtract(whole, notch)).MaxBy(p => p.Area)! : whole;
                return (parcel, whole, notch);
            });

    // The region a check is made against:
    // - covering the parcel: its own outline (every edge on the region's edge), the rectangle it was cut from or that with
    //   the neighbour (edges along the region's, between other vertices), or the outline grown by 5–60 m;
    // - partly or not at all: the outline shifted off, or a rotated box anywhere near.
    private static Gen<Geometry> RegionFor((Polygon Parcel, Polygon Whole, Polygon Neighbour) t) =>
        Gen.OneOf(
            Gen.Int[0, 3].Select(k => k switch
            {
                0 => t.Parcel.Copy(),
                1 => t.Whole,
                2 => Regions.UnionAll([t.Whole, t.Neighbour]),
                _ => t.Parcel.Buffer(5 + k * 15),
            }),
            Gen.Select(Gen.Double[-80, 80], Gen.Double[-80, 80]).Select(s =>
            {
                var moved = (Geometry)t.Parcel.Copy();
                moved.Apply(new NetTopologySuite.Geometries.Utilities.AffineTransformation().Translate(s.Item1, s.Item2));
                moved.GeometryChanged();
                return moved;
            }),
            Gen.Select(Gen.Double[-150, 150], Gen.Double[-150, 150], Gen.Double[50, 600], Gen.Double[0, 3.2])
                .Select(r => (Geometry)Rectangle(500_000 + r.Item1, 3_730_000 + r.Item2, r.Item3, r.Item3 * 0.6, r.Item4)));

    [Fact]
    public void AParcelsShareIsTheOverlaysWhicheverWayItIsFound()
    {
        // Covered parcels that are not rectangles are the ones RelateNG answers (rectangles are clipped).
        var (shapes, covered, partly, outside) = (0, 0, 0, 0);
        var cases = FixedSeed.Run(Parcel.SelectMany(p => RegionFor(p).Select(r => (p.Parcel, Region: r))), 3_000, 20261207, t =>
        {
            var share = ConstraintSolver.Share(t.Parcel, t.Region);
            var overlay = OverlayNGRobust.Overlay(t.Parcel, t.Region, SpatialFunction.Intersection).Area / t.Parcel.Area;
            Assert.Equal(overlay, share, 1e-9);
            if (RelateNG.Relate(t.Region, t.Parcel, RelatePredicate.Covers()))
            {
                covered++;
                if (t.Parcel.NumPoints > 5) shapes++;
            }
            else if (overlay > 0) partly++;
            else outside++;
        }, t => $"{t.Parcel} in {t.Region}");
        output.WriteLine($"share (seed 20261207): {cases} cases, {covered} covered ({shapes} of them U or L), {partly} partly inside, {outside} outside");
        Assert.True(shapes > cases / 10 && partly > cases / 5 && outside > 50, $"{shapes} U/L covered, {partly} partly, {outside} outside");
    }
}
