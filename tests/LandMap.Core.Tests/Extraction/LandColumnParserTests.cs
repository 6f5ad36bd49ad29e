using LandMap.Core.Extraction;
using LandMap.Core.Extraction.Input;
using LandMap.Core.Reports;

namespace LandMap.Core.Tests.Extraction;

public sealed class LandColumnParserTests
{
    private static ExtractedReport Extract(string text) =>
        ReportExtractor.Extract(ReportText.FromString("test.txt", text, "utf-8"));

    // These snippets have no title, so header warnings (no district, no years) are expected; entry warnings name a line.
    private static IEnumerable<string> EntryWarnings(ExtractedReport report) => report.Warnings.Where(w => w.StartsWith("line "));

    [Fact]
    public void NumberedEntriesSplitNameLocationAndArea()
    {
        var report = Extract("""
            专栏：用地保障重点项目（2个）

            - 1、甲公司仓储项目：位于平煤大道东段北侧魏寨村，面积 37.05 亩。
            - 2、乙公司物流项目：位于许南路与建设路交叉口东北角，宗地面积约 35 亩，占辛南村集体土地。
            """);

        Assert.Equal(2, report.LandEntries.Count);
        var first = report.LandEntries[0];
        Assert.Equal((1, "甲公司仓储项目", "平煤大道东段北侧魏寨村", 37.05, false), (first.Seq, first.Name, first.Location, first.AreaMu!.Value, first.Approx));
        Assert.Equal(3, first.Source.Line);
        var second = report.LandEntries[1];
        Assert.Equal("许南路与建设路交叉口东北角", second.Location);
        Assert.True(second.Approx);
        Assert.Equal("占辛南村集体土地", second.Note);
        Assert.Empty(EntryWarnings(report));
    }

    [Fact]
    public void EntryBrokenAcrossAPageBreakIsJoined()
    {
        var report = Extract("""
            专栏：用地保障重点项目（2个）
            - 1、丙公司农产品仓储物流中心项目：位于平煤大道东段北侧

            魏寨村，面积 101 亩。

            2、丁医院：位于建设路东段北侧大营村，面积约 40 亩。

            （三）聚焦环境提升
            """);

        Assert.Equal(2, report.LandEntries.Count);
        Assert.Equal("平煤大道东段北侧魏寨村", report.LandEntries[0].Location);
        Assert.Equal(101, report.LandEntries[0].AreaMu);
        Assert.Equal(2, report.LandEntries[1].Seq);
    }

    [Fact]
    public void TriangleEntriesHaveNoAreaAndSayMissing()
    {
        var report = Extract("""
            专栏：用地保障重点项目（2个）
            - ▲平顶山市国际物流产业新城。平安大道东段南侧、开发一路两侧。
            - ▲卫东区现代物流产业园。开发一路以东，平煤专用线以南，孟平铁路以北。
            """);

        Assert.Equal([1, 2], report.LandEntries.Select(e => e.Seq));
        Assert.Equal("平安大道东段南侧、开发一路两侧", report.LandEntries[0].Location);
        Assert.Null(report.LandEntries[0].AreaMu);
        Assert.Equal("开发一路", report.LandEntries[1].Bounds!.West);
        Assert.Equal(2, report.Warnings.Count(w => w.Contains("states no area")));
    }

    [Fact]
    public void SubParcelsAreKeptAndTheirSumChecked()
    {
        var good = Extract("""
            专栏：用地保障重点项目（1个）
            - 1、戊公司项目：位于八矿路与平安大道交叉口东北（一站约 47 亩）、八矿路口对面（二站台约 68 亩），面积 115 亩。
            """);
        var bad = Extract("""
            专栏：用地保障重点项目（1个）
            - 1、戊公司项目：位于八矿路与平安大道交叉口东北（一站约 47 亩）、八矿路口对面（二站台约 60 亩），面积 115 亩。
            """);

        var entry = good.LandEntries.Single();
        Assert.Equal(115, entry.AreaMu);
        Assert.Equal([new AreaPart("一站", 47, true), new AreaPart("二站台", 68, true)], entry.Parts);
        Assert.Empty(EntryWarnings(good));
        Assert.Contains(bad.Warnings, w => w.Contains("parts summing to 107"));
    }

    [Fact]
    public void DeclaredCountMismatchIsWarned()
    {
        var report = Extract("""
            专栏：用地保障重点项目（3个）
            1、甲项目：位于平安大道北侧，面积 10 亩。
            2、乙项目：位于平安大道南侧，面积 20 亩。
            """);

        Assert.Equal(2, report.LandEntries.Count);
        Assert.Equal(3, report.LandColumn!.DeclaredCount);
        Assert.Contains(report.Warnings, w => w.Contains("declares 3 entries but 2 were found"));
    }

    [Theory]
    [InlineData("序号\t项目名称\t位置\t面积（亩）", "1\t甲项目\t平安大道北侧\t约120", "2\t乙项目\t建设路南侧\t35.5")]
    [InlineData("| 序号 | 项目名称 | 位置 | 面积（亩） |", "| 1 | 甲项目 | 平安大道北侧 | 约120 |", "| 2 | 乙项目 | 建设路南侧 | 35.5 |")]
    [InlineData("序号    项目名称    位置    面积（亩）", "1    甲项目    平安大道北侧    约120", "2    乙项目    建设路南侧    35.5")]
    public void TablesInEveryLayoutGiveTheSameEntries(string header, string row1, string row2)
    {
        var report = Extract($"专栏：用地保障重点项目（2个）\n{header}\n|---|---|---|---|\n{row1}\n{row2}\n\n下一段正文。");

        Assert.Equal(2, report.LandEntries.Count);
        Assert.Equal(("甲项目", "平安大道北侧", 120.0, true), (report.LandEntries[0].Name, report.LandEntries[0].Location, report.LandEntries[0].AreaMu!.Value, report.LandEntries[0].Approx));
        Assert.Equal(35.5, report.LandEntries[1].AreaMu);
        Assert.Empty(EntryWarnings(report));
    }

    [Fact]
    public void TableAreaHeaderInHectaresConvertsBareFigures()
    {
        var report = Extract("专栏：用地保障重点项目（1个）\n序号\t项目名称\t位置\t用地面积（公顷）\n1\t甲项目\t平安大道北侧\t2");

        Assert.Equal(30, report.LandEntries.Single().AreaMu);
    }

    [Fact]
    public void AreasInRunningProseAreNotEntries()
    {
        var report = Extract("""
            扎实推进乡村振兴，7000 亩高标准农田完成改造，出让土地338.75亩，新增报批土地1200亩以上。
            """);

        Assert.Null(report.LandColumn);
        Assert.Empty(report.LandEntries);
    }
}
