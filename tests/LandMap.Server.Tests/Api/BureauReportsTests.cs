using System.Net;
using System.Text.Json;
using LandMap.Server.Hosting;

namespace LandMap.Server.Tests.Api;

/// <summary>
/// A bureau's deployment: reports imported with <c>landmap import</c> from a folder of its own (not gis-data/reports)
/// into the store the server opens. The server must read them back from the store: entries, source sentences, projects.
/// </summary>
public sealed class BureauReportsTests : IAsyncLifetime
{
    private const string BureauFile = "卫东区2023年计划（局内校对版）.txt";
    private readonly ImportedReportsServer _store = new("landmap-bureau-");

    public async Task InitializeAsync()
    {
        // The bureau's copy of the 2023 report under its own name, in a folder the server never looks at.
        var inbox = Directory.CreateDirectory(Path.Combine(_store.Folder, "inbox")).FullName;
        var copy = Path.Combine(inbox, BureauFile);
        File.Copy(Path.Combine(RepositoryPaths.GisData, "reports", "000_3754bd8aaca57094.txt"), copy);
        Assert.Null((await _store.ImportAndServeAsync(copy)).Error);
        File.Delete(copy);
    }

    public Task DisposeAsync()
    {
        _store.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ServerReadsReportsImportedFromElsewhereBackFromTheStore()
    {
        var client = _store.Server.CreateClient();

        using var reports = JsonDocument.Parse(await client.GetStringAsync("/api/reports"));
        var report = Assert.Single(reports.RootElement.EnumerateArray());
        Assert.Equal((BureauFile, 25), (report.GetProperty("file").GetString(), report.GetProperty("landEntryCount").GetInt32()));

        using var parcels = JsonDocument.Parse(await client.GetStringAsync("/api/parcels"));
        Assert.Equal(25, parcels.RootElement.GetProperty("features").GetArrayLength());
        var park = await client.GetAsync("/api/parcels/410403202300001");
        Assert.Equal(HttpStatusCode.OK, park.StatusCode);
        using var detail = JsonDocument.Parse(await park.Content.ReadAsStringAsync());
        var properties = detail.RootElement.GetProperty("properties");
        Assert.Contains("电子半导体产业园：西至", properties.GetProperty("source").GetProperty("text").GetString());
        Assert.Equal(BureauFile, properties.GetProperty("file").GetString());
        Assert.NotEmpty(properties.GetProperty("projects").EnumerateArray());
    }
}
