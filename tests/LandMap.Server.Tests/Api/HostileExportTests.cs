using System.Text.Json;
using LandMap.Data;
using LandMap.Data.Review;
using LandMap.Server.Hosting;

namespace LandMap.Server.Tests.Api;

/// <summary>
/// Exports of a store a hostile report went into: an entry named as a spreadsheet formula (with a comma and quotes) must
/// come out as text in both formats, and a parcel a reviewer rejected stays out of an anonymous export as out of the list.
/// </summary>
public sealed class HostileExportTests : IAsyncLifetime
{
    private const string Formula = "=HYPERLINK(\"//x.example/\",\"鸿运物流\")仓储项目";
    private const long RejectedId = 410403202300005;
    private readonly ImportedReportsServer _store = new("landmap-hostile-export-");

    public async Task InitializeAsync()
    {
        var report = Path.Combine(Directory.CreateDirectory(Path.Combine(_store.Folder, "inbox")).FullName, "卫东区2023.txt");
        var text = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.GisData, "reports", "000_3754bd8aaca57094.txt"));
        Assert.Contains("3、平顶山市鸿运物流仓储项目：", text);
        await File.WriteAllTextAsync(report, text.Replace("3、平顶山市鸿运物流仓储项目：", $"3、{Formula}："));
        Assert.Null((await _store.ImportAndServeAsync(report)).Error);
        await using (var store = await ParcelStoreFactory.OpenAsync(Path.Combine(_store.Folder, "landmap.db")))
        {
            var record = Assert.Single(await store.QueryParcelsAsync(new LandMap.Data.ParcelQuery { PublicIds = [RejectedId] }));
            Assert.True(await IReviewStore.Of(store).SetReviewStatusAsync(new StatusChange(record.Id, ReviewStatus.Rejected, "reviewer", null, "重复条目")));
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    public Task DisposeAsync()
    {
        _store.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task AFormulaNameIsTextInXlsxAndCsv()
    {
        var client = _store.Server.CreateClient();
        using var list = JsonDocument.Parse(await client.GetStringAsync("/api/parcels?q=HYPERLINK"));
        var name = Assert.Single(list.RootElement.GetProperty("features").EnumerateArray()).GetProperty("properties").GetProperty("name").GetString()!;
        Assert.Equal(Formula, name);

        var xlsx = await client.GetByteArrayAsync("/api/parcels/export.xlsx?q=HYPERLINK");
        var row = SheetReader.OpenXmlRows(xlsx)[1];
        Assert.Equal("'" + name, row[1]);
        // A shared string cell, never a formula element.
        var (_, _, sheet) = SheetReader.XmlRows(xlsx);
        Assert.DoesNotContain(sheet.Descendants(), e => e.Name.LocalName == "f");

        var bytes = await client.GetByteArrayAsync("/api/parcels/export.csv?q=HYPERLINK");
        var records = SheetReader.CsvRecords(bytes);
        Assert.Equal("'" + name, records[1][1]);
        // RFC 4180: the comma and quotes in the name are inside one quoted field.
        Assert.Contains(",\"'" + name.Replace("\"", "\"\"") + "\",", System.Text.Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public async Task AnonymousExportLeavesOutRejectedParcels()
    {
        var client = _store.Server.CreateClient();
        using var list = JsonDocument.Parse(await client.GetStringAsync("/api/parcels"));
        var listed = list.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(24, listed.Count);
        Assert.DoesNotContain(RejectedId, listed);

        var rows = SheetReader.OpenXmlRows(await client.GetByteArrayAsync("/api/parcels/export.xlsx")).Skip(1).Select(r => long.Parse(r[0]!)).ToList();
        Assert.Equal(listed, rows);
        var csv = SheetReader.CsvRecords(await client.GetByteArrayAsync("/api/parcels/export.csv")).Skip(1).Select(r => long.Parse(r[0])).ToList();
        Assert.Equal(listed, csv);
    }
}
