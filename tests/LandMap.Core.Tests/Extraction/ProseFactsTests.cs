using LandMap.Core.Extraction;
using LandMap.Core.Extraction.Input;
using LandMap.Core.Reports;

namespace LandMap.Core.Tests.Extraction;

public sealed class ProseFactsTests
{
    private static ExtractedReport Extract(string prose) =>
        ReportExtractor.Extract(ReportText.FromString("p.txt", "一、2022年国民经济和社会发展规划执行情况\n" + prose, "utf-8"));

    [Fact]
    public void ParkLandStatusIsAFactOfThePark()
    {
        var fact = Extract("工业静脉产业园新型建材项目即将投产，园区二期土地 263 亩已经省政府批复，即将挂牌出让。").LandFacts.Single();

        Assert.Equal(("工业静脉产业园（二期）", 263.0), (fact.Subject, fact.AreaMu));
        Assert.Contains("批复", fact.Status);
        Assert.Contains("挂牌出让", fact.Status);
    }

    [Fact]
    public void DistrictTotalsAreNotFactsOfAParcel()
    {
        Assert.Empty(Extract("处置“批而未供”土地1023亩，出让土地338.75亩，土地出让金7.43亿元。").LandFacts);
    }

    [Fact]
    public void ProjectsInASentenceAboutThePark()
    {
        var report = Extract("电子半导体产业园上升为市级战略。组建园区建设指挥部，统筹推进园区建设，电子功率器件封测项目主体封顶、正在装修。");

        Assert.Equal("电子半导体产业园", report.Projects.Single().Within);
    }

    [Fact]
    public void ListingAParkBesideOtherWorksIsNotContainment()
    {
        var report = Extract("加快推进平顶山大健康产业园、湛河春天等项目建设，胡杨楼村、辉岗村、徐庄村棚改安置项目全部建成。");

        Assert.All(report.Projects, p => Assert.Null(p.Within));
    }
}
