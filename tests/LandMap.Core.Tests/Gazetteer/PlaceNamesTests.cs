using LandMap.Core.Gazetteer;

namespace LandMap.Core.Tests.Gazetteer;

public class PlaceNamesTests
{
    [Theory]
    [InlineData("平郟东路", "平郏东路")]
    [InlineData("东平郑路", "东平郏路")]
    [InlineData("平郊东路", "平郏东路")]
    [InlineData("郟县", "郏县")]
    [InlineData("平 安　大道", "平安大道")]
    [InlineData("开发一路（北段）", "开发一路(北段)")]
    [InlineData("１２号", "12号")]
    [InlineData("漯河区", "湛河区")]
    [InlineData("漯河市", "漯河市")]
    [InlineData("平顶山", "平顶山")]
    public void NormalizesOcrAndWidthVariants(string input, string expected) =>
        Assert.Equal(expected, PlaceNames.Normalize(input));

    [Fact]
    public void ConfusionTableMapsToCanonicalForms()
    {
        Assert.All(PlaceNames.OcrConfusions, row => Assert.Equal(row.Canonical, PlaceNames.Normalize(row.Variant)));
    }
}
