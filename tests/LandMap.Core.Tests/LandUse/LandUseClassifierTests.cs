using LandMap.Core.Extraction;
using LandMap.Core.Extraction.Input;
using LandMap.Core.LandUse;
using Xunit.Abstractions;

namespace LandMap.Core.Tests.LandUse;

public sealed class LandUseClassifierTests(ITestOutputHelper output)
{
    private static readonly string Fixture = Path.Combine(TestPaths.RepositoryRoot, "tests", "LandMap.Core.Tests", "Fixtures", "land-use", "weidong.tsv");

    /// <summary>
    /// Every entry of the Weidong 2021 and 2023 columns against the land use a person assigned it (the fixture; a row
    /// marked # is a known miss, written down rather than fixed by a keyword for one name). Regenerate with
    /// LANDMAP_UPDATE_GOLDEN=1 and review every changed row.
    /// </summary>
    [Fact]
    public void WeidongEntriesGetTheUseAPersonWouldGive()
    {
        var names = new[] { "001_187e19a5026d8d3e", "000_3754bd8aaca57094" }
            .Select(f => ReportExtractor.Extract(ReportFileReader.Read(Path.Combine(TestPaths.Reports, f + ".txt")).Text!))
            .SelectMany(r => r.LandEntries.Select(e => (Year: r.PlanYear, e.Seq, e.Name)))
            .ToList();
        if (Environment.GetEnvironmentVariable("LANDMAP_UPDATE_GOLDEN") == "1")
            File.WriteAllLines(Fixture, ["# plan year\tseq\tname\texpected land use (code)", .. names.Select(n => $"{n.Year}\t{n.Seq}\t{n.Name}\t{LandUseClassifier.Classify(n.Name).Code}")]);

        var expected = File.ReadAllLines(Fixture).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t'))
            .ToDictionary(f => (int.Parse(f[0]), int.Parse(f[1])), f => (Name: f[2], Code: f[3]));
        Assert.Equal(names.Count, expected.Count);
        foreach (var (year, seq, name) in names)
        {
            var guess = LandUseClassifier.Classify(name);
            output.WriteLine($"{year} {seq,2} {guess.Name,-8} {guess.Reason,-14} {name}");
            Assert.Equal((name, expected[(year!.Value, seq)].Code), (expected[(year.Value, seq)].Name, guess.Code));
        }
    }

    [Theory]
    [InlineData("平顶山市一元商贸有限公司储运中心", "logistics", "储运")]
    [InlineData("平顶山东部工业固废储运及综合利用中心", "industrial", "综合利用")]
    [InlineData("河南（平顶山）电子半导体产业园", "industrial-park", "产业园")]
    [InlineData("平顶山大鹰城（新能源）东部汽车产业园项目", "commercial", "汽车产业园")]
    [InlineData("某某项目", "unclassified", null)]
    public void TheHeadWordDecidesAndTheCompanyIsIgnored(string name, string code, string? keyword)
    {
        var guess = LandUseClassifier.Classify(name);

        Assert.Equal((code, keyword), (guess.Code, guess.Keyword));
        Assert.Equal(guess.Class, LandUseClassifier.FromCode(code));
    }

    [Fact]
    public void EveryClassHasACodeAndAChineseName()
    {
        var classes = Enum.GetValues<LandUseClass>();

        Assert.Equal(classes.Length, classes.Select(LandUseClassifier.Code).Distinct().Count());
        Assert.Equal(classes.Length, classes.Select(LandUseClassifier.Name).Distinct().Count());
        Assert.All(classes, c => Assert.Equal(c, LandUseClassifier.FromCode(LandUseClassifier.Code(c))));
        Assert.Null(LandUseClassifier.FromCode("farm"));
    }
}
