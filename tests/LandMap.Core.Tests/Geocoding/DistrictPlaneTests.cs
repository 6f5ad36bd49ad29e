using Xunit.Abstractions;
using LandMap.Core.Crs;
using LandMap.Core.Extraction;
using LandMap.Core.Gazetteer;
using LandMap.Core.Gazetteer.Registry;
using LandMap.Core.Geocoding;
using NetTopologySuite.Geometries;

namespace LandMap.Core.Tests.Geocoding;

/// <summary>
/// A district outside Pingdingshan's zone 38 is measured in its own zone: 北京市朝阳区 at 116.45°E in zone 39,
/// EPSG:4548 (CM 117°E). The test gazetteer is laid out on that plane's metre grid: the district is the square
/// E 450–456 km, N 4 420–4 426 km; 北三环东路 runs east–west along N 4 423 000, 樱花东路 north–south along E 453 000.
/// </summary>
public sealed class DistrictPlaneTests(ITestOutputHelper output)
{
    private const double RoadY = 4_423_000, StreetX = 453_000;
    private static readonly MetricPlane Zone39 = MetricPlane.ForEpsg(4548);

    private static GazetteerIndex Chaoyang() => new(
    [
        Feature("朝阳区", PlaceKind.District, Zone39.Factory.ToGeometry(new Envelope(450_000, 456_000, 4_420_000, 4_426_000))),
        Feature("北三环东路", PlaceKind.Road, Line((450_000, RoadY), (456_000, RoadY))),
        Feature("樱花东路", PlaceKind.Road, Line((StreetX, 4_420_000), (StreetX, 4_426_000))),
    ]);

    [Fact]
    public void ADistrictAt116EIsGeocodedInEpsg4548()
    {
        var gazetteer = Chaoyang();
        var parcel = new ParcelGeocoder(gazetteer).GeocodeText("北三环东路与樱花东路交叉口东北角，面积 30 亩", "朝阳区");
        output.WriteLine($"朝阳区: metric plane {parcel.MetricCrs}, {parcel.Status}, {parcel.AreaMuComputed} 亩");

        Assert.Equal("EPSG:4548", parcel.MetricCrs);
        Assert.Equal(GeocodeStatus.Located, parcel.Status);
        var metres = Zone39.ToPlane(parcel.Geometry!);
        Assert.True(metres.EnvelopeInternal.MinX >= StreetX && metres.EnvelopeInternal.MinY >= RoadY, $"not north-east of the crossing: {metres}");
        // The stated area holds on zone 39's plane, where the scale error at 0.55° from the meridian is 3e-5; on the
        // fixed 114°E plane (2.45° away) the same land reads 0.1 % larger.
        Assert.Equal(parcel.AreaMuComputed!.Value, metres.Area / AreaParser.SquareMetresPerMu, 0.01);
        Assert.True(MetricPlane.Gk114.AreaM2(parcel.Geometry!) / metres.Area > 1.0008, "zone 38 should read the land larger");
    }

    [Fact]
    public void ALocationMayNameItsDistrictAndCityFirst()
    {
        var registered = new GazetteerIndex(Chaoyang().Features) { Districts = new DistrictRegistry([new RegisteredDistrict(110105, "朝阳区", "", "北京市")]) };

        var parcel = new ParcelGeocoder(registered).GeocodeText("北京市朝阳区北三环东路与樱花东路交叉口东北角，面积 30 亩", "朝阳区");

        Assert.Equal(GeocodeStatus.Located, parcel.Status);
        Assert.DoesNotContain(parcel.Warnings, w => w.Contains("北京市"));
    }

    [Fact]
    public void TheIndexProjectsFeaturesToTheAskedPlane()
    {
        var gazetteer = Chaoyang();
        var road = gazetteer.Lookup("北三环东路").Single().Feature;

        var inZone39 = gazetteer.MetricGeometry(road, Zone39);
        var inZone38 = gazetteer.MetricGeometry(road, MetricPlane.Gk114);

        Assert.Equal(4548, inZone39.SRID);
        Assert.Equal(RoadY, inZone39.Coordinates[0].Y, 1e-3);
        Assert.Equal(4547, inZone38.SRID);
        Assert.True(inZone38.Coordinates[0].X > 700_000, $"zone 38 easting of 116.4°E: {inZone38.Coordinates[0].X}");
        Assert.Same(inZone39, gazetteer.MetricGeometry(road, Zone39));
    }

    [Fact]
    public void TheResolverTakesThePlaneOfTheDistrict()
    {
        Assert.Equal(4548, new PlaceResolver(Chaoyang(), "朝阳区").Plane.Epsg);
        Assert.Equal(4547, new PlaceResolver(TestGazetteer.Build(), "卫东区").Plane.Epsg);
    }

    [Fact]
    public void ANameResolvesOncePerGazetteerDistrictAndPlane()
    {
        var gazetteer = TestGazetteer.Build();
        var first = new PlaceResolver(gazetteer, "卫东区").Resolve("八矿路", preferLine: true);
        Assert.NotNull(first);
        // Another column's resolver of the same district: the same answer, not resolved again.
        Assert.Same(first, new PlaceResolver(gazetteer, "卫东区").Resolve("八矿路", preferLine: true));
        // Another district, the other preference or another gazetteer: resolved on its own.
        Assert.NotSame(first, new PlaceResolver(gazetteer, "湛河区").Resolve("八矿路", preferLine: true));
        Assert.NotSame(first, new PlaceResolver(gazetteer, "卫东区").Resolve("八矿路", preferLine: false));
        Assert.NotSame(first, new PlaceResolver(TestGazetteer.Build(), "卫东区").Resolve("八矿路", preferLine: true));
    }

    [Fact]
    public void TheResolvedNamesOfOneGazetteerAreBounded()
    {
        var gazetteer = TestGazetteer.Build();
        var resolver = new PlaceResolver(gazetteer, "卫东区");
        var first = resolver.Resolve("八矿路", preferLine: true);
        // Report text may name anything: unknown names fill the cache until it starts over.
        for (var i = 0; i < PlaceResolver.ResolvedCap; i++) Assert.Null(resolver.Resolve($"无名路{i}", preferLine: true));

        var again = resolver.Resolve("八矿路", preferLine: true);
        Assert.NotSame(first, again);
        Assert.Equal(first, again);
    }

    private static LineString Line((double X, double Y) a, (double X, double Y) b) =>
        Zone39.Factory.CreateLineString([new Coordinate(a.X, a.Y), new Coordinate(b.X, b.Y)]);

    private static GazetteerFeature Feature(string name, PlaceKind kind, Geometry metres) => new()
    {
        Name = name,
        Kind = kind,
        District = "朝阳区",
        PrecisionM = 20,
        Source = "test",
        Geometry = Zone39.ToWgs84(metres),
    };
}
