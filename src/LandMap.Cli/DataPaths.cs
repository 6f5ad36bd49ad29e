namespace LandMap.Cli;

/// <summary>
/// Where the shipped data lives when a command is not told: gis-data/ (gazetteer, reports) and tiles/ beside it. Looked
/// for upwards from the working folder, then upwards from landmap's own folder, which finds the checkout from its bin/
/// and the copy a publish puts beside landmap. Nothing here creates a folder: a command that finds none says so.
/// </summary>
internal static class DataPaths
{
    /// <summary>The environment variable that names the gazetteer folder for every command without --gazetteer.</summary>
    public const string GazetteerSetting = "LANDMAP_GAZETTEER";

    /// <summary>LANDMAP_GAZETTEER when set (even to a missing folder, so that the error names it), else gis-data/gazetteer; null when there is none.</summary>
    public static string? Gazetteer =>
        GazetteerFromSetting ?? (GisData is { } gisData ? Path.Combine(gisData, "gazetteer") : null);

    /// <summary>The folder LANDMAP_GAZETTEER names, or null when it is not set.</summary>
    public static string? GazetteerFromSetting =>
        Environment.GetEnvironmentVariable(GazetteerSetting) is { Length: > 0 } folder ? Path.GetFullPath(folder) : null;

    /// <summary>gis-data/reports, or null when no gis-data/ was found.</summary>
    public static string? Reports => GisData is { } gisData ? Path.Combine(gisData, "reports") : null;

    /// <summary>tiles/ beside gis-data/ (the basemap MBTiles and the map style), or null when no gis-data/ was found.</summary>
    public static string? Tiles => GisData is { } gisData ? Path.Combine(Path.GetDirectoryName(gisData)!, "tiles") : null;

    /// <summary>Where the search for gis-data/ looked, for the message when it found none.</summary>
    public static string Searched => $"gis-data/gazetteer in {Environment.CurrentDirectory}, in {AppContext.BaseDirectory} and in the folders above them";

    private static string? GisData => FindUp(Environment.CurrentDirectory) ?? FindUp(AppContext.BaseDirectory);

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
