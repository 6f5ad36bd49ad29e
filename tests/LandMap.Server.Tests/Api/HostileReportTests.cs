using System.Net;
using System.Text.Json;
using LandMap.Data.Import;
using LandMap.Server.Hosting;

namespace LandMap.Server.Tests.Api;

/// <summary>
/// A report that prints entry number 2 twice (issue #16, point 28), imported as <c>landmap import</c> does, and the
/// server started over that store: both entries are stored apart, the report says so, and every page still answers.
/// </summary>
public sealed class HostileReportTests : IAsyncLifetime
{
    private const string File2023 = "卫东区2023年计划（编号重复）.txt";
    private readonly ImportedReportsServer _store = new("landmap-hostile-report-");
    private FileImportResult? _imported;

    public async Task InitializeAsync()
    {
        var text = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.GisData, "reports", "000_3754bd8aaca57094.txt"));
        var copy = Path.Combine(_store.Folder, File2023);
        await File.WriteAllTextAsync(copy, text.Replace("- 3、平顶山市鸿运物流仓储项目", "- 2、平顶山市鸿运物流仓储项目", StringComparison.Ordinal));
        _imported = await _store.ImportAndServeAsync(copy);
    }

    public Task DisposeAsync()
    {
        _store.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ADuplicateEntryNumberIsStoredApartWithAWarningAndTheServerStarts()
    {
        Assert.Null(_imported!.Error);
        var client = _store.Server.CreateClient();

        using var reports = JsonDocument.Parse(await client.GetStringAsync("/api/reports"));
        var report = Assert.Single(reports.RootElement.EnumerateArray());
        Assert.Equal(25, report.GetProperty("landEntryCount").GetInt32());
        Assert.Contains(report.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("entry number 2", StringComparison.Ordinal));

        using var parcels = JsonDocument.Parse(await client.GetStringAsync("/api/parcels"));
        Assert.Equal(25, parcels.RootElement.GetProperty("features").GetArrayLength());
        using var second = JsonDocument.Parse(await client.GetStringAsync("/api/parcels/410403202300002"));
        using var renumbered = JsonDocument.Parse(await client.GetStringAsync("/api/parcels/410403202300026"));
        Assert.Contains("中煤", second.RootElement.GetProperty("properties").GetProperty("name").GetString());
        Assert.Contains("鸿运物流", renumbered.RootElement.GetProperty("properties").GetProperty("name").GetString());
        foreach (var url in new[] { "/api/projects", "/api/plans/links", "/api/parcels/410403202300026/history" })
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
    }
}
