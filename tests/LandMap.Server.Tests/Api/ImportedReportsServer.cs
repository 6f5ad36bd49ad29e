using LandMap.Core.Gazetteer;
using LandMap.Data;
using LandMap.Data.Import;
using LandMap.Server.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace LandMap.Server.Tests.Api;

/// <summary>
/// A report file imported as <c>landmap import</c> does into a fresh SQLite store in a temporary folder, and a server over
/// that store whose reports folder is empty, so everything it shows must come from the store.
/// </summary>
internal sealed class ImportedReportsServer : IDisposable
{
    private readonly string _database;

    public ImportedReportsServer(string prefix) => _database = Path.Combine(Folder = Directory.CreateTempSubdirectory(prefix).FullName, "landmap.db");

    /// <summary>The temporary folder, deleted on dispose: put the report files here.</summary>
    public string Folder { get; }

    public WebApplicationFactory<Program> Server { get; private set; } = null!;

    /// <summary>Imports <paramref name="reportFile"/> with the shipped gazetteer, then readies the server; the import's result.</summary>
    public async Task<FileImportResult> ImportAndServeAsync(string reportFile)
    {
        var (gazetteer, _) = GazetteerIndex.LoadDirectory(Path.Combine(RepositoryPaths.GisData, "gazetteer"));
        FileImportResult imported;
        await using (var store = await ParcelStoreFactory.OpenAsync(_database))
        {
            imported = Assert.Single(await new ReportImporter(store, gazetteer!).ImportFilesAsync([reportFile]));
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Server = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("LandMap:Database", _database);
            builder.UseSetting("LandMap:ReportsDirectory", Directory.CreateDirectory(Path.Combine(Folder, "reports")).FullName);
        });
        return imported;
    }

    public void Dispose()
    {
        Server?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
