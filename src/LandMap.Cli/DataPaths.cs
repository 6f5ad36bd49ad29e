namespace LandMap.Cli;

/// <summary>Where the shipped data lives: gis-data/ of the checkout the command runs in.</summary>
internal static class DataPaths
{
    /// <summary>gis-data/gazetteer, found upwards from the working folder, then from the binary.</summary>
    public static string Gazetteer => Path.Combine(GisData, "gazetteer");

    /// <summary>gis-data/reports.</summary>
    public static string Reports => Path.Combine(GisData, "reports");

    /// <summary>tiles/ beside gis-data/: the basemap MBTiles and the map style.</summary>
    public static string Tiles => Path.Combine(Path.GetDirectoryName(GisData)!, "tiles");

    private static string GisData =>
        FindUp(Environment.CurrentDirectory) ?? FindUp(AppContext.BaseDirectory) ?? Path.Combine(Environment.CurrentDirectory, "gis-data");

    private static string? FindUp(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "gis-data");
            if (Directory.Exists(Path.Combine(candidate, "gazetteer"))) return candidate;
        }
        return null;
    }
}
