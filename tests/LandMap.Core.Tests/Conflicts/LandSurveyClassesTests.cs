using LandMap.Core.Conflicts;

namespace LandMap.Core.Tests.Conflicts;

public sealed class LandSurveyClassesTests
{
    [Theory]
    [InlineData("0101", "耕地", "耕地")]
    [InlineData("0103", "耕地", "耕地")]
    [InlineData("0201K", "园地", "园地")]
    [InlineData("0301", "林地", "林地")]
    [InlineData("0303", "湿地", "湿地")]
    [InlineData("0402", "湿地", "湿地")]
    [InlineData("0404", "草地", "草地")]
    [InlineData("05H1", "建设用地", "商业服务业用地")]
    [InlineData("0601", "建设用地", "工矿用地")]
    [InlineData("0603", "湿地", "湿地")]
    [InlineData("0702", "建设用地", "住宅用地")]
    [InlineData("08H2A", "建设用地", "公共管理与公共服务用地")]
    [InlineData("1003", "建设用地", "交通运输用地")]
    [InlineData("1006", "其他", "其他")]
    [InlineData("1104A", "水域", "水域")]
    [InlineData("1106", "湿地", "湿地")]
    [InlineData("1109", "建设用地", "水工建筑用地")]
    [InlineData("1203", "其他", "其他")]
    [InlineData(null, "其他", "其他")]
    [InlineData("x", "其他", "其他")]
    public void CodesFallIntoTheThirdSurveyClasses(string? code, string expectedClass, string expectedGroup) =>
        Assert.Equal((expectedClass, expectedGroup), LandSurveyClasses.Of(code));
}
