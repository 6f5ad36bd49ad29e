using System.Diagnostics;

namespace LandMap.Tests.Shared;

/// <summary>
/// The LandMap checkout the tests run from, and the built <c>landmap</c> command run as a child process the way a
/// user or a script runs it. Linked into the test projects that need it (see their .csproj), so there is one copy.
/// </summary>
internal static class Checkout
{
    /// <summary>The folder holding LandMap.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Starts <c>landmap.dll</c> (copied beside the tests by the Cli project reference) in the checkout root.</summary>
    public static Process StartLandmap(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            StandardErrorEncoding = System.Text.Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "landmap.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        return Process.Start(start)!;
    }

    private static string FindRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "LandMap.sln"))) folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException("LandMap.sln not found above the test binaries");
    }
}
