using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using LandMap.Tests.Shared;

namespace LandMap.Cli.Tests;

/// <summary>Hostile files given to the CLI (issue #16): each ends in exit 1 and one clean error line that names the file, never a stack trace.</summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("landmap-cli-hostile-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void GazetteerImportOfALoneSurrogateNamesTheMember()
    {
        var path = Write("surrogate.geojson", """
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"\ud800路","kind":"road"},
             "geometry":{"type":"LineString","coordinates":[[113.35,33.77],[113.36,33.77]]}}]}
            """);
        var (exit, stdout, stderr) = Landmap.Run("gazetteer", "import", path, "--gazetteer", Gazetteer(), "--dry-run");
        AssertCleanFailure(exit, stdout, stderr, "surrogate.geojson");
        Assert.Contains("features[0].properties.name", stdout + stderr, StringComparison.Ordinal);
    }

    // Issue 16, point 30: each was imported before (a LineString "park"; a road at 109.5°E, 0.0003°N with a warning).
    [Theory]
    [InlineData("ring3.geojson", """{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"三点公园","kind":"park"},"geometry":{"type":"Polygon","coordinates":[[[113.30,33.74],[113.31,33.74],[113.30,33.74]]]}}]}""", "has 3 position(s)")]
    [InlineData("degrees4547.geojson", """{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4547"}},"features":[{"type":"Feature","properties":{"name":"度数路","kind":"road"},"geometry":{"type":"LineString","coordinates":[[113.30,33.74],[113.31,33.75]]}}]}""", "look like longitude/latitude in degrees")]
    public void GazetteerImportRefusesGeometriesImpossibleAsDeclared(string file, string json, string says)
    {
        var (exit, stdout, stderr) = Landmap.Run("gazetteer", "import", Write(file, json), "--gazetteer", Gazetteer());

        AssertCleanFailure(exit, stdout, stderr, file);
        Assert.Contains(says, stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Gazetteer()));
    }

    [Theory]
    [InlineData("1e308")]
    [InlineData("0")]
    [InlineData("NaN")]
    public void GazetteerImportBoundsThePrecision(string precision)
    {
        var path = Write("road.geojson", """{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"测试路","kind":"road"},"geometry":{"type":"LineString","coordinates":[[113.30,33.74],[113.31,33.75]]}}]}""");

        var (exit, stdout, stderr) = Landmap.Run("gazetteer", "import", path, "--gazetteer", Gazetteer(), "--precision", precision);

        Assert.True(exit == 1, $"exit {exit}\n{stdout}{stderr}");
        Assert.Contains("--precision must be a number of metres above 0 and at most 10000", stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Gazetteer()));
    }

    [Fact]
    public void ExtractWarnsAboutAnEntryNumberAndAnAreaNoNumberHoldsAndGoesOn()
    {
        var path = Write("huge.txt", $"""
            专栏：用地保障重点项目（3个）
            - 1、甲项目：位于平煤大道东段北侧魏寨村，面积 37 亩。
            - 2147483648、乙项目：位于建设路东段北侧大营村，面积 40 亩。
            - 3、丙项目：位于平安大道东段北侧程庄村，面积 1{new string('0', 400)} 亩。
            """);
        var (exit, stdout, stderr) = Landmap.Run("extract", path);

        Assert.True(exit == 0, $"exit {exit}\n{stdout}{stderr}");
        Assert.DoesNotContain("Exception", stdout + stderr, StringComparison.Ordinal);
        using var json = System.Text.Json.JsonDocument.Parse(stdout);
        var report = json.RootElement.GetProperty("reports")[0];
        Assert.Equal(["甲项目", "丙项目"], report.GetProperty("landEntries").EnumerateArray().Select(e => e.GetProperty("name").GetString()));
        var warnings = report.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList();
        Assert.Contains(warnings, w => w.StartsWith("line 3:", StringComparison.Ordinal) && w.Contains("2147483648", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.StartsWith("line 4:", StringComparison.Ordinal) && w.Contains("too large", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("extract")]
    [InlineData("import")]
    public void ADocxNested30000DeepIsRefusedWithOneLine(string command)
    {
        var path = Path.Combine(_folder, "deep.docx");
        File.WriteAllBytes(path, NestedDocx(30_000));
        string[] args = command == "import" ? ["import", path, "--db", Path.Combine(_folder, "deep.db")] : ["extract", path];

        var (exit, stdout, stderr) = Landmap.Run(args);

        AssertCleanFailure(exit, stdout, stderr, "deep.docx");
        Assert.Contains("levels deep", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains("deep.docx", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(160, "truncated")]
    [InlineData(236, "do not fit")]
    public async Task ATruncatedOrForgedShapefileIsRefusedQuicklyWithinASmallHeap(int shpBytes, string says)
    {
        var path = Path.Combine(_folder, "truncated.zip");
        File.WriteAllBytes(path, HostileFiles.TruncatedShapefileZip(shpBytes, points: 100_000_000));
        var clock = Stopwatch.StartNew();
        // A 256 MiB heap: reading must not allocate from the cut file's counts.
        using var process = Checkout.StartLandmap(new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = "0x10000000" },
            "gazetteer", "import", path, "--gazetteer", Gazetteer(), "--crs", "EPSG:4547", "--kind", "park", "--dry-run");
        process.StandardInput.Close();
        var stdoutTask = process.StandardOutput.ReadToEndAsync();
        var stderrTask = process.StandardError.ReadToEndAsync();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            try { await process.WaitForExitAsync(timeout.Token); }
            catch (OperationCanceledException) { process.Kill(entireProcessTree: true); }
        }
        var (stdout, stderr) = (await stdoutTask, await stderrTask);

        AssertCleanFailure(process.ExitCode, stdout, stderr, "truncated.zip");
        Assert.Contains(says, stdout + stderr, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }

    /// <summary>A valid .docx whose one paragraph sits inside <paramref name="depth"/> nested content controls (w:sdt).</summary>
    private static byte[] NestedDocx(int depth)
    {
        const string w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
        var body = new StringBuilder();
        body.Insert(0, "<w:sdt><w:sdtContent>", depth).Append("<w:p><w:r><w:t>专栏：用地保障重点项目</w:t></w:r></w:p>").Insert(body.Length, "</w:sdtContent></w:sdt>", depth);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, string text)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Optimal).Open(), new UTF8Encoding(false));
                writer.Write(text);
            }
            Add("[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>
                <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
                """);
            Add("_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
                """);
            Add("word/document.xml", $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"{w}\"><w:body>{body}</w:body></w:document>");
        }
        return buffer.ToArray();
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    /// <summary>An existing (empty) gazetteer folder: gazetteer import refuses a missing one before it reads the file.</summary>
    private string Gazetteer() => Directory.CreateDirectory(Path.Combine(_folder, "gazetteer")).FullName;

    internal static void AssertCleanFailure(int exit, string stdout, string stderr, string file)
    {
        var output = stdout + stderr;
        Assert.True(exit == 1, $"exit {exit}\n{output}");
        Assert.Contains(file, output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }
}
