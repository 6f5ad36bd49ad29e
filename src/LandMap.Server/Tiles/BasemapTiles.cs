using LandMap.Core.Gazetteer;
using LandMap.Server.Hosting;
using LandMap.Tiles.Basemap;
using LandMap.Tiles.MbTiles;
using Microsoft.Extensions.Options;

namespace LandMap.Server.Tiles;

/// <summary>The basemap MBTiles file, built from the gazetteer at start-up when it is missing or was built from another gazetteer.</summary>
internal sealed class BasemapTiles(IOptions<ServerOptions> options, ILogger<BasemapTiles> logger) : IHostedService
{
    private MbTilesFile? _file;

    public MbTilesFile File => _file ?? throw new InvalidOperationException("The basemap is opened at start-up.");

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var path = options.Value.BasemapPath;
        var (gazetteer, load) = GazetteerIndex.LoadDirectory(options.Value.GazetteerDirectory);
        if (gazetteer is null) throw new InvalidOperationException($"The gazetteer could not be loaded: {load}");
        // Missing, or built from another gazetteer (before its GCJ-02 → WGS 84 conversion, ~600 m off the parcels): build.
        var stale = System.IO.File.Exists(path) && !BasemapStamp.IsBuiltFrom(MbTilesFile.ReadMetadata(path), gazetteer);
        if (!System.IO.File.Exists(path) || stale)
        {
            // The first start's long step: say so before it, as the server prints nothing else until it is done.
            logger.LogInformation("Building the basemap {Path} from {Gazetteer}{Why}: this takes up to a few minutes…", path,
                options.Value.GazetteerDirectory, stale ? " (the gazetteer changed since it was built)" : "");
            var built = BasemapBuilder.Build(gazetteer, path);
            logger.LogInformation("Basemap: {Tiles} tiles in {Ms} ms", built.TileCount, (int)built.Elapsed.TotalMilliseconds);
        }
        _file = new MbTilesFile(path);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
