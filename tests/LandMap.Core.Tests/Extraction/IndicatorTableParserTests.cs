using LandMap.Core.Extraction;
using LandMap.Core.Reports;

namespace LandMap.Core.Tests.Extraction;

public sealed class IndicatorTableParserTests
{
    private static IReadOnlyList<Indicator> Parse(string text) => IndicatorTableParser.Parse(text.Split('\n'));

    [Fact]
    public void TabTableGivesPlanAndActualPerYear()
    {
        var rows = Parse("指标名称\t计算单位\t2022年计划\t2022年完成\t2023年计划\n一、综合类\t\t\t\t\n1.全区生产总值增速\t%\t7.8以上\t2.9\t7以上\n7.常住人口城镇化率\t%\t-\t98.6\t-");

        var gdp = rows[0];
        Assert.Equal(("全区生产总值增速", "%", "综合类"), (gdp.Name, gdp.Unit, gdp.Category));
        Assert.Equal(
            [new IndicatorValue(2022, "plan", "7.8以上", 7.8), new IndicatorValue(2022, "actual", "2.9", 2.9), new IndicatorValue(2023, "plan", "7以上", 7)],
            gdp.Values);
        Assert.Equal([new IndicatorValue(2022, "actual", "98.6", 98.6)], rows[1].Values);
    }

    [Fact]
    public void MarkdownTablesSplitByAPageContinue()
    {
        var rows = Parse("| 指标名称 | 计算单位 | 2020年完成 | 2021年计划 |\n|---|---|---|---|\n| 8. 营造林面积 | 亩 | 600 | 1650 |\n\n| | | | |\n|---|---|---|---|\n| 11. 可吸入颗粒物（PM10）年均浓度 | 微克/立方米 | 92 | 完成市定目标 |");

        Assert.Equal(["营造林面积", "可吸入颗粒物（PM10）年均浓度"], rows.Select(r => r.Name));
        Assert.Equal(new IndicatorValue(2021, "plan", "完成市定目标", null), rows[1].Values[1]);
    }

    [Fact]
    public void SpacedTableIsRead()
    {
        var rows = Parse("指标名称    计算单位    2023年计划    2023年完成\n1. 全区生产总值增速    %    7.5    4");

        Assert.Equal([new IndicatorValue(2023, "plan", "7.5", 7.5), new IndicatorValue(2023, "actual", "4", 4)], rows.Single().Values);
    }

    [Fact]
    public void TwoRowHeaderSplitsValueAndGrowth()
    {
        var rows = Parse("指 标 名 称\t计 量 单 位\t2022年计划\t\t2022年实际完成\t\n\t\t绝对值\t增长%\t绝对值\t增长%\n(一) 生产总值\t亿元\t—\t7.5以上\t245.24\t3.8");

        var gdp = rows.Single();
        Assert.Equal("生产总值", gdp.Name);
        Assert.Equal(
            [new IndicatorValue(2022, "plan", "7.5以上", 7.5, "growth"), new IndicatorValue(2022, "actual", "245.24", 245.24, "value"), new IndicatorValue(2022, "actual", "3.8", 3.8, "growth")],
            gdp.Values);
    }

    [Fact]
    public void BracketedFiguresAreEstimates()
    {
        var rows = Parse("指标名称\t计算单位\t2023年 计划\t2023年 完成\t2024年 计划\n1. 全区生产总值增速\t%\t7.5\t[4]\t7");

        Assert.Equal(new IndicatorValue(2023, "estimate", "[4]", 4), rows.Single().Values[1]);
    }

    [Fact]
    public void RepeatedHeaderAfterAPageBreakIsNotARow()
    {
        var rows = Parse("指标名称\t计量单位\t2022年计划\t2022年实际完成\n1. 甲\t%\t1\t2\n\n指标名称\t计量单位\t2022年计划\t2022年实际完成\n2. 乙\t%\t3\t4\n\n附件");

        Assert.Equal(["甲", "乙"], rows.Select(r => r.Name));
    }
}
