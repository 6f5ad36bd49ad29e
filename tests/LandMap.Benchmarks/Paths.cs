namespace LandMap.Benchmarks;

internal static class Paths
{
    /// <summary>gis-data of the checkout the benchmark runs from.</summary>
    public static string GisData
    {
        get
        {
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "LandMap.sln"))) folder = folder.Parent;
            return Path.Combine(folder?.FullName ?? throw new InvalidOperationException("run the benchmarks from inside the LandMap checkout"), "gis-data");
        }
    }

    /// <summary>gis-data/reports.</summary>
    public static string Reports => Path.Combine(GisData, "reports");
}
