using LandMap.Data.Sqlite;
using Microsoft.Data.Sqlite;

namespace LandMap.Data.Tests;

/// <summary>A bulk import checkpoints the WAL every <see cref="SqliteParcelStore.BulkAutocheckpointPages"/> pages, other writes at SQLite's default.</summary>
public sealed partial class SqliteStoreTests
{
    [Fact]
    public async Task BulkImportLeavesItsCommitInTheWalAndTheNextWriteCheckpoints()
    {
        var store = await OpenAsync();
        var imported = await store.ImportReportAsync(Column("卫东区", 2023, 12_000));

        // The import wrote more than SQLite's default of 1,000 pages and left them in the WAL, which readers see.
        var (pages, fileBytes) = await PagesAsync();
        Assert.InRange(pages, 1500, SqliteParcelStore.BulkAutocheckpointPages - 1000);
        Assert.True(fileBytes < pages * 4096L, $"the database file holds {fileBytes} bytes of {pages} pages: the import checkpointed");
        Assert.Equal(12_000, await store.CountParcelsAsync(new ParcelQuery { ReportId = imported.ReportId }));

        // The next ordinary write, on the store's pooled connections, checkpoints at SQLite's default again.
        var parcel = (await store.QueryParcelsAsync(new ParcelQuery { ReportId = imported.ReportId, Limit = 1 })).Single();
        Assert.Equal(SaveOutcome.Saved, (await store.SaveGeometryAsync(new GeometryEdit(parcel.Id, 1, parcel.Geometry!, "li.wei"))).Outcome);
        var (after, afterBytes) = await PagesAsync();
        Assert.Equal(after * 4096L, afterBytes);
    }

    /// <summary>The store's size in pages (WAL included) and the length of its database file.</summary>
    private async Task<(long Pages, long FileBytes)> PagesAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Db};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA page_count";
        var pages = Convert.ToInt64(await command.ExecuteScalarAsync());
        return (pages, new FileInfo(Db).Length);
    }
}
