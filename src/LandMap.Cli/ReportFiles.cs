using LandMap.Core.Extraction;
using LandMap.Core.Extraction.Input;
using LandMap.Core.Reports;

namespace LandMap.Cli;

/// <summary>Reads and extracts report files for a command; a file that fails is named on stderr and skipped.</summary>
internal static class ReportFiles
{
    /// <summary>The extracted reports, and how many files could not be read.</summary>
    public static (IReadOnlyList<ExtractedReport> Reports, int Failed) Extract(IEnumerable<string> paths, bool quiet = false)
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
            reports.Add(ReportExtractor.Extract(read.Text!));
        }
        return (reports, failed);
    }
}
