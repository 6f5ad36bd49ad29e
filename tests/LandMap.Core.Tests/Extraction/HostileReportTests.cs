using LandMap.Core.Extraction;
using LandMap.Core.Extraction.Input;
using LandMap.Core.Reports;

namespace LandMap.Core.Tests.Extraction;

/// <summary>Reports that print what no report should (issue #16, points 28 and 29): each becomes warnings that name the line, never an exception.</summary>
public sealed class HostileReportTests
{
    private static ExtractedReport Extract(string text) =>
        ReportExtractor.Extract(ReportText.FromString("test.txt", text, "utf-8"));

    [Fact]
    public void ADuplicateEntryNumberIsRenumberedAfterTheColumnsLargestWithAWarning()
    {
        var report = Extract("""
            专栏：用地保障重点项目（4个）
            - 1、甲项目：位于平煤大道东段北侧魏寨村，面积 37 亩。
            - 2、乙项目：位于建设路东段北侧大营村，面积 40 亩。
            - 2、丙项目：位于许南路与建设路交叉口东北角，面积 35 亩。
            - 5、丁项目：位于平安大道东段北侧程庄村，面积 12 亩。
            """);

        Assert.Equal([1, 2, 6, 5], report.LandEntries.Select(e => e.Seq));
        var renumbered = report.LandEntries[2];
        Assert.Equal("丙项目", renumbered.Name);
        Assert.Equal(4, renumbered.Source.Line);
        Assert.Contains("2", renumbered.Note);
        Assert.Contains(report.Warnings, w => w.StartsWith("line 4:") && w.Contains("entry number 2") && w.Contains("line 3") && w.Contains("entry 6"));
    }

    [Fact]
    public void DuplicateNumbersInATableAreRenumberedToo()
    {
        var report = Extract("""
            用地保障重点项目
            | 序号 | 项目名称 | 位置 | 面积（亩） |
            | 3 | 甲项目 | 魏寨村 | 37 |
            | 3 | 乙项目 | 大营村 | 40 |
            """);

        Assert.Equal([3, 4], report.LandEntries.Select(e => e.Seq));
        Assert.Contains(report.Warnings, w => w.StartsWith("line 4:") && w.Contains("entry number 3"));
    }

    [Theory]
    [InlineData("2147483648")]
    [InlineData("100000")]
    [InlineData("99999999999999999999999")]
    public void AnEntryNumberNoParcelIdCanHoldIsSkippedWithAWarning(string number)
    {
        var report = Extract($"""
            专栏：用地保障重点项目（2个）
            - 1、甲项目：位于平煤大道东段北侧魏寨村，面积 37 亩。
            - {number}、乙项目：位于建设路东段北侧大营村，面积 40 亩。
            """);

        Assert.Equal("甲项目", Assert.Single(report.LandEntries).Name);
        Assert.Contains(report.Warnings, w => w.StartsWith("line 3:") && w.Contains(number));
        Assert.DoesNotContain(report.LandEntries, e => e.Seq > ParcelIds.MaxSeq);
    }

    [Fact]
    public void AColumnDeclaringMoreEntriesThanAnIntHoldsIsAWarningNotACrash()
    {
        var report = Extract("""
            专栏：用地保障重点项目（99999999999个）
            - 1、甲项目：位于平煤大道东段北侧魏寨村，面积 37 亩。
            """);

        Assert.Single(report.LandEntries);
    }

    [Fact]
    public void AnAreaTooLargeForANumberIsLeftOutWithAWarningAndTheReportStillWritesAsJson()
    {
        var huge = "1" + new string('0', 400);
        var report = Extract($"""
            专栏：用地保障重点项目（2个）
            - 1、甲项目：位于平煤大道东段北侧魏寨村，面积 {huge} 亩。
            - 2、乙项目：位于建设路东段北侧大营村（一站约{huge}亩），面积 40 亩。
            | 序号 | 项目名称 | 位置 | 面积（亩） |
            """);

        Assert.Null(report.LandEntries[0].AreaMu);
        Assert.Equal(40, report.LandEntries[1].AreaMu);
        Assert.All(report.LandEntries.SelectMany(e => e.Parts), p => Assert.True(double.IsFinite(p.AreaMu)));
        Assert.Contains(report.Warnings, w => w.StartsWith("line 2:") && w.Contains("too large"));
        Assert.Contains(report.Warnings, w => w.StartsWith("line 3:") && w.Contains("too large"));
        Assert.Contains("甲项目", ReportJson.Serialize([report]));
    }

    [Fact]
    public void HugeNumbersInProseAndIndicatorsAreLeftOutAndTheReportWritesAsJson()
    {
        var huge = "1" + new string('0', 400);
        var report = Extract($"""
            一、2023年工作回顾
            国际物流康养园累计完成投资{huge}亿元，稳步推进。
            指标名称	计算单位	2023年计划	2023年完成
            1.全区生产总值增速	%	{huge}	4
            """);

        Assert.All(report.Projects, p => Assert.True(p.InvestmentYi is null || double.IsFinite(p.InvestmentYi.Value)));
        Assert.All(report.Indicators.SelectMany(i => i.Values), v => Assert.True(v.Value is null || double.IsFinite(v.Value.Value)));
        Assert.Contains("4", ReportJson.Serialize([report]));
    }
}
