using CsCheck;
using LandMap.Core.Geocoding;
using LandMap.Tests.Shared;
using NetTopologySuite.Geometries;
using Xunit.Abstractions;

namespace LandMap.Core.Tests.Geocoding;

/// <summary>The solver's disks, made directly, are the polygons a point's 16-segment buffer gives, vertex for vertex.</summary>
public sealed class DiskTests(ITestOutputHelper output)
{
    private static readonly GeometryFactory Plane = LandMap.Core.Crs.MetricPlane.Gk114.Factory;

    [Fact]
    public void ADiskIsThePointsBufferVertexForVertex()
    {
        var cases = FixedSeed.Run(Gen.Select(Gen.Double[300_000, 700_000], Gen.Double[2_500_000, 5_500_000], Gen.Double[1, 20_000]), 5_000, 20261207, t =>
        {
            var (x, y, radius) = t;
            var disk = Regions.Disk(new Coordinate(x, y), radius, Plane);
            var buffer = Plane.CreatePoint(new Coordinate(x, y)).Buffer(radius, 16);
            Assert.Equal(buffer.Coordinates.Length, disk.Coordinates.Length);
            for (var i = 0; i < buffer.Coordinates.Length; i++) Assert.True(buffer.Coordinates[i].Equals2D(disk.Coordinates[i]), $"vertex {i}");
            Assert.Equal(Plane.SRID, disk.SRID);
        }, t => t.ToString());
        output.WriteLine($"disks (seed 20261207): {cases} cases, each the buffer's polygon");
    }
}
