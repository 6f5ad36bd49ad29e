namespace LandMap.Server.Hosting;

/// <summary>The checkout's gis-data/ and tiles/, found upwards from the working folder, then from the binary.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> Root = new(() =>
        FindUp(Environment.CurrentDirectory) ?? FindUp(AppContext.BaseDirectory) ?? Environment.CurrentDirectory);

    public static string GisData => Path.Combine(Root.Value, "gis-data");

    public static string Tiles => Path.Combine(Root.Value, "tiles");

    /// <summary>data/ of the checkout: the embedded SQLite database lives there (git-ignored).</summary>
    public static string Data => Path.Combine(Root.Value, "data");

    private static string? FindUp(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            if (Directory.Exists(Path.Combine(folder.FullName, "gis-data", "gazetteer"))) return folder.FullName;
        return null;
    }
}
