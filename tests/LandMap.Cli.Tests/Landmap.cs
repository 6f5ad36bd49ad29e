using System.Diagnostics;

namespace LandMap.Cli.Tests;

/// <summary>Runs the built landmap command in a child process, as a user or a script would.</summary>
internal static class Landmap
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static (int ExitCode, string Stdout, string Stderr) Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            StandardErrorEncoding = System.Text.Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "landmap.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("landmap " + string.Join(' ', args) + " did not finish in 120 s");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string FindRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "LandMap.sln"))) folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException("LandMap.sln not found above the test binaries");
    }
}
