using LandMap.Core.Gazetteer.Import;
using static LandMap.Core.Tests.Gazetteer.Import.ImportFolder;

namespace LandMap.Core.Tests.Gazetteer.Import;

/// <summary>A gazetteer import far from every district outline of the folder's registry gets a warning; one near them none.</summary>
public sealed class FarFromDistrictsTests : IDisposable
{
    private readonly ImportFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private GazetteerImportOptions Shipped() => _folder.Options() with { GazetteerDirectory = Path.Combine(TestPaths.RepositoryRoot, "gis-data", "gazetteer") };

    [Theory]
    [InlineData("[[116.45, 39.92], [116.46, 39.92]]", true)] // 北京市朝阳区
    [InlineData("[[113.32, 33.73], [113.33, 33.73]]", false)] // 卫东区
    public void TheWarningFollowsTheRegisteredOutlines(string coordinates, bool warned)
    {
        var json = Collection(null, Feature($$"""{"type": "LineString", "coordinates": {{coordinates}}}""", """{"name": "测试路", "kind": "road"}"""));

        var result = new GazetteerImporter(Shipped()).Read(_folder.Write("road.geojson", json));

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(warned, result.Warnings.Any(w => w.Contains("from every district of the registry") && w.Contains("410403 卫东区")));
    }
}
