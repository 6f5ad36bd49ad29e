using CsCheck;
using LandMap.Core.Gazetteer;
using LandMap.Core.Geocoding;
using LandMap.Core.Geocoding.Grammar;
using LandMap.Tests.Shared;
using NetTopologySuite.Geometries;
using Xunit.Abstractions;
using static LandMap.Core.Tests.Geocoding.ShippedSolver;

namespace LandMap.Core.Tests.Geocoding;

/// <summary>
/// The placer subtracts the parcels already placed from a plan's region only when a rectangle it tries comes near one of
/// them (<see cref="ParcelPlacer.FreeRegion"/>). The parcel must be the one placing in the region less all of them at once
/// gives: the same polygon (to a micrometre), whether the neighbours lie on the anchor, beside it or far off.
/// </summary>
public sealed class FreeRegionTests(ITestOutputHelper output)
{
    [Fact]
    public void SubtractingTheNeighboursOnlyWhenNearPlacesWhatSubtractingThemAtOncePlaces()
    {
        var (solver, district) = ShippedSolver.For("卫东区");
        var factory = district.Factory;
        var (road, village) = (Pick(Names(PlaceKind.Road, "卫东区")), Pick(Names(PlaceKind.Village, "卫东区")));
        var side = Pick(["东侧", "西侧", "南侧", "北侧"]);
        var location = Gen.OneOf(
            Gen.Select(road, side, village, (r, s, v) => $"位于{r}{s}{v}"),
            Gen.Select(road, side, (r, s) => $"{r}{s}"),
            Gen.Select(road, road, Pick(["东北角", "西南角", "东南角", "西北角"]), (r1, r2, c) => $"位于{r1}与{r2}交叉口{c}"),
            village.Select(v => $"位于{v}"));
        // Neighbours as offsets from the anchor in units of the parcel's side: on it (0), beside it (~1) or far off (~20).
        var neighbour = Gen.Select(Gen.Double[-20, 20], Gen.Double[-20, 20], Gen.Double[0.2, 2], Gen.Double[0.2, 2]);
        var neighbours = Gen.OneOf(neighbour, Gen.Select(Gen.Double[-1.5, 1.5], Gen.Double[-1.5, 1.5], Gen.Double[0.2, 2], Gen.Double[0.2, 2]))
            .Array[1, 4];

        var (placed, lazy) = (0, 0);
        var cases = FixedSeed.Run(Gen.Select(location, Gen.Double[1, 300], neighbours), 600, 20261208, t =>
        {
            var (text, mu, near) = t;
            var area = mu * 666.6667;
            var plan = solver.Plan(LocationParser.Parse(text, null), area, []);
            if (plan.Anchor is not { } at) return;
            var side = Math.Sqrt(area);
            var occupied = near.Select(n => (Geometry)factory.ToGeometry(new Envelope(
                at.X + n.Item1 * side, at.X + (n.Item1 + n.Item3) * side, at.Y + n.Item2 * side, at.Y + (n.Item2 + n.Item4) * side))).ToList();
            var atOnce = occupied.Count == 1 ? Regions.Subtract(plan.Region, occupied[0]) : Regions.Subtract(plan.Region, Regions.UnionAll(occupied));

            var free = new ParcelPlacer.FreeRegion(plan.Region, occupied);
            var expected = ParcelPlacer.Place(plan, area, atOnce, 0.01);
            var actual = ParcelPlacer.Place(plan, area, free, 0.01);

            Assert.Equal(expected is null, actual is null);
            if (expected is null) return;
            placed++;
            if (!free.Subtracted) lazy++;
            // The same polygon: an overlay's vertex may differ in its last bit and the ring start where it does.
            var (a, b) = (actual!.Copy(), expected.Copy());
            a.Normalize();
            b.Normalize();
            Assert.True(a.EqualsExact(b, 1e-6), $"placed {actual}, subtracting at once placed {expected}");
        }, t => $"{t.Item1}，{t.Item2:0.#} 亩，{t.Item3.Length} 块邻地");

        output.WriteLine($"free region (seed 20261208): {cases} cases, {placed} placed, {lazy} of them without subtracting the neighbours");
        // Both paths must be reached: placements clear of every neighbour, and placements that need the subtraction.
        Assert.InRange(lazy, 1, placed - 1);
    }

    /// <summary>
    /// Neighbours wholly inside the region, or clear of it, are taken out as holes without an overlay; any that meets the
    /// region's edge or another neighbour leaves it to the overlay. Either way the free region is the overlay's.
    /// </summary>
    [Fact]
    public void TheFreeRegionIsTheRegionLessItsNeighbours()
    {
        var (solver, district) = ShippedSolver.For("卫东区");
        var factory = district.Factory;
        var (road, village) = (Pick(Names(PlaceKind.Road, "卫东区")), Pick(Names(PlaceKind.Village, "卫东区")));
        var location = Gen.OneOf(
            Gen.Select(road, Pick(["东侧", "西侧", "南侧", "北侧"]), village, (r, s, v) => $"位于{r}{s}{v}"),
            village.Select(v => $"位于{v}"));
        // Offsets and sizes in units of the parcel's side: inside the region, across its edge, off it, or on each other.
        var neighbours = Gen.Select(Gen.Double[-6, 6], Gen.Double[-6, 6], Gen.Double[0.1, 1.5], Gen.Double[0.1, 1.5]).Array[1, 4];

        var (byHand, overlaid) = (0, 0);
        var cases = FixedSeed.Run(Gen.Select(location, Gen.Double[1, 100], neighbours), 600, 20261209, t =>
        {
            var (text, mu, near) = t;
            var area = mu * 666.6667;
            var plan = solver.Plan(LocationParser.Parse(text, null), area, []);
            if (plan.Anchor is not { } at || plan.Region is not Polygon) return;
            var side = Math.Sqrt(area);
            var occupied = near.Select(n => (Geometry)factory.ToGeometry(new Envelope(
                at.X + n.Item1 * side, at.X + (n.Item1 + n.Item3) * side, at.Y + n.Item2 * side, at.Y + (n.Item2 + n.Item4) * side))).ToList();
            var expected = occupied.Count == 1 ? Regions.Subtract(plan.Region, occupied[0]) : Regions.Subtract(plan.Region, Regions.UnionAll(occupied));

            var actual = new ParcelPlacer.FreeRegion(plan.Region, occupied).All;

            // Told apart independently: every neighbour in the region's interior or off it, and none touching another.
            var asHoles = occupied.All(o => plan.Region.Relate(o, "T**FF*FF*") || plan.Region.Disjoint(o))
                && occupied.Where(plan.Region.Intersects).ToList() is var inside
                && inside.SelectMany((a, i) => inside.Skip(i + 1), (a, b) => a.Disjoint(b)).All(d => d);
            if (asHoles) byHand++;
            else overlaid++;
            Assert.True(actual.IsValid, $"free region {actual} is not valid");
            var (a, b) = (actual.Copy(), expected.Copy());
            a.Normalize();
            b.Normalize();
            Assert.True(a.EqualsExact(b, 1e-6), $"free region {actual}, the overlay's {expected}");
        }, t => $"{t.Item1}，{t.Item2:0.#} 亩，{t.Item3.Length} 块邻地");

        output.WriteLine($"free region less neighbours (seed 20261209): {cases} cases, {byHand} with every neighbour inside or clear, {overlaid} overlaid");
        Assert.True(byHand > cases / 10 && overlaid > cases / 10, $"{byHand} by hand, {overlaid} overlaid of {cases}");
    }
}
