using LandMap.Core.Gazetteer;
using LandMap.Core.Geocoding;
using LandMap.Tiles.Rendering;

namespace LandMap.Tiles.Tests.Rendering;

public sealed class MapSceneTests
{
    private const string Zhanhe = "POLYGON ((113.20 33.68, 113.30 33.68, 113.30 33.73, 113.20 33.73, 113.20 33.68))";

    [Fact]
    public void DefaultBoundsAreTheDistrictsThatHaveParcels()
    {
        var scene = TestScene.Create() with
        {
            Features = [.. TestScene.Create().Features, TestScene.Feature("湛河区", PlaceKind.District, Zhanhe)],
        };

        Assert.Equal(TestScene.Read(TestScene.DistrictWkt).EnvelopeInternal, scene.ResolveBounds());
    }

    [Fact]
    public void AnExplicitDistrictWinsOverTheEntries()
    {
        var scene = TestScene.Create() with
        {
            Features = [.. TestScene.Create().Features, TestScene.Feature("湛河区", PlaceKind.District, Zhanhe)],
            District = "湛河区",
        };

        Assert.Equal(TestScene.Read(Zhanhe).EnvelopeInternal, scene.ResolveBounds());
    }

    [Fact]
    public void WithoutDistrictPolygonsTheParcelsAreShown()
    {
        var scene = new MapScene { Entries = [TestScene.Entry(1, "甲", GeocodeStatus.Located, TestScene.LocatedWkt)] };

        Assert.Equal(TestScene.Read(TestScene.LocatedWkt).EnvelopeInternal, scene.ResolveBounds());
    }

    [Fact]
    public void TitleNamesDistrictAndPlanYear()
    {
        Assert.Equal("卫东区 2023 年用地保障重点项目（草图，仅供核对）", TestScene.Create().ResolveTitle());
    }

    [Fact]
    public void TitleOfABaseMapSaysSo()
    {
        var scene = new MapScene { Features = TestScene.Create().Features, District = "湛河区" };

        Assert.Equal("湛河区地名底图（草图，仅供核对）", scene.ResolveTitle());
    }
}
