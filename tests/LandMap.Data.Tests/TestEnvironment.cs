using System.Diagnostics;
using LandMap.Core.Extraction;
using LandMap.Core.Extraction.Input;
using LandMap.Core.Gazetteer;
using LandMap.Core.Reports;
using LandMap.Tests.Shared;

namespace LandMap.Data.Tests;

/// <summary>Paths, the shipped gazetteer and reports, and what CI demands of the environment.</summary>
internal static class TestEnvironment
{
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? PostgresConnectionString => Environment.GetEnvironmentVariable("LANDMAP_TEST_PG") is { Length: > 0 } s ? s : null;

    public static string RepositoryRoot => Checkout.Root;

    public static string ReportsFolder => Path.Combine(RepositoryRoot, "gis-data", "reports");

    public static string[] SeedReports => Directory.GetFiles(ReportsFolder, "*.txt").Order().ToArray();

    private static readonly Lazy<GazetteerIndex> LazyGazetteer = new(() =>
    {
        var (gazetteer, load) = GazetteerIndex.LoadDirectory(Path.Combine(RepositoryRoot, "gis-data", "gazetteer"));
        return gazetteer ?? throw new InvalidOperationException(string.Join('\n', load.Problems));
    });

    public static GazetteerIndex Gazetteer => LazyGazetteer.Value;

    public static ExtractedReport Extract(string path) => ReportExtractor.Extract(ReportFileReader.Read(path).Text!);

    public static string? FindOnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);

    public static string TempFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "landmap-data-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Starts the built landmap command (landmap.dll beside the tests) in a child process.</summary>
    public static Process StartLandmap(params string[] args) => Checkout.StartLandmap(args);
}

/// <summary>A fact that shells out to GDAL's ogrinfo: skipped locally without it, failing in CI (which installs gdal-bin).</summary>
public sealed class OgrFactAttribute : FactAttribute
{
    public OgrFactAttribute()
    {
        if (TestEnvironment.FindOnPath("ogrinfo") is null && !TestEnvironment.IsCi)
            Skip = "ogrinfo is not on PATH: apt-get install gdal-bin";
    }
}
