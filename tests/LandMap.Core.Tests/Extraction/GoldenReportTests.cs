using LandMap.Core.Extraction;
using LandMap.Core.Extraction.Input;
using LandMap.Core.Reports;

namespace LandMap.Core.Tests.Extraction;

/// <summary>
/// Extracts each shipped report and compares the JSON with a golden file a person has checked line by line
/// (tests/LandMap.Core.Tests/Fixtures/golden/). After a deliberate change, regenerate with
/// <c>LANDMAP_UPDATE_GOLDEN=1 dotnet test --filter GoldenReportTests</c> and review the diff before committing.
/// </summary>
public sealed class GoldenReportTests
{
    private static string GoldenFolder => Path.Combine(TestPaths.RepositoryRoot, "tests", "LandMap.Core.Tests", "Fixtures", "golden");

    public static TheoryData<string> Reports() =>
        new(Directory.GetFiles(TestPaths.Reports, "*.txt").Select(Path.GetFileNameWithoutExtension).Order()!);

    [Theory]
    [MemberData(nameof(Reports))]
    public void ExtractionMatchesTheCheckedGoldenFile(string report)
    {
        var actual = ReportJson.Serialize([Extract(report)]).ReplaceLineEndings("\n");
        var goldenPath = Path.Combine(GoldenFolder, report + ".json");
        if (Environment.GetEnvironmentVariable("LANDMAP_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(goldenPath, actual);
        }

        Assert.True(File.Exists(goldenPath), $"no golden file {goldenPath}; run with LANDMAP_UPDATE_GOLDEN=1 and review it");
        var expected = File.ReadAllText(goldenPath).ReplaceLineEndings("\n");
        var (line, want, got) = FirstDifference(expected, actual);
        Assert.True(line == 0, $"{report}: line {line} differs\n expected: {want}\n actual:   {got}");
    }

    [Fact]
    public void WeidongColumnsHoldTheirDeclaredEntries()
    {
        var plan2021 = Extract("001_187e19a5026d8d3e");
        var plan2023 = Extract("000_3754bd8aaca57094");

        Assert.Equal((2021, 35, 35), (plan2021.PlanYear!.Value, plan2021.LandColumn!.DeclaredCount!.Value, plan2021.LandEntries.Count));
        Assert.Equal((2023, 25, 25), (plan2023.PlanYear!.Value, plan2023.LandColumn!.DeclaredCount!.Value, plan2023.LandEntries.Count));
        Assert.All(plan2021.LandEntries, e => Assert.Null(e.AreaMu));
        Assert.All(plan2023.LandEntries, e => Assert.NotNull(e.AreaMu));
        Assert.Equal(1014.27, plan2023.LandEntries[0].AreaMu);
        Assert.Equal(8577.5246, plan2023.LandEntries.Sum(e => e.AreaMu!.Value), 4);
    }

    [Fact]
    public void ZhanheReportsSayZhanheDespiteTheOcr()
    {
        Assert.Equal("湛河区", Extract("002_ceb362faf2888194").District);
        Assert.Equal("湛河区", Extract("003_971b48051547d249").District);
        Assert.Equal(("卫东区", 2023, 2024), (Extract("004_3f061305b61ade54").District, Extract("004_3f061305b61ade54").ReviewYear!.Value, Extract("004_3f061305b61ade54").PlanYear!.Value));
    }

    private static ExtractedReport Extract(string report)
    {
        var read = ReportFileReader.Read(Path.Combine(TestPaths.Reports, report + ".txt"));
        Assert.True(read.Succeeded, read.Error?.ToString());
        return ReportExtractor.Extract(read.Text!);
    }

    private static (int Line, string Expected, string Actual) FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var want = i < e.Length ? e[i] : "<end>";
            var got = i < a.Length ? a[i] : "<end>";
            if (want != got) return (i + 1, want, got);
        }
        return (0, "", "");
    }
}
