using System.Diagnostics;
using System.Text;

namespace LandMap.Tests.Shared;

/// <summary>
/// Programs of other projects the tests check LandMap's files with (GDAL's gdaltransform, poppler's pdftotext, pdffonts,
/// pdfinfo, pdftoppm), found on PATH. A missing one fails the test with the Debian package to install: CI installs them
/// (.ci/apt-packages.txt, .ci/setup.d), so they are never skipped there.
/// </summary>
internal static class ExternalTools
{
    private static readonly Dictionary<string, string> Packages = new(StringComparer.Ordinal)
    {
        ["gdaltransform"] = "gdal-bin", ["ogr2ogr"] = "gdal-bin", ["ogrinfo"] = "gdal-bin",
        ["pdftotext"] = "poppler-utils", ["pdffonts"] = "poppler-utils", ["pdfinfo"] = "poppler-utils", ["pdftoppm"] = "poppler-utils",
    };

    /// <summary>Runs <paramref name="program"/> and returns its standard output; throws with its standard error when it fails.</summary>
    public static string Run(string program, IEnumerable<string> arguments, string? input = null)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program)).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                $"{program} is not on PATH: install the Debian package {Packages.GetValueOrDefault(program, program)} (CI installs it).");
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = input is not null,
            StandardOutputEncoding = Encoding.UTF8, StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        if (input is not null)
        {
            process.StandardInput.Write(input);
            process.StandardInput.Close();
        }

        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish in 120 s");
        }

        return process.ExitCode == 0
            ? output.Result
            : throw new InvalidOperationException($"{program} {string.Join(' ', start.ArgumentList)} exited {process.ExitCode}: {error.Result}");
    }
}
