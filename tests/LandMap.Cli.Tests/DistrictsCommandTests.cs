using System.Text.Json;
using LandMap.Core.Crs;
using LandMap.Tests.Shared;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace LandMap.Cli.Tests;

/// <summary>
/// <c>landmap districts import</c> with a file GDAL wrote (the published GCJ-02 outline of 北京市朝阳区 turned into a
/// FeatureCollection with code/name by ogr2ogr), and what the registry then changes for geocode and import.
/// </summary>
public sealed class DistrictsCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("landmap-districts-").FullName;
    private readonly string _gazetteer;

    public DistrictsCommandTests()
    {
        _gazetteer = Path.Combine(_folder, "gazetteer");
        Directory.CreateDirectory(_gazetteer);
        var shipped = Path.Combine(Checkout.Root, "gis-data", "gazetteer");
        foreach (var file in Directory.EnumerateFiles(shipped)) File.Copy(file, Path.Combine(_gazetteer, Path.GetFileName(file)));
        Directory.CreateDirectory(Path.Combine(_gazetteer, "divisions"));
        foreach (var file in Directory.EnumerateFiles(Path.Combine(shipped, "divisions"))) File.Copy(file, Path.Combine(_gazetteer, "divisions", Path.GetFileName(file)));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Fence => Path.Combine(Checkout.Root, "tests", "LandMap.Cli.Tests", "Fixtures", "adcode", "110105.json");

    private string Chaoyang(string code = "110105")
    {
        var path = Path.Combine(_folder, $"chaoyang-{code}.geojson");
        ExternalTools.Run("ogr2ogr", ["-f", "GeoJSON", path, Fence, "-dialect", "SQLite", "-sql", $"SELECT '{code}' AS code, '朝阳区' AS name, geometry FROM \"110105\""]);
        return path;
    }

    [Fact]
    public void AGcj02OutlineIsStoredAsItsWgs84Conversion()
    {
        var (exit, stdout, stderr) = Landmap.Run("districts", "import", Chaoyang(), "--gazetteer", _gazetteer, "--crs", "GCJ02");

        Assert.True(exit == 0, stderr);
        Assert.Contains("added 110105 北京市朝阳区", stdout);
        Assert.Contains("110105,朝阳区,,北京市", File.ReadAllLines(Path.Combine(_gazetteer, "registry.csv")));
        var stored = ReadGeometry(File.ReadAllText(Path.Combine(_gazetteer, "registry-districts.geojson")), "朝阳区");
        var source = JsonSerializer.Deserialize<Geometry>(File.ReadAllText(Fence), GeoJson)!;
        Assert.Equal(source.NumPoints, stored.NumPoints);
        // Every source vertex, converted, is a stored vertex (to 1e-7°, about 1 cm; the repair may start rings elsewhere).
        var storedVertices = stored.Coordinates;
        var worst = source.Coordinates.Max(gcj =>
        {
            var (lon, lat) = ChinaWebDatums.Gcj02ToWgs84(gcj.X, gcj.Y);
            return storedVertices.Min(wgs => Math.Max(Math.Abs(lon - wgs.X), Math.Abs(lat - wgs.Y)));
        });
        Assert.True(worst < 1.1e-7, $"stored outline differs from the GCJ-02 → WGS 84 conversion by {worst}°");
        // And it moved: GCJ-02 is about 0.006° east of WGS 84 at Beijing.
        Assert.True(source.Centroid.Distance(stored.Centroid) > 0.004, "the outline was not converted from GCJ-02");
    }

    [Fact]
    public void AnImportedDistrictIsGeocodedInItsOwnZone()
    {
        Assert.Equal(0, Landmap.Run("districts", "import", Chaoyang(), "--gazetteer", _gazetteer, "--crs", "GCJ02").ExitCode);
        var (exit, stdout, stderr) = Landmap.Run("geocode", "--text", "位于测试路北侧，面积约 5 亩", "--district", "朝阳区", "--gazetteer", _gazetteer);

        Assert.True(exit == 0, stderr);
        Assert.Contains("\"district\":\"朝阳区\"", stdout);
        // 116.4°E: CGCS2000 3° zone 39, CM 117°E.
        Assert.Contains("\"metricCrs\":\"EPSG:4548\"", stdout);
    }

    [Fact]
    public void AReportOfAnImportedDistrictIsStoredUnderItsCode()
    {
        Assert.Equal(0, Landmap.Run("districts", "import", Chaoyang(), "--gazetteer", _gazetteer, "--crs", "GCJ02").ExitCode);
        // A 卫东区 report retitled: the district (with its municipality in front) is now 北京市朝阳区.
        var text = File.ReadAllText(Path.Combine(Checkout.Root, "gis-data/reports/000_3754bd8aaca57094.txt"))
            .Replace("平顶山市卫东区", "北京市朝阳区").Replace("卫东区", "朝阳区");
        var report = Path.Combine(_folder, "chaoyang-2023.txt");
        File.WriteAllText(report, text);
        var db = Path.Combine(_folder, "bureau.db");
        var csv = Path.Combine(_folder, "parcels.csv");

        var (exit, _, stderr) = Landmap.Run("import", report, "--db", db, "--gazetteer", _gazetteer);
        var export = Landmap.Run("export", "--db", db, "--format", "csv", "--out", csv);

        Assert.True(exit == 0, stderr);
        Assert.True(export.ExitCode == 0, export.Stderr);
        var rows = File.ReadAllLines(csv).Skip(1).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains(",110105202300", "," + r));
    }

    [Fact]
    public void ExtractNamesAnImportedDistrictFromTheFoldersRegistry()
    {
        var report = Path.Combine(_folder, "chaoyang-title.txt");
        File.WriteAllText(report, File.ReadAllText(Path.Combine(Checkout.Root, "gis-data/reports/000_3754bd8aaca57094.txt"))
            .Replace("平顶山市卫东区", "北京市朝阳区").Replace("卫东区", "朝阳区"));

        var before = Landmap.Run("extract", report, "--gazetteer", _gazetteer);
        Assert.Equal(0, Landmap.Run("districts", "import", Chaoyang(), "--gazetteer", _gazetteer, "--crs", "GCJ02").ExitCode);
        var after = Landmap.Run("extract", report, "--gazetteer", _gazetteer);
        var missing = Landmap.Run("extract", report, "--gazetteer", Path.Combine(_folder, "no-such-folder"));

        // The shipped registry of 河南省 does not know 朝阳区: the report is refused, saying how to add it.
        Assert.Equal(1, before.ExitCode);
        Assert.Contains("landmap districts import", before.Stderr);
        Assert.DoesNotContain("\"districtCode\": 110105", before.Stdout);
        Assert.True(after.ExitCode == 0, after.Stderr);
        Assert.Contains("\"district\": \"朝阳区\"", after.Stdout);
        Assert.Contains("\"districtCode\": 110105", after.Stdout);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no-such-folder", missing.Stderr);
    }

    [Fact]
    public void AReportOfAnUnregisteredDistrictIsRefusedAndTheOthersStillImport()
    {
        var report = Path.Combine(_folder, "qingzhou.txt");
        File.WriteAllText(report, "关于青州市2023年国民经济和社会发展计划执行情况与2024年计划的报告\n各位代表：\n三、2024年重点工作安排\n");
        var db = Path.Combine(_folder, "bureau.db");

        var geocode = Landmap.Run("geocode", report, "--gazetteer", _gazetteer);
        var import = Landmap.Run("import", report, "gis-data/reports/000_3754bd8aaca57094.txt", "--db", db, "--gazetteer", _gazetteer);

        Assert.Equal(1, geocode.ExitCode);
        Assert.Contains("青州市", geocode.Stderr);
        Assert.Contains("landmap districts import", geocode.Stderr);
        Assert.DoesNotContain("   at ", geocode.Stderr);
        Assert.Contains("landmap districts import", import.Stderr);
        Assert.DoesNotContain("   at ", import.Stderr);
        Assert.Contains("000_3754bd8aaca57094.txt", import.Stdout + import.Stderr);
        Assert.True(File.Exists(db));
    }

    [Fact]
    public void ASecondDistrictOfTheSameNameIsRefusedAndABrokenOutlineFileIsNamed()
    {
        Assert.Equal(0, Landmap.Run("districts", "import", Chaoyang(), "--gazetteer", _gazetteer, "--crs", "GCJ02").ExitCode);
        var registry = File.ReadAllBytes(Path.Combine(_gazetteer, "registry.csv"));

        // 长春市朝阳区 (220104): the same name as 北京市朝阳区, another city.
        var changchun = Landmap.Run("districts", "import", Chaoyang("220104"), "--gazetteer", _gazetteer, "--crs", "GCJ02");
        const string Broken = "{\"type\":\"FeatureCollection\",\"features\":[{\"properties\":{\"code\":\"x\"}}]}";
        File.WriteAllText(Path.Combine(_gazetteer, "registry-districts.geojson"), Broken);
        var broken = Landmap.Run("districts", "import", Chaoyang(), "--gazetteer", _gazetteer, "--crs", "GCJ02");

        Assert.Equal(1, changchun.ExitCode);
        Assert.Contains("220104", changchun.Stderr);
        Assert.Contains("110105", changchun.Stderr);
        Assert.Equal(registry, File.ReadAllBytes(Path.Combine(_gazetteer, "registry.csv")));
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("registry-districts.geojson", broken.Stderr);
        Assert.DoesNotContain("   at ", broken.Stderr);
        Assert.Equal(registry, File.ReadAllBytes(Path.Combine(_gazetteer, "registry.csv")));
        Assert.Equal(Broken, File.ReadAllText(Path.Combine(_gazetteer, "registry-districts.geojson")));
    }

    [Fact]
    public void WhenTheRegistryCannotBeReplacedTheOutlinesStayAsTheyWere()
    {
        Assert.Equal(0, Landmap.Run("districts", "import", Chaoyang(), "--gazetteer", _gazetteer, "--crs", "GCJ02").ExitCode);
        var outlines = File.ReadAllBytes(Path.Combine(_gazetteer, "registry-districts.geojson"));
        // registry.csv made a folder: the outline file can be written, the registry cannot.
        File.Delete(Path.Combine(_gazetteer, "registry.csv"));
        Directory.CreateDirectory(Path.Combine(_gazetteer, "registry.csv"));

        var dongcheng = Path.Combine(_folder, "dongcheng.geojson");
        ExternalTools.Run("ogr2ogr", ["-f", "GeoJSON", dongcheng, Fence, "-dialect", "SQLite", "-sql", "SELECT '110101' AS code, '东城区' AS name, geometry FROM \"110105\""]);

        var (exit, _, stderr) = Landmap.Run("districts", "import", dongcheng, "--gazetteer", _gazetteer, "--crs", "GCJ02");

        Assert.Equal(1, exit);
        Assert.Contains("nothing changed", stderr);
        Assert.Equal(outlines, File.ReadAllBytes(Path.Combine(_gazetteer, "registry-districts.geojson")));
        Assert.Empty(Directory.EnumerateFiles(_gazetteer, "*.tmp").Concat(Directory.EnumerateFiles(_gazetteer, "*.bak")));
    }

    [Fact]
    public void ABadCodeNamesFeatureAndFieldAndWritesNothing()
    {
        var before = File.ReadAllBytes(Path.Combine(_gazetteer, "registry.csv"));

        var (exit, _, stderr) = Landmap.Run("districts", "import", Chaoyang("1101"), "--gazetteer", _gazetteer, "--crs", "GCJ02");
        var missingField = Landmap.Run("districts", "import", Chaoyang(), "--gazetteer", _gazetteer, "--code-field", "adcode");

        Assert.Equal(1, exit);
        Assert.Contains("feature 1", stderr);
        Assert.Contains("'code'", stderr);
        Assert.Contains("nothing was written", stderr);
        Assert.Equal(1, missingField.ExitCode);
        Assert.Contains("--code-field", missingField.Stderr);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(_gazetteer, "registry.csv")));
        Assert.False(File.Exists(Path.Combine(_gazetteer, "registry-districts.geojson")));
        Assert.Empty(Directory.EnumerateFiles(_gazetteer, "*.tmp"));
    }

    private static readonly JsonSerializerOptions GeoJson = Options();

    private static JsonSerializerOptions Options()
    {
        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory());
        return options;
    }

    private static Geometry ReadGeometry(string collection, string name)
    {
        using var document = JsonDocument.Parse(collection);
        var feature = document.RootElement.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("properties").GetProperty("name").GetString() == name);
        return feature.GetProperty("geometry").Deserialize<Geometry>(GeoJson)!;
    }
}
