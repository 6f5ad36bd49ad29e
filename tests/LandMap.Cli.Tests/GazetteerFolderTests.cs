namespace LandMap.Cli.Tests;

/// <summary>Which gazetteer a command uses: --gazetteer, else LANDMAP_GAZETTEER, else the shipped one; never a new, empty folder.</summary>
public sealed class GazetteerFolderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("landmap-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void GazetteerImportIntoAMissingFolderFailsAndCreatesNothing()
    {
        var road = Path.Combine(_folder, "road.geojson");
        File.WriteAllText(road, """
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"测试路","kind":"road","district":"卫东区"},
             "geometry":{"type":"LineString","coordinates":[[113.30,33.73],[113.31,33.74]]}}]}
            """);
        var missing = Path.Combine(_folder, "gis-data", "gazetteer");

        var (exit, _, stderr) = Landmap.RunIn(_folder, new Dictionary<string, string>(), "gazetteer", "import", road, "--gazetteer", missing);

        Assert.Equal(1, exit);
        Assert.Contains(missing, stderr);
        Assert.False(Directory.Exists(Path.Combine(_folder, "gis-data")));
    }

    [Fact]
    public void LandmapGazetteerSettingIsUsedFromAnyFolder()
    {
        var missing = Path.Combine(_folder, "bureau-gazetteer");
        var setting = new Dictionary<string, string> { ["LANDMAP_GAZETTEER"] = missing };

        var (exit, _, stderr) = Landmap.RunIn(_folder, setting, "geocode", "--text", "位于平安大道与八矿路交叉口东北侧，占地面积70亩", "--district", "卫东区");

        Assert.Equal(1, exit);
        Assert.Contains(missing, stderr);
        Assert.Contains("LANDMAP_GAZETTEER", stderr);
    }

    [Fact]
    public void ShippedGazetteerIsFoundFromAnotherFolder()
    {
        var (exit, stdout, stderr) = Landmap.RunIn(_folder, new Dictionary<string, string>(),
            "geocode", "--text", "位于平安大道与八矿路交叉口东北侧，占地面积70亩", "--district", "卫东区");

        Assert.True(exit == 0, stderr);
        Assert.Contains("\"located\"", stdout);
    }
}
