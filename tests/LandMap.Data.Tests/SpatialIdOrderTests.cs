using LandMap.Data.Sql;
using NetTopologySuite.Geometries;

namespace LandMap.Data.Tests;

/// <summary>The map order an import's rows take their ids in (<see cref="SpatialIdOrder"/>).</summary>
public sealed class SpatialIdOrderTests
{
    private static readonly GeometryFactory Plane = new();

    [Fact]
    public void TheCurveVisitsEachCellOnceStepByStep()
    {
        // The first 4^k distances along a Hilbert curve fill the 2^k × 2^k block at the origin, each cell next to the one before.
        const int side = 32;
        var cells = new (ulong D, int X, int Y)[side * side];
        for (var x = 0; x < side; x++)
        {
            for (var y = 0; y < side; y++) cells[x * side + y] = (SpatialIdOrder.Hilbert((uint)x, (uint)y), x, y);
        }
        Array.Sort(cells);
        Assert.Equal(Enumerable.Range(0, side * side).Select(d => (ulong)d), cells.Select(c => c.D));
        for (var k = 1; k < cells.Length; k++)
            Assert.True(Math.Abs(cells[k].X - cells[k - 1].X) + Math.Abs(cells[k].Y - cells[k - 1].Y) == 1, $"distance {k} is not next to {k - 1}");
    }

    [Fact]
    public void SlotsAreAPermutationWithGeometrylessEntriesLastInColumnOrder()
    {
        var random = new Random(7);
        var geometries = Enumerable.Range(0, 500)
            .Select(i => i % 9 == 4 ? null : (Geometry)Plane.CreatePoint(new Coordinate(random.Next(1000), random.Next(1000))))
            .Append(Plane.CreatePolygon())
            .ToList();

        var slots = SpatialIdOrder.Slots(geometries);

        Assert.Equal(Enumerable.Range(0, geometries.Count), slots.Order());
        var without = Enumerable.Range(0, geometries.Count).Where(i => geometries[i] is not { IsEmpty: false }).ToList();
        Assert.Equal(Enumerable.Range(geometries.Count - without.Count, without.Count), without.Select(i => slots[i]));
    }

    [Fact]
    public void AGridIsWalkedCellByCell()
    {
        // Points on a 4 × 4 grid spanning the extent fall in distinct cells of the curve's second level, so the slots walk
        // the grid from neighbour to neighbour (a row-by-row or Z order would jump).
        var random = new Random(3);
        var cells = Enumerable.Range(0, 16).OrderBy(_ => random.Next()).ToArray();
        var points = cells.Select(c => (Geometry)Plane.CreatePoint(new Coordinate(c % 4 * 10.0, c / 4 * 10.0))).ToList();

        var slots = SpatialIdOrder.Slots(points);

        var walk = Enumerable.Range(0, 16).OrderBy(i => slots[i]).Select(i => cells[i]).ToList();
        for (var k = 1; k < walk.Count; k++)
            Assert.True(Math.Abs(walk[k] % 4 - walk[k - 1] % 4) + Math.Abs(walk[k] / 4 - walk[k - 1] / 4) == 1, $"cell {walk[k]} does not adjoin {walk[k - 1]}");
    }

    [Fact]
    public void ASingleGeometryOrNoneIsItsOwnOrder()
    {
        Assert.Equal([0], SpatialIdOrder.Slots([Plane.CreatePoint(new Coordinate(3, 4))]));
        Assert.Empty(SpatialIdOrder.Slots([]));
        Assert.Equal([0, 1, 2], SpatialIdOrder.Slots([null, null, null]));
    }
}
