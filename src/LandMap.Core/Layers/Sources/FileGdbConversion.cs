using System.Diagnostics;
using LandMap.Core.Gazetteer.Import;

namespace LandMap.Core.Layers.Sources;

/// <summary>
/// A File Geodatabase (<c>.gdb</c> folder) has no .NET reader: it is converted with GDAL's <c>ogr2ogr</c> (OpenFileGDB
/// driver) into a GeoPackage in a temporary folder, which is then read as any GeoPackage. Without ogr2ogr on PATH the
/// import says how to convert it by hand.
/// </summary>
internal static class FileGdbConversion
{
    public static string? ToGeoPackage(string gdb, string folder, LayerReadOptions options, ImportProblems problems)
    {
        var label = Path.GetFileName(Path.TrimEndingDirectorySeparator(gdb));
        var ogr2ogr = FindOnPath("ogr2ogr");
        if (ogr2ogr is null)
        {
            problems.FileProblem(ImportProblemCode.UnsupportedFormat, label,
                $"A File Geodatabase is read through GDAL, which is not installed (no ogr2ogr on PATH). Install gdal-bin, or convert it first: " +
                $"ogr2ogr -f GPKG {Path.ChangeExtension(label, ".gpkg")} {label} [LAYER], then import the .gpkg.");
            return null;
        }
        var output = Path.Combine(folder, Path.ChangeExtension(label, ".gpkg"));
        var start = new ProcessStartInfo(ogr2ogr) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "-f", "GPKG", output, gdb }) start.ArgumentList.Add(a);
        if (options.Layer is { } layer) start.ArgumentList.Add(layer);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0 || !File.Exists(output))
        {
            problems.FileProblem(ImportProblemCode.ReadFailed, label, $"ogr2ogr could not convert the File Geodatabase: {stderr.Result.Trim()}");
            return null;
        }
        return output;
    }

    private static string? FindOnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);
}
