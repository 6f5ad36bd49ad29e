using LandMap.Core.Extraction;
using LandMap.Core.Reports;

namespace LandMap.Core.Tests.Extraction;

public sealed class AreaParserTests
{
    [Theory]
    [InlineData("面积 86.5亩", 86.5)]
    [InlineData("占地12公顷", 180)]
    [InlineData("用地1.2万平方米", 18)]
    [InlineData("建筑面积6666.7平方米", 10.00005)]
    [InlineData("约0.8平方公里", 1200)]
    [InlineData("0.8平方千米", 1200)]
    [InlineData("3000㎡", 4.5)]
    [InlineData("面积１２０亩", 120)]
    [InlineData("一百二十亩", 120)]
    [InlineData("两千亩", 2000)]
    public void ConvertsEveryUnitToMu(string text, double expectedMu)
    {
        var area = AreaParser.FindFirst(text);

        Assert.NotNull(area);
        Assert.Equal(expectedMu, area.AreaMu, 3);
    }

    [Theory]
    [InlineData("面积 115 亩", AreaQualifier.Exact)]
    [InlineData("面积约 112 亩", AreaQualifier.Approximate)]
    [InlineData("120亩左右", AreaQualifier.Approximate)]
    [InlineData("预计80亩", AreaQualifier.Approximate)]
    [InlineData("300余亩", AreaQualifier.AtLeast)]
    [InlineData("300多亩", AreaQualifier.AtLeast)]
    [InlineData("1000亩以上", AreaQualifier.AtLeast)]
    [InlineData("50-80亩", AreaQualifier.Range)]
    public void QualifierFollowsTheWordsAroundTheFigure(string text, AreaQualifier expected)
    {
        var area = AreaParser.FindFirst(text);

        Assert.NotNull(area);
        Assert.Equal(expected, area.Qualifier);
        Assert.Equal(expected != AreaQualifier.Exact, area.Approx);
    }

    [Fact]
    public void RangeTakesItsMiddle()
    {
        Assert.Equal(65, AreaParser.FindFirst("50～80亩")!.AreaMu);
    }

    [Fact]
    public void SownAreaCountIsNotLand()
    {
        Assert.Empty(AreaParser.FindAll("全区粮食作物种植面积8.28万亩次"));
    }

    [Fact]
    public void OneMuIsTenThousandFifteenthsOfASquareMetre()
    {
        Assert.Equal(10000.0 / 15.0, AreaParser.SquareMetresPerMu, 10);
        Assert.Equal(15, AreaParser.FindFirst("1公顷")!.AreaMu, 10);
        Assert.Equal(1500, AreaParser.FindFirst("1平方公里")!.AreaMu, 10);
    }
}
