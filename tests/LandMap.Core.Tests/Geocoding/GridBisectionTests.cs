using CsCheck;
using LandMap.Core.Geocoding;
using LandMap.Tests.Shared;
using NetTopologySuite.Geometries;
using Xunit.Abstractions;

namespace LandMap.Core.Tests.Geocoding;

/// <summary>
/// The placer's search for the scale at which a clipped rectangle reaches its area: the answer plain bisection gives, in
/// far fewer evaluations; and a sliver the overlay leaves at the anchor is not the piece it grows.
/// </summary>
public sealed class GridBisectionTests(ITestOutputHelper output)
{
    // What the placer did before: halve [0, high] until the bracket is 1e-5 wide.
    private static (double Answer, int Evaluations) PlainBisection(Func<double, double> area, double target, double high)
    {
        double lo = 0, hi = high;
        var evaluations = 0;
        for (var i = 0; i < 40 && hi - lo > 1e-5; i++)
        {
            var mid = (lo + hi) / 2;
            evaluations++;
            if (area(mid) < target) lo = mid;
            else hi = mid;
        }
        return (hi, evaluations);
    }

    // Areas as the placer meets them: the square of the scale (power 2) or linear in the depth (power 1), clipped to a
    // ceiling, with a step where a second piece joins.
    private static readonly Gen<(double Scale, double Cap, double StepAt, double Step, int Power, double Target, double High, double Guess)> Areas =
        Gen.Select(Gen.Double[0.2, 3], Gen.Double[0.3, 50], Gen.Double[0, 6], Gen.Double[0, 5], Gen.Int[1, 2], Gen.Double[0.01, 40], Gen.Bool.Select(b => b ? 6.0 : 1.0), Gen.Double[0.05, 3])
            .Select(t => (t.Item1, t.Item2, t.Item3, t.Item4, t.Item5, t.Item6, t.Item7, t.Item8));

    [Fact]
    public void GrowingAreasGetTheAnswerOfPlainBisection()
    {
        long fewer = 0, plain = 0;
        var cases = FixedSeed.Run(Areas, 5_000, 20261207, t =>
        {
            double Area(double s) => Math.Min(t.Cap, Math.Pow(s * t.Scale, t.Power)) + (s >= t.StepAt ? t.Step : 0);
            var evaluations = 0;
            var answer = GridBisection.Solve(s => { evaluations++; return Area(s); }, t.Target, t.High, t.Guess, t.Power);
            var (expected, bisections) = PlainBisection(Area, t.Target, t.High);
            Assert.Equal(expected, answer);
            fewer += evaluations;
            plain += bisections;
        }, t => t.ToString());
        output.WriteLine($"grid bisection (seed 20261207): {cases} cases, {fewer} evaluations against plain bisection's {plain}");
        Assert.True(fewer * 2 < plain, $"{fewer} evaluations against {plain}");
    }

    [Fact]
    public void AnUnclippedRectangleTakesAFewEvaluations()
    {
        var evaluations = 0;
        var scale = GridBisection.Solve(s => { evaluations++; return 1000 * s * s; }, 1000, 6, guess: 1, power: 2);
        Assert.Equal(PlainBisection(s => 1000 * s * s, 1000, 6).Answer, scale);
        Assert.InRange(evaluations, 1, 3);
    }

    [Fact]
    public void ASliverAtTheAnchorIsNotThePieceThatGrows()
    {
        var factory = LandMap.Core.Crs.MetricPlane.Gk114.Factory;
        // A rectangle clipped to the free land: the land 30 m east of the anchor, and a 5e-9 m² sliver touching the anchor
        // (what an overlay leaves along a neighbour's edge there). Taken as the nearest piece, the sliver made the area a
        // search sees jump between nothing and the land's.
        var land = factory.CreatePolygon([new(30, 0), new(100, 0), new(100, 50), new(30, 50), new(30, 0)]);
        var sliver = factory.CreatePolygon([new(0, 0), new(1e-4, 0), new(0, 1e-4), new(0, 0)]);
        var clipped = factory.CreateMultiPolygon([sliver, land]);

        Assert.Same(land, ParcelPlacer.Nearest(clipped, new Coordinate(0, 0), rectangleArea: 100 * 50));
        // A real piece at the anchor, however small next to the land, is still the nearest.
        var plot = factory.CreatePolygon([new(0, 0), new(1, 0), new(1, 1), new(0, 1), new(0, 0)]);
        Assert.Same(plot, ParcelPlacer.Nearest(factory.CreateMultiPolygon([plot, land]), new Coordinate(0, 0), rectangleArea: 100 * 50));
    }
}
