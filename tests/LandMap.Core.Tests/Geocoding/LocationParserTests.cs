using LandMap.Core.Extraction;
using LandMap.Core.Geocoding.Grammar;

namespace LandMap.Core.Tests.Geocoding;

public sealed class LocationParserTests
{
    private static IReadOnlyList<LocationConstraint> Parse(string location) => LocationParser.Parse(location, BoundsParser.Parse(location)).Constraints;

    [Fact]
    public void CornerOfACrossing()
    {
        var corner = Assert.IsType<CornerConstraint>(Assert.Single(Parse("八矿路与平安大道交叉口东北角")));

        Assert.Equal(("八矿路", "平安大道", Compass.NorthEast), (corner.RoadA, corner.RoadB, corner.Quadrant!.Value));
    }

    [Fact]
    public void SideWithSectionThenVillage()
    {
        var constraints = Parse("平安大道东段北侧程庄村");

        var side = Assert.IsType<SideConstraint>(constraints[0]);
        Assert.Equal(("平安大道", Compass.North, RoadSection.East, true), (side.Feature, side.Side, side.Section!.Value, side.Fronting));
        Assert.Equal("程庄村", Assert.IsType<PlaceConstraint>(constraints[1]).Place);
    }

    [Fact]
    public void TheReportsOwnDistrictBeforeAPlaceIsDropped()
    {
        string[] chaoyang = ["北京市朝阳区", "朝阳区", "北京市"];
        var constraints = LocationParser.Parse("北京市朝阳区酒仙桥街道酒仙桥路东侧，朝阳区将台乡驼房营村", null, chaoyang).Constraints;

        var side = Assert.IsType<SideConstraint>(constraints[0]);
        Assert.Equal(("酒仙桥路", Compass.East), (side.Feature, side.Side));
        // The 乡 stays with its village, to tell homonyms apart (PlaceResolver splits it off).
        Assert.Equal("将台乡驼房营村", Assert.IsType<PlaceConstraint>(constraints[1]).Place);
        // Without the district's forms the prefix is read as part of the road's name; a name that only begins like the
        // district (朝阳区路) keeps it.
        Assert.Equal("北京市朝阳区酒仙桥街道酒仙桥路", Assert.IsType<SideConstraint>(LocationParser.Parse("北京市朝阳区酒仙桥街道酒仙桥路东侧").Constraints[0]).Feature);
        Assert.Equal("朝阳区路", Assert.IsType<SideConstraint>(LocationParser.Parse("朝阳区路东侧", null, chaoyang).Constraints[0]).Feature);
    }

    [Theory]
    [InlineData("铁路新村社区", "铁路新村社区", null)]
    [InlineData("铁路新村社区北侧", "铁路新村社区", Compass.North)]
    [InlineData("建设路社区", "建设路社区", null)]
    public void ACommunityNamedAfterARailwayOrRoadIsAPlace(string location, string place, Compass? side)
    {
        var constraint = Assert.IsType<PlaceConstraint>(Assert.Single(Parse(location)));

        Assert.Equal((place, side), (constraint.Place, constraint.Side));
    }

    [Fact]
    public void FourBoundariesBecomeABox()
    {
        var box = Assert.IsType<BoxConstraint>(Assert.Single(Parse("东至平煤十矿铁路专用线，西至新华路，南至平安大道，北至规划城市开发边界")));

        Assert.Equal(("新华路", "平煤十矿铁路专用线", "平安大道", "规划城市开发边界"), (box.West, box.East, box.South, box.North));
    }

    [Fact]
    public void HalfPlanePairsBecomeABox()
    {
        var box = Assert.IsType<BoxConstraint>(Assert.Single(Parse("开发一路以东，平煤专用线以南，孟平铁路以北")));

        Assert.Equal(("开发一路", null, "孟平铁路", "平煤专用线"), (box.West, box.East, box.South, box.North));
    }

    [Fact]
    public void SingleHalfPlaneIsASideThatNeedNotTouch()
    {
        var side = Assert.IsType<SideConstraint>(Parse("北环路以南魏寨村")[0]);

        Assert.Equal((Compass.South, false), (side.Side, side.Fronting));
    }

    [Fact]
    public void BothSidesAndBothSidesOfASection()
    {
        Assert.Equal(RoadSection.East, Assert.IsType<BothSidesConstraint>(Assert.Single(Parse("平安大道东段两侧"))).Section);
        Assert.Equal("东平郑路", Assert.IsType<BothSidesConstraint>(Parse("东平郑路北段东、西两侧小店村")[0]).Feature);
    }

    [Fact]
    public void StretchBetweenTwoPlaces()
    {
        var stretch = Assert.IsType<StretchConstraint>(Assert.Single(Parse("北环路办事处寺沟社区至竹园村")));

        Assert.Equal(("寺沟社区", "竹园村"), (stretch.From, stretch.To));
    }

    [Fact]
    public void RelativeToAnotherEntry()
    {
        var constraints = Parse("平安大道东段、汽车产业园项目南侧焦庄村");

        Assert.IsType<SectionConstraint>(constraints[0]);
        var relative = Assert.IsType<RelativeConstraint>(constraints[1]);
        Assert.Equal(("汽车产业园项目", Compass.South), (relative.Entry, relative.Side));
        Assert.Equal("焦庄村", Assert.IsType<PlaceConstraint>(constraints[2]).Place);
    }

    [Fact]
    public void OffsetAndHouseNumberSide()
    {
        var constraints = Parse("平顶山市卫东区平安大道与焦程路向西 50 米路北 6 号");

        Assert.IsType<CornerConstraint>(constraints[0]);
        var offset = Assert.IsType<OffsetConstraint>(constraints[1]);
        Assert.Equal((Compass.West, 50.0), (offset.Direction, offset.DistanceM));
        var side = Assert.IsType<SideConstraint>(constraints[2]);
        Assert.Equal(("平安大道", Compass.North), (side.Feature, side.Side));
    }

    [Fact]
    public void BorderWithANeighbour()
    {
        var constraints = Parse("光华路办事处程庄村北侧，许南路以西与襄城县交界处");

        Assert.Equal(("程庄村", Compass.North), (Assert.IsType<PlaceConstraint>(constraints[0]).Place, Assert.IsType<PlaceConstraint>(constraints[0]).Side!.Value));
        Assert.Equal("襄城县", Assert.IsType<BorderConstraint>(constraints[^1]).Neighbour);
    }

    [Fact]
    public void FormerLandmarkInsideAVillage()
    {
        Assert.Equal(["观上村", "丁营砖厂"], Parse("观上村原丁营砖厂").Cast<PlaceConstraint>().Select(p => p.Place));
    }

    [Fact]
    public void RenamedRoadInBracketsIsNotAnotherPlace()
    {
        var side = Assert.IsType<SideConstraint>(Parse("昆阳大道（原许南路）东侧辛北村")[0]);

        Assert.Equal(("昆阳大道", Compass.East), (side.Feature, side.Side));
        Assert.Equal(2, Parse("昆阳大道（原许南路）东侧辛北村").Count);
    }

    [Fact]
    public void BareDirectionAfterALineOrAPlace()
    {
        var constraints = Parse("韩申线南、中平能化集团天工有限公司北");

        Assert.Equal(("韩申线", Compass.South), (Assert.IsType<SideConstraint>(constraints[0]).Feature, ((SideConstraint)constraints[0]).Side));
        Assert.Equal(Compass.North, Assert.IsType<PlaceConstraint>(constraints[1]).Side);
    }

    [Fact]
    public void SubParcelTextsAreSplitAtTheirBrackets()
    {
        var parts = LocationParser.SplitParts("八矿路与平安大道交叉口东北（一站约 47 亩）、平安大道东段南侧、八矿路口对面（二站台约 68 亩）");

        Assert.Equal([("一站", "八矿路与平安大道交叉口东北"), ("二站台", "平安大道东段南侧、八矿路口对面")], parts);
    }

    [Theory]
    [InlineData("蒲城街道新庄村", "蒲城街道新庄村")]
    [InlineData("平顶山市卫东区申楼街道办事处焦庄村", "申楼街道焦庄村")]
    [InlineData("东安路街道新庄村", "东安路街道新庄村")]
    [InlineData("卫东区东安路街道办事处新庄村", "东安路街道新庄村")]
    [InlineData("康复街社区", "康复街社区")]
    [InlineData("五一路街道康复街社区", "五一路街道康复街社区")]
    public void AVillageNamedAloneKeepsItsSubdistrict(string location, string place) =>
        Assert.Equal(place, Assert.IsType<PlaceConstraint>(Assert.Single(Parse(location))).Place);
}
