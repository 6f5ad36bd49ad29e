using System.Net;
using System.Text.Json;
using LandMap.Core.Gazetteer;
using LandMap.Data;
using LandMap.Data.Import;
using LandMap.Server.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace LandMap.Server.Tests.Api;

/// <summary>
/// A bureau's deployment: reports imported with <c>landmap import</c> from a folder of its own (not gis-data/reports)
/// into the store the server opens. The server must read them back from the store: entries, source sentences, projects.
/// </summary>
public sealed class BureauReportsTests : IAsyncLifetime
{
    private const string BureauFile = "卫东区2023年计划（局内校对版）.txt";
    private readonly string _folder = Directory.CreateTempSubdirectory("landmap-bureau-").FullName;
    private WebApplicationFactory<Program>? _server;

    public async Task InitializeAsync()
    {
        // The bureau's copy of the 2023 report under its own name, in a folder the server never looks at.
        var inbox = Directory.CreateDirectory(Path.Combine(_folder, "inbox")).FullName;
        var copy = Path.Combine(inbox, BureauFile);
        File.Copy(Path.Combine(RepositoryPaths.GisData, "reports", "000_3754bd8aaca57094.txt"), copy);
        var (gazetteer, _) = GazetteerIndex.LoadDirectory(Path.Combine(RepositoryPaths.GisData, "gazetteer"));
        await using (var store = await ParcelStoreFactory.OpenAsync(Path.Combine(_folder, "bureau.db")))
        {
            var imported = Assert.Single(await new ReportImporter(store, gazetteer!).ImportFilesAsync([copy]));
            Assert.Null(imported.Error);
        }
        File.Delete(copy);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        _server = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("LandMap:Database", Path.Combine(_folder, "bureau.db"));
            // An empty reports folder: nothing to fall back on, everything must come from the store.
            builder.UseSetting("LandMap:ReportsDirectory", Directory.CreateDirectory(Path.Combine(_folder, "reports")).FullName);
        });
    }

    public Task DisposeAsync()
    {
        _server?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ServerReadsReportsImportedFromElsewhereBackFromTheStore()
    {
        var client = _server!.CreateClient();

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
