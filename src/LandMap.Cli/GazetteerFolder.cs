using LandMap.Core.Gazetteer;

namespace LandMap.Cli;

/// <summary>Loads the gazetteer a command names (default gis-data/gazetteer), saying on stderr what is wrong when it does not load.</summary>
internal static class GazetteerFolder
{
    /// <summary>The index, or null after the problems were printed.</summary>
    public static GazetteerIndex? Load(string? folder)
    {
        folder ??= DataPaths.Gazetteer;
        var (gazetteer, load) = GazetteerIndex.LoadDirectory(folder);
        if (gazetteer is not null) return gazetteer;
        Console.Error.WriteLine($"landmap: error: gazetteer {folder} did not load; fix these and run again:");
        foreach (var problem in load.Problems) Console.Error.WriteLine($"  {problem}");
        return null;
    }
}
