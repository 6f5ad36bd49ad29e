using LandMap.Tests.Shared;

namespace LandMap.Cli.Tests;

/// <summary><c>landmap layer import|list|remove</c> as a bureau runs them, on a Shapefile that GDAL's ogr2ogr writes in GBK.</summary>
public sealed class LayerCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("landmap-layer-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void ImportListAndRemoveALayer()
    {
        var db = Path.Combine(_folder, "store.db");
        var source = Path.Combine(_folder, "red.geojson");
        File.WriteAllText(source, """
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"HXMC":"白龟湖生态保护红线"},
            "geometry":{"type":"Polygon","coordinates":[[[113.20,33.70],[113.23,33.70],[113.23,33.72],[113.20,33.72],[113.20,33.70]]]}}]}
            """);
        var shp = Path.Combine(_folder, "stbhhx.shp");
        ExternalTools.Run("ogr2ogr", ["-f", "ESRI Shapefile", "-s_srs", "EPSG:4326", "-t_srs", "EPSG:4547", "-lco", "ENCODING=CP936", shp, source]);

        var imported = Landmap.Run("layer", "import", shp, "--name", "生态保护红线", "--kind", "eco-redline", "--db", db);
        Assert.True(imported.ExitCode == 0, imported.Stderr);
        Assert.Contains("features=1", imported.Stdout);
        Assert.Contains("crs=EPSG:4547", imported.Stdout);

        var listed = Landmap.Run("layer", "list", "--db", db);
        Assert.Equal(0, listed.ExitCode);
        Assert.Contains("layer name=生态保护红线 kind=eco-redline features=1", listed.Stdout);

        var unknown = Landmap.Run("layer", "remove", "不存在", "--db", db);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("there is no layer '不存在'", unknown.Stderr);

        var removed = Landmap.Run("layer", "remove", "生态保护红线", "--db", db);
        Assert.Equal(0, removed.ExitCode);
        var empty = Landmap.Run("layer", "list", "--db", db);
        Assert.Equal("", empty.Stdout.Trim());
        Assert.Contains("no layers in the store", empty.Stderr);
    }

    [Fact]
    public void AnUnknownKindIsAUsageErrorAndNothingIsStored()
    {
        var db = Path.Combine(_folder, "store.db");
        File.WriteAllText(Path.Combine(_folder, "x.geojson"), """{"type":"FeatureCollection","features":[]}""");

        var (exit, _, stderr) = Landmap.Run("layer", "import", Path.Combine(_folder, "x.geojson"), "--name", "x", "--kind", "farm", "--db", db);

        Assert.NotEqual(0, exit);
        Assert.Contains("farm", stderr);
        Assert.False(File.Exists(db) && Landmap.Run("layer", "list", "--db", db).Stdout.Contains("name=x", StringComparison.Ordinal));
    }

    // A name is part of the layer's URLs (/tiles/layer-NAME, /ogc/collections/layer-NAME): one that would break them is
    // refused before the file is read, without a stack trace, and no store is created.
    [Theory]
    [InlineData("三调/2023")]
    [InlineData("50%")]
    [InlineData("a#b")]
    [InlineData("{z}")]
    public void ANameThatBreaksTheLayersUrlsIsRefusedBeforeAnyWork(string name)
    {
        var db = Path.Combine(_folder, "names.db");
        File.WriteAllText(Path.Combine(_folder, "y.geojson"), """{"type":"FeatureCollection","features":[]}""");

        var (exit, _, stderr) = Landmap.Run("layer", "import", Path.Combine(_folder, "y.geojson"), "--name", name, "--kind", "farmland", "--db", db);

        Assert.Equal(1, exit);
        Assert.Contains("--name", stderr);
        Assert.Contains("/ \\ ? # % { }", stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.False(File.Exists(db));
    }
}
