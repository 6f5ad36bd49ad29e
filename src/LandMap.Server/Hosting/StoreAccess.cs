using LandMap.Core.Gazetteer;
using LandMap.Data;
using LandMap.Data.Import;
using Microsoft.Extensions.Options;

namespace LandMap.Server.Hosting;

/// <summary>
/// The server's one opened store (SQLite file or PostGIS), the only state every request reads. An empty store is filled
/// on first start by importing gis-data/reports (extract, geocode, store: <see cref="ReportImporter"/>); nothing else is
/// read at start, so start-up time does not grow with the number of parcels.
/// </summary>
internal sealed class StoreAccess(IOptions<ServerOptions> options, ILogger<StoreAccess> logger) : IAsyncDisposable
{
    private readonly Lazy<Task<IParcelStore>> _store = new(() => OpenAsync(options.Value, logger));

    /// <summary>The opened store, after the shipped reports were imported into an empty one.</summary>
    public Task<IParcelStore> GetAsync(CancellationToken cancellationToken = default) => _store.Value.WaitAsync(cancellationToken);

    private static async Task<IParcelStore> OpenAsync(ServerOptions options, ILogger logger)
    {
        var store = await ParcelStoreFactory.OpenAsync(options.Database);
        if ((await store.ListReportsAsync()).Count == 0)
        {
            var (gazetteer, load) = GazetteerIndex.LoadDirectory(options.GazetteerDirectory);
            if (gazetteer is null) throw new InvalidOperationException($"The gazetteer in {options.GazetteerDirectory} could not be loaded: {load}");
            var files = Directory.GetFiles(options.ReportsDirectory).Order(StringComparer.Ordinal).ToList();
            foreach (var result in await new ReportImporter(store, gazetteer).ImportFilesAsync(files))
            {
                if (result.Error is { } error) logger.LogWarning("Skipped report {File}: {Reason}", result.Path, error);
                else logger.LogInformation("Imported {File}: {Status}, {Entries} entries", result.Path, result.Outcome!.Status, result.Outcome.Entries);
            }
        }
        logger.LogInformation("Opened the {Backend} store at schema {Schema}", store.Backend, store.SchemaVersion);
        return store;
    }

    public async ValueTask DisposeAsync()
    {
        if (_store.IsValueCreated && _store.Value.IsCompletedSuccessfully) await _store.Value.Result.DisposeAsync();
    }
}
