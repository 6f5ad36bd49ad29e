using System.Diagnostics;

namespace LandMap.Server.Tests;

/// <summary>External programs the tests use (ogrinfo, chromium), found on PATH.</summary>
internal static class Tools
{
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);

    public static (int Exit, string Output) Run(string program, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit(60_000);
        return (process.ExitCode, output.Result + error.Result);
    }

    /// <summary>
    /// The Python that has <paramref name="module"/> (LANDMAP_PYTHON, else /usr/bin/python3), or null outside CI when it
    /// has not; in CI a missing module fails with <paramref name="inCiMessage"/>, so a client check is never skipped there.
    /// </summary>
    public static string? PythonWith(string module, string inCiMessage)
    {
        var python = Environment.GetEnvironmentVariable("LANDMAP_PYTHON") ?? "/usr/bin/python3";
        var (found, _) = File.Exists(python) ? Run(python, $"-c \"import {module}\"") : (1, "");
        if (found == 0) return python;
        Assert.False(InCi, inCiMessage);
        return null;
    }
}
