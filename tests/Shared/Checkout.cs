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
    public static Process StartLandmap(params string[] args) => Start(args, new Dictionary<string, string>(), redirectInput: false);

    /// <summary>
    /// Starts <c>landmap.dll</c> with <paramref name="environment"/> added to the child's environment (settings such as
    /// <c>LandMap__TilesDirectory</c>) and standard input redirected, so the test can type into it (a password) or not at all.
    /// </summary>
    public static Process StartLandmap(IReadOnlyDictionary<string, string> environment, params string[] args) => Start(args, environment, redirectInput: true);

    /// <summary>
    /// Starts <c>landmap.dll</c> in <paramref name="workingDirectory"/> instead of the checkout root, as a user runs it from
    /// another folder, with <paramref name="environment"/> added; standard input is not redirected.
    /// </summary>
    public static Process StartLandmapIn(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Start(args, environment, redirectInput: false, workingDirectory);

    private static Process Start(string[] args, IReadOnlyDictionary<string, string> environment, bool redirectInput, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory ?? Root,
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            StandardErrorEncoding = System.Text.Encoding.UTF8,
        };
        foreach (var (name, value) in environment) start.Environment[name] = value;
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
