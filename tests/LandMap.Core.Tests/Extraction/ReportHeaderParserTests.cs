using LandMap.Core.Extraction;
using LandMap.Core.Extraction.Input;

namespace LandMap.Core.Tests.Extraction;

public sealed class ReportHeaderParserTests
{
    private static ReportHeader Parse(string text) => ReportHeaderParser.Parse(ReportText.FromString("t.txt", text, "utf-8"));

    [Fact]
    public void YearsComeFromTheTitleAcrossLineBreaks()
    {
        var header = Parse("**关于平顶山市卫东区\n2022 年国民经济和社会发展规划执行情况与\n2023 年国民经济和社会发展规划（草案）的报告**\n各位代表：");

        Assert.Equal(("卫东区", 2022, 2023), (header.District, header.ReviewYear!.Value, header.PlanYear!.Value));
    }

    [Fact]
    public void GovernmentWorkReportTakesYearsFromItsHeadings()
    {
        var header = Parse("政府工作报告\n——2024年1月23日在卫东区第十一届人民代表大会第四次会议上\n各位代表：\n一、2023年工作回顾\n三、2024 年重点工作安排");

        Assert.Equal(("卫东区", 2023, 2024), (header.District, header.ReviewYear!.Value, header.PlanYear!.Value));
        Assert.Empty(header.Warnings);
    }

    [Fact]
    public void MisreadDistrictInTheTitleIsRepaired()
    {
        var header = Parse("关于漯河区2023年国民经济和社会发展规划执行情况与2024年国民经济和社会发展规划的报告\n各位代表：");

        Assert.Equal("湛河区", header.District);
    }

    [Fact]
    public void TitleDistrictWinsOverMisreadingsInTheBody()
    {
        var report = ReportExtractor.Extract(ReportText.FromString("z.txt",
            "关于湛河区2023年国民经济和社会发展规划执行情况与2024年规划的报告\n各位代表：\n着力打造“五个漯河”，漯河区5G产业创新中心挂牌营业。", "utf-8"));

        Assert.Equal("湛河区", report.District);
        Assert.Contains(report.Warnings, w => w.Contains("漯河") && w.Contains("3"));
        Assert.Contains(report.Projects, p => p.Name == "湛河区5G产业创新中心");
    }

    [Fact]
    public void MissingPlanYearIsDerivedWithAWarning()
    {
        var header = Parse("卫东区政府工作报告\n各位代表：\n一、2023年工作回顾");

        Assert.Equal(2024, header.PlanYear);
        Assert.Contains(header.Warnings, w => w.Contains("plan year"));
    }
}
