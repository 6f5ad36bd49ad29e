using System.Diagnostics;

namespace LandMap.Cli.Tests;

/// <summary><c>landmap render --db</c>: the thematic map of a store imported from the sample reports, and the user's slips.</summary>
public sealed class RenderStoreTests : IDisposable
{
    private static readonly string[] Reports = ["gis-data/reports/001_187e19a5026d8d3e.txt", "gis-data/reports/000_3754bd8aaca57094.txt"];
    private readonly string _folder = Directory.CreateTempSubdirectory("landmap-render-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void RenderFromTheStoreWritesAnA3LandscapePdfByDefaultAndAnA4PortraitPngWhenAsked()
    {
        var db = Import();
        var pdf = Path.Combine(_folder, "weidong.pdf");
        var png = Path.Combine(_folder, "weidong.png");

        var (exit, stdout, stderr) = Landmap.Run("render", "--db", db, "--out", pdf, "--plan-year", "2023", "--district", "卫东区");
        var (pngExit, pngOut, pngErr) = Landmap.Run("render", "--db", db, "--out", png, "--plan-year", "2021", "--district", "卫东区", "--paper", "A4", "--orientation", "portrait");

        Assert.True(exit == 0, stderr);
        Assert.Contains("A3 landscape", stdout);
        Assert.Contains("25 parcels drawn", stdout);
        var info = Run("pdfinfo", pdf);
        Assert.Matches(@"Pages:\s+1\b", info);
        Assert.Contains("(A3)", info);
        Assert.Matches(@"Page size:\s+1190\.\d+ x 841\.\d+ pts", info);
        Assert.True(pngExit == 0, pngErr);
        Assert.Contains("A4 portrait", pngOut);
        // 150 dpi: 210 × 297 mm is 1241 × 1754 pixels.
        var bytes = File.ReadAllBytes(png);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes.Take(4));
        Assert.Equal((1241, 1754), (BigEndian(bytes, 16), BigEndian(bytes, 20)));
    }

    [Theory]
    [InlineData("--geojson", "parcels.geojson")]
    [InlineData("--width", "800")]
    [InlineData("--gazetteer", "gis-data/gazetteer")]
    public void QuickLookOptionsAreRefusedWithDb(string option, string value)
    {
        var (exit, _, stderr) = Landmap.Run("render", "--db", Import(), "--out", Path.Combine(_folder, "m.pdf"), option, value);

        Assert.Equal(1, exit);
        Assert.Contains($"{option} cannot be used with --db", stderr);
        Assert.False(File.Exists(Path.Combine(_folder, "m.pdf")));
    }

    [Fact]
    public void APdfOrPaperWithoutDbSaysToUseTheStore()
    {
        var (pdfExit, _, pdfErr) = Landmap.Run("render", "--out", Path.Combine(_folder, "m.pdf"));
        var (paperExit, _, paperErr) = Landmap.Run("render", "--out", Path.Combine(_folder, "m.png"), "--paper", "A4");

        Assert.Equal((1, 1), (pdfExit, paperExit));
        Assert.Contains("--db", pdfErr);
        Assert.Contains("--paper needs --db", paperErr);
    }

    [Fact]
    public void AMissingStoreOrAnUnknownFormatOrNothingToDrawIsOneClearLine()
    {
        var missing = Landmap.Run("render", "--db", Path.Combine(_folder, "nothere.db"), "--out", Path.Combine(_folder, "m.pdf"));
        var db = Import();
        var svg = Landmap.Run("render", "--db", db, "--out", Path.Combine(_folder, "m.svg"));
        var empty = Landmap.Run("render", "--db", db, "--out", Path.Combine(_folder, "m.pdf"), "--plan-year", "1999", "--district", "无此区");

        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("nothere.db", missing.Stderr);
        Assert.Equal(1, svg.ExitCode);
        Assert.Contains("write a .pdf or a .png", svg.Stderr);
        Assert.Equal(1, empty.ExitCode);
        Assert.Contains("1999", empty.Stderr);
        Assert.False(File.Exists(Path.Combine(_folder, "m.pdf")));
    }

    private string Import()
    {
        var db = Path.Combine(_folder, "landmap.db");
        if (File.Exists(db)) return db;
        var (exit, _, stderr) = Landmap.Run(["import", .. Reports, "--db", db]);
        Assert.True(exit == 0, stderr);
        return db;
    }

    private static int BigEndian(byte[] bytes, int at) => (bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3];

    private static string Run(string tool, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{tool} {arguments}: {process.StandardError.ReadToEnd()}");
        return output;
    }
}
