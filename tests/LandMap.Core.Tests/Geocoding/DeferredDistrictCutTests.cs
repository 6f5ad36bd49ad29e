using CsCheck;
using LandMap.Core.Gazetteer;
using LandMap.Core.Geocoding;
using LandMap.Core.Geocoding.Grammar;
using LandMap.Tests.Shared;
using Xunit.Abstractions;
using static LandMap.Core.Tests.Geocoding.ShippedSolver;

namespace LandMap.Core.Tests.Geocoding;

/// <summary>
/// The solver cuts a region reaching beyond the district (a road's side band) only once the other constraints have
/// narrowed it, or not at all when they bring it inside. The plan must be the one cutting at every step gives: the same
/// constraints taken and refused, the same anchor and checks, the same region.
/// </summary>
public sealed class DeferredDistrictCutTests(ITestOutputHelper output)
{
    [Fact]
    public void DeferringTheDistrictCutMakesThePlanCuttingAtOnceMakes()
    {
        var (solver, _) = ShippedSolver.For("卫东区");
        // Names of both districts: a 湛河区 village beside a 卫东区 road leaves the road's band no room inside the district.
        var (road, village) = (Pick(Names(PlaceKind.Road, "卫东区", "湛河区")),
            Pick(Names(PlaceKind.Village, "卫东区", "湛河区")));
        var side = Pick(["东侧", "西侧", "南侧", "北侧"]);
        var part = Pick(["", "东段", "西段", "北段", "南段"]);
        var location = Gen.OneOf(
            Gen.Select(road, part, side, village, (r, p, s, v) => $"位于{r}{p}{s}{v}"),
            Gen.Select(road, side, road, side, (r1, s1, r2, s2) => $"{r1}{s1}、{r2}{s2}"),
            Gen.Select(road, side, (r, s) => $"{r}{s}"),
            Gen.Select(road, road, Pick(["东北角", "西南角"]), village, (r1, r2, c, v) => $"位于{r1}与{r2}交叉口{c}{v}"),
            Gen.Select(road, road, road, road, (w, e, s, n) => $"西至{w}，东至{e}，南至{s}，北至{n}"));
        var areaMu = Gen.Double[0.5, 600];

        var (deferred, redone) = (0, 0);
        var cases = FixedSeed.Run(Gen.Select(location, areaMu), 2_000, 20261207, t =>
        {
            var (text, mu) = t;
            var parsed = LocationParser.Parse(text, null);
            var area = mu * 666.6667;
            var atOnce = solver.Plan(parsed, area, [], deferDistrictCut: false)!;
            var later = solver.Plan(parsed, area, [], deferDistrictCut: true);
            if (later is null)
            {
                // The deferred cut could not confirm a constraint it took: the solver plans again, cutting at once.
                redone++;
                return;
            }
            deferred++;
            Assert.Equal(Describe(atOnce), Describe(later));
            Assert.Equal(atOnce.Anchor, later.Anchor);
            var difference = Regions.Subtract(atOnce.Region, later.Region).Area + Regions.Subtract(later.Region, atOnce.Region).Area;
            Assert.True(difference <= Math.Max(1e-6, atOnce.Region.Area * 1e-9), $"regions differ by {difference} m²");
        }, t => $"{t.Item1}，{t.Item2:0.#} 亩");

        output.WriteLine($"deferred district cut (seed 20261207): {cases} locations, {deferred} planned with the cut deferred, {redone} planned again cutting at once");
        Assert.True(redone > 0, "the generator should reach a constraint the district leaves no room, where the deferred plan is made again");
    }

    private static string Describe(PlacementPlan plan) =>
        $"{plan.Method} {plan.Kind} {plan.Linear} {plan.ApproximateOnly} | " +
        string.Join(" ; ", plan.Checks.Select(c => $"{c.Result.Kind}:{c.Result.Detail}:{c.Test is not null}")) + " | " +
        string.Join(" ; ", plan.Warnings);
}
