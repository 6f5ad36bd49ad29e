using LandMap.Core.Extraction;

namespace LandMap.Core.Tests.Extraction;

public sealed class BoundsParserTests
{
    [Fact]
    public void FourBoundariesAreReadSideBySide()
    {
        var bounds = BoundsParser.Parse("西至平郟东路，东至十二矿独立工矿区部分区域，南至平安大道，北至平煤大道");

        Assert.NotNull(bounds);
        Assert.Equal(("平郟东路", "十二矿独立工矿区部分区域", "平安大道", "平煤大道"), (bounds.West, bounds.East, bounds.South, bounds.North));
        Assert.Equal("sizhi", bounds.Form);
    }

    [Fact]
    public void MissingSideStaysNull()
    {
        var bounds = BoundsParser.Parse("东至十矿专用线，西至新华路，南至平安大道");

        Assert.NotNull(bounds);
        Assert.Null(bounds.North);
        Assert.Equal("新华路", bounds.West);
    }

    [Fact]
    public void HalfPlanesBoundTheOppositeSide()
    {
        // East of 开发一路 means 开发一路 is the west side; south of the spur line makes it the north side.
        var bounds = BoundsParser.Parse("开发一路以东，平煤专用线以南，孟平铁路以北");

        Assert.NotNull(bounds);
        Assert.Equal("开发一路", bounds.West);
        Assert.Equal("平煤专用线", bounds.North);
        Assert.Equal("孟平铁路", bounds.South);
        Assert.Null(bounds.East);
        Assert.Equal("half-planes", bounds.Form);
    }

    [Theory]
    [InlineData("北环路以南魏寨村")]
    [InlineData("平安大道东段北侧程庄村")]
    [InlineData("寺沟社区至竹园村")]
    [InlineData("")]
    public void NoBoxIsNoBounds(string location)
    {
        Assert.Null(BoundsParser.Parse(location));
    }
}
