using LandMap.Core.Extraction;
using LandMap.Core.Extraction.Input;
using LandMap.Core.Gazetteer.Registry;
using LandMap.Core.Reports;

namespace LandMap.Cli;

/// <summary>
/// Reads and extracts report files for a command; a file that fails is named on stderr and skipped. With a registry, a
/// report whose district is not in it is refused the same way, with how to register the district.
/// </summary>
internal static class ReportFiles
{
    /// <summary>The extracted reports, and how many files could not be read.</summary>
    public static (IReadOnlyList<ExtractedReport> Reports, int Failed) Extract(IEnumerable<string> paths, bool quiet = false) =>
        Extract(paths, null, quiet);

    /// <summary>The extracted reports of the districts of <paramref name="registry"/> (any when null), and how many files failed.</summary>
    public static (IReadOnlyList<ExtractedReport> Reports, int Failed) Extract(IEnumerable<string> paths, DistrictRegistry? registry, bool quiet = false)
    {
        var reports = new List<ExtractedReport>();
        var failed = 0;
        foreach (var path in paths)
        {
            var read = ReportFileReader.Read(path);
            if (read.Error is { } error)
            {
                if (!quiet) Console.Error.WriteLine($"landmap: error: {error}");
                failed++;
                continue;
            }
            var report = ReportExtractor.Extract(read.Text!, registry ?? DistrictRegistry.Shipped);
            if (registry is not null && ReportRecognition.WhyDistrictNotRegistered(report) is { } why)
            {
                if (!quiet) Console.Error.WriteLine($"landmap: error: {path}: {why}");
                failed++;
                continue;
            }
            reports.Add(report);
        }
        return (reports, failed);
    }
}
