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
        var diff = Weidong.Diff();

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

    [Fact]
    public void BrokenLinkIsNeverMadeAndBothEntriesStandAlone()
    {
        var school = Weidong.Diff().Entries.Single(e => e.From?.Seq == 22);
        var broken = Decision(school.From!, school.To!, LinkVerdict.Broken);

        var diff = Weidong.Diff(broken);

        Assert.Equal("dropped", diff.Entries.Single(e => e.From?.Seq == 22).Class);
        Assert.Equal("new", diff.Entries.Single(e => e.To?.Seq == 17).Class);
        Assert.Equal(broken, Assert.Single(diff.BrokenLinks));
        Assert.Empty(diff.IgnoredDecisions);
    }

    [Fact]
    public void ConfirmedLinkWinsOverABetterScoreAndSaysWhoConfirmedIt()
    {
        var plain = Weidong.Diff();
        var school = plain.Entries.Single(e => e.From?.Seq == 22);
        // Pair the 2021 school entry with a 2023 entry the linker left new: a reviewer knows better than the score.
        var other = plain.Entries.First(e => e.Class == "new").To!;
        Assert.True(EntryLinker.Score(Weidong.Entry(2021, 22), Weidong.Entry(2023, other.Seq)).Score < EntryLinker.Threshold);

        var diff = Weidong.Diff(Decision(school.From!, other, LinkVerdict.Confirmed));

        var line = diff.Entries.Single(e => e.From?.Seq == 22);
        Assert.Equal(("carried", other.Seq), (line.Class, line.To!.Seq));
        Assert.Equal(("li.wei", LinkVerdict.Confirmed), (line.Review!.DecidedBy, line.Review.Verdict));
        Assert.Contains("审核确认：li.wei", line.Reasons);
        Assert.Equal("new", diff.Entries.Single(e => e.To?.Seq == school.To!.Seq).Class);
        Assert.Equal(plain.Entries.Count, diff.Entries.Count);
        Assert.All(diff.Entries.Where(e => e.Review is null && e.Class == "carried"), e => Assert.True(e.Score >= EntryLinker.Threshold));
    }

    [Fact]
    public void DecisionOnARenumberedEntryIsIgnoredWithTheReason()
    {
        var school = Weidong.Diff().Entries.Single(e => e.From?.Seq == 22);
        var stale = Decision(school.From! with { Name = "某已删除项目" }, school.To!, LinkVerdict.Broken);
        var elsewhere = Decision(school.From!, school.To! with { PlanYear = 2024 }, LinkVerdict.Broken);

        var diff = Weidong.Diff(stale, elsewhere);

        var line = diff.Entries.Single(e => e.From?.Seq == 22);
        Assert.Equal(("carried", 17), (line.Class, line.To!.Seq));
        var ignored = Assert.Single(diff.IgnoredDecisions);
        Assert.Equal(stale, ignored.Decision);
        Assert.Contains("不再是决定时的“某已删除项目”", ignored.Reason);
        Assert.Empty(diff.BrokenLinks);
    }

    [Fact]
    public void SecondConfirmationOfOneEntryIsIgnored()
    {
        var plain = Weidong.Diff();
        var school = plain.Entries.Single(e => e.From?.Seq == 22);
        var other = plain.Entries.First(e => e.Class == "new").To!;
        var first = Decision(school.From!, school.To!, LinkVerdict.Confirmed);
        var second = Decision(school.From!, other, LinkVerdict.Confirmed) with { DecidedAt = first.DecidedAt.AddHours(1) };

        var diff = Weidong.Diff(second, first);

        Assert.Equal(17, diff.Entries.Single(e => e.From?.Seq == 22).To!.Seq);
        Assert.Equal(second, Assert.Single(diff.IgnoredDecisions).Decision);
    }

    private static LinkDecision Decision(EntryRef from, EntryRef to, string verdict) =>
        new("卫东区", from, to, verdict, "li.wei", new DateTime(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc), "现场核实");

    /// <summary>The Weidong 2021 and 2023 columns, geocoded once for every test of this class.</summary>
    private static class Weidong
    {
        private static readonly Lazy<(IReadOnlyList<Core.Reports.ExtractedReport> Reports, IReadOnlyList<GeocodedEntry> Parcels)> Loaded = new(() =>
        {
            var reports = new[] { "001_187e19a5026d8d3e", "000_3754bd8aaca57094" }
                .Select(f => ReportExtractor.Extract(ReportFileReader.Read(Path.Combine(TestPaths.Reports, f + ".txt")).Text!))
                .ToList();
            var (gazetteer, _) = GazetteerIndex.LoadDirectory(Path.Combine(TestPaths.RepositoryRoot, "gis-data", "gazetteer"));
            return (reports, ParcelGeocoder.Geocode(reports, gazetteer!));
        });

        public static PlanDiff Diff(params LinkDecision[] decisions) =>
            PlanComparer.Compare(Loaded.Value.Reports, Loaded.Value.Parcels, 2021, 2023, "卫东区", decisions);

        public static PlannedEntry Entry(int planYear, int seq)
        {
            var report = Loaded.Value.Reports.Single(r => r.PlanYear == planYear);
            return new PlannedEntry(report, report.LandEntries.Single(e => e.Seq == seq),
                Loaded.Value.Parcels.Single(p => p.File == report.File && p.Seq == seq));
        }
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
