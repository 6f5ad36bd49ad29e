using LandMap.Core.Gazetteer;
using Microsoft.Extensions.Options;

namespace LandMap.Server.Hosting;

/// <summary>
/// The server's gazetteer (<see cref="ServerOptions.GazetteerDirectory"/>), loaded once on first use and shared by what
/// asks it per request (outline checks, investor facts). Null, logged once, when it cannot be loaded: each user decides
/// what that means for its answer.
/// </summary>
internal sealed class ServerGazetteer(IOptions<ServerOptions> options, ILogger<ServerGazetteer> logger)
{
    private readonly Lazy<(GazetteerIndex? Index, string Problem)> _loaded = new(() =>
    {
        var directory = options.Value.GazetteerDirectory;
        var (gazetteer, load) = GazetteerIndex.LoadDirectory(directory);
        var problem = $"The gazetteer in {directory} could not be loaded: {load}";
        if (gazetteer is null) logger.LogWarning("{Problem}", problem);
        return (gazetteer, problem);
    });

    /// <summary>The gazetteer, or null when it could not be loaded.</summary>
    public GazetteerIndex? Index => _loaded.Value.Index;

    /// <summary>The gazetteer, or an exception saying why it could not be loaded.</summary>
    public GazetteerIndex Required => _loaded.Value.Index ?? throw new InvalidOperationException(_loaded.Value.Problem);
}
