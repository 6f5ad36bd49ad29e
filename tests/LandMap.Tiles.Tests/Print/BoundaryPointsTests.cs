using CsCheck;
using LandMap.Tiles.Print;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;

namespace LandMap.Tiles.Tests.Print;

/// <summary>The 界址点坐标表's numbering: clockwise from the north-west point, on through parts and holes.</summary>
public sealed class BoundaryPointsTests
{
    private static readonly GeometryFactory Factory = new();

    [Fact]
    public void ACounterClockwiseSquareIsListedClockwiseFromItsNorthWestCorner()
    {
        // E, N metres, given counter-clockwise from the south-west corner.
        var square = Factory.CreatePolygon([new(500, 1000), new(600, 1000), new(600, 1080), new(500, 1080), new(500, 1000)]);

        var ring = Assert.Single(BoundaryPoints.Of(square));

        Assert.Equal(["J1", "J2", "J3", "J4"], ring.Points.Select(p => p.Label));
        // X is the northing, Y the easting: north-west, north-east, south-east, south-west.
        Assert.Equal([(1080.0, 500.0), (1080.0, 600.0), (1000.0, 600.0), (1000.0, 500.0)], ring.Points.Select(p => (p.X, p.Y)));
        Assert.Equal([100.0, 80.0, 100.0, 80.0], ring.Points.Select(p => p.EdgeToNextM));
    }

    [Fact]
    public void PartsAndHolesAreNumberedOnAfterTheirOuterRing()
    {
        var withHole = Factory.CreatePolygon(
            Factory.CreateLinearRing([new(0, 0), new(0, 100), new(100, 100), new(100, 0), new(0, 0)]),
            [Factory.CreateLinearRing([new(40, 40), new(60, 40), new(60, 60), new(40, 60), new(40, 40)])]);
        var second = Factory.CreatePolygon([new(200, 0), new(230, 0), new(230, 30), new(200, 0)]);

        var rings = BoundaryPoints.Of(Factory.CreateMultiPolygon([withHole, second]));

        Assert.Equal([(1, false), (1, true), (2, false)], rings.Select(r => (r.Part, r.IsHole)));
        Assert.Equal(Enumerable.Range(1, 11).Select(i => $"J{i}"), rings.SelectMany(r => r.Points).Select(p => p.Label));
        Assert.Equal((60.0, 40.0), (rings[1].Points[0].X, rings[1].Points[0].Y));
    }

    [Fact]
    public void RepeatedVerticesGetNoRowOfTheirOwnAndPointsHaveNoRing()
    {
        var repeated = Factory.CreatePolygon([new(0, 0), new(0, 0), new(0, 10), new(10, 10), new(10, 10), new(10, 0), new(0, 0)]);

        Assert.Equal(4, Assert.Single(BoundaryPoints.Of(repeated)).Points.Count);
        Assert.Empty(BoundaryPoints.Of(Factory.CreatePoint(new Coordinate(1, 2))));
        Assert.Empty(BoundaryPoints.Of(Factory.CreateLineString([new(0, 0), new(5, 5)])));
    }

    [Fact]
    public void AnyRingIsListedWholeClockwiseFromTheVertexNearestItsNorthWestCorner()
    {
        // Star-shaped rings around a GK position, either orientation, starting anywhere.
        var rings = Gen.Select(Gen.Double[1, 2_000].Array[3, 80], Gen.Bool, Gen.Int[0, 1_000], Gen.Double[0, 2 * Math.PI]);
        rings.Sample((radii, clockwise, shift, turn) =>
        {
            var coordinates = radii
                .Select((r, i) => new Coordinate(440_000 + r * Math.Cos(turn + 2 * Math.PI * i / radii.Length), 3_737_000 + r * Math.Sin(turn + 2 * Math.PI * i / radii.Length)))
                .ToList();
            if (clockwise) coordinates.Reverse();
            var start = shift % coordinates.Count;
            coordinates = coordinates.Skip(start).Concat(coordinates.Take(start)).ToList();
            var polygon = Factory.CreatePolygon(coordinates.Append(coordinates[0]).ToArray());

            var points = Assert.Single(BoundaryPoints.Of(polygon)).Points;

            Assert.Equal(coordinates.Count, points.Count);
            var listed = points.Select(p => new Coordinate(p.Y, p.X)).ToList();
            Assert.False(Orientation.IsCCW(listed.Append(listed[0]).ToArray()), "not clockwise");
            Assert.Equal(coordinates.OrderBy(c => c.X).ThenBy(c => c.Y), listed.OrderBy(c => c.X).ThenBy(c => c.Y));
            var corner = new Coordinate(polygon.EnvelopeInternal.MinX, polygon.EnvelopeInternal.MaxY);
            Assert.Equal(coordinates.Min(c => c.Distance(corner)), listed[0].Distance(corner));
            Assert.Equal(polygon.Length, points.Sum(p => p.EdgeToNextM), 6);
        });
    }
}
