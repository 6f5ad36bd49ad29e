using CsCheck;
using LandMap.Core.Geocoding;
using NetTopologySuite.Geometries;

namespace LandMap.Core.Tests.Geocoding;

/// <summary>
/// The road direction a corner parcel is laid along, at a crossing on a bend of the road (平安大道 bends at its crossing
/// with 八矿路): the stretch on the parcel's side, however rounding places the crossing around the vertex. Converting
/// the gazetteer from GCJ-02 moved 八矿路 by 0.2 m and turned the NE parcel by the bend's 9° until this held.
/// </summary>
public sealed class CornerDirectionTests
{
    private static readonly GeometryFactory Factory = new();

    // West of the vertex the road climbs at 9°, east of it it runs flat (metres).
    private static readonly LineString BentRoad = Factory.CreateLineString([new(-500, 80), new(0, 0), new(500, -2)]);

    [Fact]
    public void EachSideOfTheCrossingTakesTheStretchOnThatSide() =>
        Gen.Select(Gen.Double[-0.1, 0.1], Gen.Double[-0.1, 0.1]).Sample((dx, dy) =>
        {
            var at = new Coordinate(dx, dy);

            var east = Regions.DirectionNear(BentRoad, at, (1, 0));
            var west = Regions.DirectionNear(BentRoad, at, (-1, 0));

            Assert.InRange(Math.Abs(east.Y / east.X), 0, 0.01);
            Assert.InRange(Math.Abs(west.Y / west.X), 0.15, 0.17);
        }, iter: 1_000);

    [Fact]
    public void AwayFromAVertexItIsTheNearestSegment()
    {
        var (x, y) = Regions.DirectionNear(BentRoad, new Coordinate(-250, 60), (1, 0));

        Assert.InRange(Math.Abs(y / x), 0.15, 0.17);
    }
}
