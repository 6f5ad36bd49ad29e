using LandMap.Core.Gazetteer;
using NetTopologySuite.Geometries;


namespace LandMap.Core.Tests.Gazetteer;

public sealed class GazetteerTests : IDisposable
{
    private static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);
    private readonly GazetteerFixture _fixture = new();
    private readonly GazetteerIndex _gazetteer;

    public GazetteerTests()
    {
        _fixture.Write("10_sketch.geojson", GazetteerFixture.Sketch);
        _fixture.Write("20_survey.geojson", GazetteerFixture.Survey);
        var (gazetteer, load) = GazetteerIndex.LoadDirectory(_fixture.Directory);
        Assert.True(load.IsSuccess, load.ToString());
        _gazetteer = gazetteer!;
    }

    public void Dispose() => _fixture.Dispose();

    [Theory]
    [InlineData("平郏东路", NameMatch.Name)]
    [InlineData("东平郑路", NameMatch.Alias)]
    [InlineData("东平郛路", NameMatch.Alias)]
    [InlineData("平郟东路", NameMatch.Name)]
    [InlineData("平郑东路", NameMatch.Name)]
    [InlineData("平郛东路", NameMatch.Name)]
    [InlineData("平郊东路", NameMatch.Name)]
    [InlineData("平邾东路", NameMatch.Name)]
    [InlineData(" 平郏　东路 ", NameMatch.Name)]
    public void NameAliasAndOcrVariantsFindPingjiaEastRoad(string asPrinted, NameMatch by)
    {
        var match = Assert.Single(_gazetteer.Lookup(asPrinted));
        Assert.Equal("平郏东路", match.Feature.Name);
        Assert.Equal(by, match.MatchedBy);
    }

    [Fact]
    public void OverriddenFeatureIsTheOneFound()
    {
        Assert.Equal(6, _gazetteer.Count);
        Assert.Equal("survey", _gazetteer.Lookup("平郏东路").Single().Feature.Source);
    }

    [Fact]
    public void UnknownNameFindsNothing() => Assert.Empty(_gazetteer.Lookup("十二矿路"));

    [Fact]
    public void DistrictFilterKeepsThatDistrictAndCityWideFeatures()
    {
        Assert.Single(_gazetteer.Lookup("平郏东路", "卫东区"));
        Assert.Empty(_gazetteer.Lookup("平郏东路", "湛河区"));
        Assert.Single(_gazetteer.Lookup("平安大道", "湛河区"));
        Assert.Single(_gazetteer.Lookup("湛河", "卫东区"));
        Assert.Single(_gazetteer.Lookup("魏寨", "卫东区"));
    }

    [Fact]
    public void OcrDistrictNameStillFilters() => Assert.Single(_gazetteer.Lookup("许南路", "漯河区"), m => m.MatchedBy == NameMatch.Name);

    [Fact]
    public void AmbiguousNameReturnsEveryCandidateNameFirst()
    {
        var matches = _gazetteer.Lookup("许南路");
        Assert.Equal(2, matches.Count);
        Assert.Equal(("许南路", NameMatch.Name), (matches[0].Feature.Name, matches[0].MatchedBy));
        Assert.Equal(("昆阳大道", NameMatch.Alias), (matches[1].Feature.Name, matches[1].MatchedBy));
        Assert.Equal("昆阳大道", Assert.Single(_gazetteer.Lookup("原许南路")).Feature.Name);
    }

    [Fact]
    public void ListsByKind()
    {
        Assert.Equal(4, _gazetteer.OfKind(PlaceKind.Road).Count);
        Assert.Equal(2, _gazetteer.OfKind(PlaceKind.Road, "湛河区").Count(f => f.District == "湛河区"));
        Assert.Equal("魏寨村", Assert.Single(_gazetteer.OfKind(PlaceKind.Village)).Name);
    }

    [Fact]
    public void NearestVillageIsFoundWithItsDistance()
    {
        // ~100 m east of 魏寨村 (113.320, 33.745).
        var click = Wgs84.CreatePoint(new Coordinate(113.32108, 33.745));
        var nearest = Assert.Single(_gazetteer.Nearest(click, kind: PlaceKind.Village));
        Assert.Equal("魏寨村", nearest.Feature.Name);
        Assert.InRange(nearest.DistanceM, 90, 110);
    }

    [Fact]
    public void NearestOrdersByDistanceAndRespectsTheLimit()
    {
        var click = Wgs84.CreatePoint(new Coordinate(113.303, 33.742));
        var two = _gazetteer.Nearest(click, count: 2);
        Assert.Equal(["平安大道", "平郏东路"], two.Select(n => n.Feature.Name).Order());
        Assert.True(two[0].DistanceM <= two[1].DistanceM);
        Assert.Empty(_gazetteer.Nearest(Wgs84.CreatePoint(new Coordinate(113.9, 33.9)), maxDistanceM: 1_000));
    }

    [Fact]
    public void WithinFindsFeaturesInRange()
    {
        var click = Wgs84.CreatePoint(new Coordinate(113.303, 33.742));
        var within = _gazetteer.Within(click, 500);
        Assert.Contains(within, n => n.Feature.Name == "平郏东路");
        Assert.DoesNotContain(within, n => n.Feature.Name == "湛河");
        Assert.All(within, n => Assert.True(n.DistanceM <= 500));
    }

    [Fact]
    public void BuildingInCodeAppliesLastWins()
    {
        var first = new GazetteerFeature { Name = "八矿路", Kind = PlaceKind.Road, Geometry = Wgs84.CreatePoint(new Coordinate(113.3, 33.7)), Source = "a" };
        var second = first with { Source = "b" };
        var gazetteer = new GazetteerIndex([first, second]);
        Assert.Equal("b", Assert.Single(gazetteer.Features).Source);
    }
}
