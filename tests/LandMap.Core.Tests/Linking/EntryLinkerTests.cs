using LandMap.Core.Extraction;
using LandMap.Core.Extraction.Input;
using LandMap.Core.Gazetteer;
using LandMap.Core.Geocoding;
using LandMap.Core.Linking;
using Xunit.Abstractions;

namespace LandMap.Core.Tests.Linking;

public sealed class EntryLinkerTests(ITestOutputHelper output)
{
    [Fact]
    public void Weidong2021To2023FindsTheHandCheckedLinksAndNoOthers()
    {
        var expected = File.ReadAllLines(Path.Combine(TestPaths.RepositoryRoot, "tests", "LandMap.Core.Tests", "Fixtures", "links", "weidong-2021-2023.tsv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Select(f => (From: int.Parse(f[0]), To: int.Parse(f[1])))
            .ToHashSet();
        var reports = new[] { "001_187e19a5026d8d3e", "000_3754bd8aaca57094" }
            .Select(f => ReportExtractor.Extract(ReportFileReader.Read(Path.Combine(TestPaths.Reports, f + ".txt")).Text!))
            .ToList();
        var (gazetteer, _) = GazetteerIndex.LoadDirectory(Path.Combine(TestPaths.RepositoryRoot, "gis-data", "gazetteer"));

        var diff = PlanComparer.Compare(reports, ParcelGeocoder.Geocode(reports, gazetteer!), 2021, 2023, "卫东区");

        var found = diff.Entries.Where(e => e.Class == "carried").Select(e => (From: e.From!.Seq, To: e.To!.Seq)).ToHashSet();
        var truePositives = found.Intersect(expected).Count();
        var precision = found.Count == 0 ? 0 : truePositives / (double)found.Count;
        var recall = truePositives / (double)expected.Count;
        output.WriteLine($"links found {found.Count}, expected {expected.Count}: precision {precision:P0}, recall {recall:P0}");
        foreach (var e in diff.Entries.Where(e => e.Class == "carried")) output.WriteLine($"  {e.From!.Seq} {e.From.Name} → {e.To!.Seq} {e.To.Name} ({e.Score}: {string.Join("；", e.Reasons)})");

        Assert.Equal(1.0, precision);
        Assert.Equal(1.0, recall);
        Assert.Equal(25 - expected.Count, diff.Entries.Count(e => e.Class == "new"));
        Assert.Equal(35 - expected.Count, diff.Entries.Count(e => e.Class == "dropped"));
        Assert.All(diff.Entries.Where(e => e.Class == "carried"), e => Assert.NotEmpty(e.Reasons));
    }

    [Theory]
    [InlineData("平顶山市圣源昊商贸有限公司北站台", "平顶山市圣源昊商贸有限公司", "北货场")]
    [InlineData("河南天成能源科技有限公司煤泥洗选项目二期", "河南天成能源科技有限公司", "煤泥洗选")]
    [InlineData("平顶山大鹰城（新能源）东部汽车产业园项目", null, "大鹰城新能源东部汽车园")]
    [InlineData("市供销社再生资源项目", "市供销社", "再生资源")]
    public void NameCoreSplitsTheCompanyAndDropsFiller(string name, string? company, string core)
    {
        Assert.Equal(company, NameCore.Company(name));
        Assert.Equal(core, NameCore.Core(name));
    }

    [Fact]
    public void SameCompanyInTheSameVillageIsNotEnoughToLink()
    {
        // 一元商贸's 储运中心 (2021) and its 低热值燃料 project (2023) are different projects at 程庄村.
        var score = NameCore.Similarity("平顶山市一元商贸有限公司储运中心", "平顶山市一元商贸有限公司低热值燃料综合利用项目");

        Assert.Equal(0, score);
        Assert.True(0.25 + 0.15 + 0.1 < EntryLinker.Threshold, "company, place and nearness without any common name must stay below the threshold");
    }
}
