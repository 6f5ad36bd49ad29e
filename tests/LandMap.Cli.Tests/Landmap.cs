using LandMap.Tests.Shared;

namespace LandMap.Cli.Tests;

/// <summary>Runs the built landmap command in a child process, as a user or a script would.</summary>
internal static class Landmap
{
    public static (int ExitCode, string Stdout, string Stderr) Run(params string[] args) => Wait(Checkout.StartLandmap(args), args);

    /// <summary>Runs landmap in <paramref name="folder"/> (not the checkout) with <paramref name="environment"/> added.</summary>
    public static (int ExitCode, string Stdout, string Stderr) RunIn(string folder, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Wait(Checkout.StartLandmapIn(folder, environment, args), args);

    private static (int ExitCode, string Stdout, string Stderr) Wait(System.Diagnostics.Process started, string[] args)
    {
        using var process = started;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("landmap " + string.Join(' ', args) + " did not finish in 120 s");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
