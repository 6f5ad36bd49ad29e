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
        var exists = System.IO.File.Exists(path);
        var (gazetteer, load) = GazetteerIndex.LoadDirectory(options.Value.GazetteerDirectory);
        if (gazetteer is null)
        {
            // Without a gazetteer a basemap can be neither built nor checked: serve the one there is, saying so.
            if (!exists) throw new InvalidOperationException($"The gazetteer could not be loaded: {load}");
            logger.LogWarning("The gazetteer {Gazetteer} could not be loaded, so whether the basemap {Path} is current is not known: {Load}",
                options.Value.GazetteerDirectory, path, load);
        }
        // Missing, or built from another gazetteer (before its GCJ-02 → WGS 84 conversion, ~600 m off the parcels): build.
        else if (!exists || !BasemapStamp.IsBuiltFrom(MbTilesFile.ReadMetadata(path), gazetteer))
        {
            // The first start's long step: say so before it, as the server prints nothing else until it is done.
            logger.LogInformation("Building the basemap {Path} from {Gazetteer}{Why}: this takes up to a few minutes…", path,
                options.Value.GazetteerDirectory, exists ? " (the gazetteer changed since it was built)" : "");
            var built = BasemapBuilder.Build(gazetteer, path);
            logger.LogInformation("Basemap: {Tiles} tiles in {Ms} ms", built.TileCount, (int)built.Elapsed.TotalMilliseconds);
        }
        _file = new MbTilesFile(path);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
