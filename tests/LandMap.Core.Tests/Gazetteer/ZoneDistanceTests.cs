using LandMap.Core.Gazetteer;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace LandMap.Core.Tests.Gazetteer;

/// <summary>
/// The nearest-feature distance the server's investor facts report (<see cref="GazetteerIndex.Nearest"/>) is measured in
/// the origin's Gauss-Krüger zone: in 北京市朝阳区, EPSG:4548.
/// </summary>
public sealed class ZoneDistanceTests
{
    // Reference distances from GDAL 3.6.2 (PROJ): `gdaltransform -s_srs EPSG:4326 -t_srs EPSG:4548 -output_xy` (and 4547)
    // of the road's two ends and the parcel's five vertices, then the planar distance from the nearest vertex (116.4476
    // 39.9190) to the projected road segment, computed by hand: 649.775 m in EPSG:4548, 650.121 m in EPSG:4547.
    private const double InZone39 = 649.7747, InZone38 = 650.1212;

    [Fact]
    public void NearestRoadOfABeijingParcelIsMeasuredInZone39()
    {
        var reader = new WKTReader(new NetTopologySuite.NtsGeometryServices(new PrecisionModel(), 4326));
        var road = new GazetteerFeature { Name = "东三环", Kind = PlaceKind.Road, Geometry = reader.Read("LINESTRING (116.4400 39.9000, 116.4400 39.9400)") };
        var parcel = reader.Read("POLYGON ((116.4480 39.9215, 116.4512 39.9218, 116.4521 39.9196, 116.4503 39.9183, 116.4476 39.9190, 116.4480 39.9215))");

        var hit = Assert.Single(new GazetteerIndex([road]).Nearest(parcel, 1, 20_000, PlaceKind.Road));

        Assert.Equal(InZone39, hit.DistanceM, 0.01);
        Assert.True(Math.Abs(hit.DistanceM - InZone38) > 0.3);
    }
}
