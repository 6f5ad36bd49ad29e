using LandMap.Core.Extraction;
using LandMap.Core.Extraction.Input;
using LandMap.Core.Gazetteer.Registry;

namespace LandMap.Core.Tests.Extraction;

/// <summary>Reports name their district in the title; it is recognised from the district registry, city prefix or not.</summary>
public sealed class DistrictTitleTests
{
    private static readonly DistrictRegistry WithChaoyang = new(DistrictRegistry.Shipped.All.Append(new RegisteredDistrict(110105, "朝阳区", "", "北京市")));

    private static ReportHeader Parse(string title, DistrictRegistry? registry = null) =>
        ReportHeaderParser.Parse(ReportText.FromString("t.txt", title + "\n各位代表：\n一、2023年工作回顾", "utf-8"), registry ?? DistrictRegistry.Shipped);

    [Theory]
    [InlineData("关于平顶山市卫东区2023年国民经济和社会发展规划执行情况与2024年规划的报告", 410403, "卫东区")]
    [InlineData("关于湛河区2023年国民经济和社会发展规划执行情况与2024年规划的报告", 410411, "湛河区")]
    [InlineData("关于漯河区2023年国民经济和社会发展规划执行情况与2024年规划的报告", 410411, "湛河区")]
    [InlineData("关于宝丰县2023年国民经济和社会发展计划执行情况的报告", 410421, "宝丰县")]
    [InlineData("河南省开封市杞县人民政府工作报告", 410221, "杞县")]
    [InlineData("关于郑州市金水区2023年国民经济和社会发展计划执行情况的报告", 410105, "金水区")]
    public void AHenanDistrictIsRecognisedFromTheShippedRegistry(string title, int code, string name)
    {
        var header = Parse(title);

        Assert.Equal((name, code), (header.District, header.DistrictCode!.Value));
    }

    [Fact]
    public void AnImportedDistrictIsRecognisedWithItsMunicipality()
    {
        var header = Parse("北京市朝阳区2023年国民经济和社会发展计划执行情况的报告", WithChaoyang);

        Assert.Equal(("朝阳区", 110105), (header.District, header.DistrictCode!.Value));
    }

    [Fact]
    public void ADistrictOutsideTheRegistryIsNamedForTheMessage()
    {
        var header = Parse("关于青州市2023年国民经济和社会发展计划执行情况的报告");

        Assert.Null(header.District);
        Assert.Equal("青州市", header.UnregisteredDistrict);
        var report = ReportExtractor.Extract(ReportText.FromString("q.txt", "关于青州市2023年国民经济和社会发展计划执行情况的报告\n各位代表：", "utf-8"));
        Assert.Contains("landmap districts import", ReportRecognition.WhyDistrictNotRegistered(report));
        Assert.Contains("青州市", ReportRecognition.WhyDistrictNotRegistered(report));
    }

    [Fact]
    public void ATitleBrokenAfterTheDistrictNamesItNotTheSubtitle()
    {
        // As the shipped reports print it: the district ends the first line, the date line below names it again.
        var header = Parse("**关于北京市朝阳区\n2022 年国民经济和社会发展规划执行情况与\n2023 年国民经济和社会发展规划（草案）的报告**\n——2023 年 10 月 10 日在朝阳区第十一届人民代表大会第三次会议上");

        Assert.Null(header.District);
        Assert.Equal("北京市朝阳区", header.UnregisteredDistrict);
    }

    [Fact]
    public void TheLongestFormWinsWhenAShorterNameIsInsideTheTitle()
    {
        // 新华区 of 平顶山 is registered; a title of 平顶山市 新华区 must not be read as another district named in passing.
        var header = Parse("平顶山市新华区政府工作报告——在卫东区召开");

        Assert.Equal(410402, header.DistrictCode);
    }

    [Fact]
    public void TheShippedRegistryHoldsEveryCountyLevelDistrictOfHenan()
    {
        var henan = DistrictRegistry.Shipped.All;

        Assert.Equal(159, henan.Count);
        Assert.All(henan, d => Assert.Equal("河南省", d.Province));
        Assert.DoesNotContain(henan, d => d.Name == "市辖区");
        Assert.Equal(10, henan.Count(d => d.City == "平顶山市"));
    }
}
