namespace LandMap.Core.Tests;

/// <summary>Paths into the checkout the tests run from.</summary>
internal static class TestPaths
{
    /// <summary>The folder holding LandMap.sln.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The shipped sample reports.</summary>
    public static string Reports => Path.Combine(RepositoryRoot, "gis-data", "reports");

    private static string FindRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "LandMap.sln")))
        {
            folder = folder.Parent;
        }
        return folder?.FullName ?? throw new InvalidOperationException("LandMap.sln not found above the test binaries");
    }
}
