using LandMap.Core.Gazetteer;

namespace LandMap.Cli;

/// <summary>
/// The gazetteer folder a command uses — <c>--gazetteer</c>, else <c>LANDMAP_GAZETTEER</c>, else the shipped
/// gis-data/gazetteer (<see cref="DataPaths"/>) — saying on stderr what is wrong when there is none or it does not load.
/// </summary>
internal static class GazetteerFolder
{
    /// <summary>The existing folder to use, or null after saying why there is none.</summary>
    public static string? Find(string? given)
    {
        var folder = given is not null ? Path.GetFullPath(given) : DataPaths.Gazetteer;
        if (folder is null)
        {
            Console.Error.WriteLine($"landmap: error: no gazetteer found (looked for {DataPaths.Searched}); " +
                $"pass --gazetteer DIR or set {DataPaths.GazetteerSetting} to LandMap's gis-data/gazetteer folder.");
            return null;
        }
        if (Directory.Exists(folder)) return folder;
        var from = given is not null ? "--gazetteer" : DataPaths.GazetteerSetting;
        Console.Error.WriteLine($"landmap: error: the gazetteer folder {folder} (from {from}) does not exist; " +
            $"pass --gazetteer or set {DataPaths.GazetteerSetting} to an existing gazetteer folder such as LandMap's gis-data/gazetteer.");
        return null;
    }

    /// <summary>The index, or null after the problems were printed.</summary>
    public static GazetteerIndex? Load(string? given)
    {
        if (Find(given) is not { } folder) return null;
        var (gazetteer, load) = GazetteerIndex.LoadDirectory(folder);
        if (gazetteer is not null) return gazetteer;
        Console.Error.WriteLine($"landmap: error: gazetteer {folder} did not load; fix these and run again:");
        foreach (var problem in load.Problems) Console.Error.WriteLine($"  {problem}");
        return null;
    }
}
