using CsCheck;
using LandMap.Core.Geocoding;
using LandMap.Core.Geocoding.Grammar;
using LandMap.Tests.Shared;
using NetTopologySuite.Geometries;
using Xunit.Abstractions;

namespace LandMap.Core.Tests.Geocoding;

/// <summary>
/// A road's side band skips the validity test when the road never turns back across the side's direction (each step
/// further east for a north or south band, further north for an east or west one). Such a band must be valid as built.
/// </summary>
public sealed class SideBandTests(ITestOutputHelper output)
{
    private static readonly GeometryFactory Plane = LandMap.Core.Crs.MetricPlane.Gk114.Factory;

    [Fact]
    public void ABandAlongARoadThatNeverTurnsBackIsValidAsBuilt()
    {
        var sides = Gen.Int[0, 3].Select(i => new[] { Compass.North, Compass.South, Compass.East, Compass.West }[i]);
        var points = Gen.Select(Gen.Double[-2000, 2000], Gen.Double[-2000, 2000]).Array[2, 8];
        var cases = FixedSeed.Run(Gen.Select(points, sides, Gen.Double[10, 3000], Gen.Bool), 3_000, 20261207, t =>
        {
            var (raw, side, depth, backwards) = t;
            // Sorted across the side's direction (and distinct there): the road never turns back.
            var across = side is Compass.North or Compass.South;
            var sorted = raw.Select(p => new Coordinate(Math.Round(p.Item1, 2), Math.Round(p.Item2, 2)))
                .DistinctBy(c => across ? c.X : c.Y).OrderBy(c => across ? c.X : c.Y).ToList();
            if (sorted.Count < 2) return;
            if (backwards) sorted.Reverse();
            var road = Plane.CreateLineString([.. sorted]);

            var band = Regions.Side(road, side, depth);

            Assert.True(band.IsValid, $"invalid band: {band}");
            // As built: the road's length times the depth swept, the area of the polygon road + shifted road.
            var (dx, dy) = Directions.Vector(side);
            var swept = Plane.CreatePolygon([.. sorted, .. sorted.AsEnumerable().Reverse().Select(c => new Coordinate(c.X + dx * depth, c.Y + dy * depth)), sorted[0]]);
            Assert.Equal(Math.Abs(swept.Area), band.Area, 1e-6 * Math.Max(1, band.Area));
        }, t => $"{t.Item2} {t.Item3} {t.Item4}");
        output.WriteLine($"side bands (seed 20261207): {cases} roads that never turn back, each band valid as built");
    }
}
