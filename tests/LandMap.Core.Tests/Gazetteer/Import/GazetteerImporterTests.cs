using System.Text;
using LandMap.Core.Crs;
using LandMap.Core.Gazetteer;
using LandMap.Core.Gazetteer.Import;
using NetTopologySuite.Geometries;

namespace LandMap.Core.Tests.Gazetteer.Import;

/// <summary>The whole import: write into a gazetteer folder, override the sketch, prove it loads.</summary>
public sealed class GazetteerImporterTests : IDisposable
{
    private const string Sketch = """
        {"type": "FeatureCollection", "features": [
          {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[113.25, 33.74], [113.40, 33.742]]},
           "properties": {"name": "平安大道", "aliases": ["平安路"], "kind": "road", "district": "卫东区", "precisionM": 30, "source": "sketch"}},
          {"type": "Feature", "geometry": {"type": "Point", "coordinates": [113.32, 33.745]},
           "properties": {"name": "魏寨村", "kind": "village", "district": "卫东区", "precisionM": 300, "source": "sketch"}}
        ]}
        """;

    private readonly ImportFolder _folder = new();

    public GazetteerImporterTests()
    {
        Directory.CreateDirectory(_folder.Gazetteer);
        File.WriteAllText(Path.Combine(_folder.Gazetteer, "10_sketch.geojson"), Sketch);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void ImportOverridesTheSketchAndLookupReturnsTheImportedGeometry()
    {
        var shp = _folder.WriteShapefile("roads", ImportFolder.Roads(), KnownCrs.Cgcs2000Gk114.Wkt, Encoding.UTF8);

        var result = new GazetteerImporter(_folder.Options(PlaceKind.Road) with { DistrictField = "区县" }).Import(shp);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(Path.Combine(_folder.Gazetteer, "zz-import-roads.geojson"), result.OutputPath);
        var replaced = Assert.Single(result.Replaced);
        Assert.Equal(("平安大道", "10_sketch.geojson"), (replaced.Replaced.Name, replaced.Replaced.File));
        Assert.Equal("平郏东路", Assert.Single(result.Added).Name);

        var (index, load) = GazetteerIndex.LoadDirectory(_folder.Gazetteer);
        Assert.True(load.IsSuccess, load.ToString());
        var hit = Assert.Single(index!.Lookup("平安大道", "卫东区")).Feature;
        Assert.Equal("zz-import-roads.geojson", hit.File);
        Assert.Equal("import: roads.shp", hit.Source);
        var line = Assert.IsType<MultiLineString>(hit.Geometry);
        ShapefileImportTests.AssertNear(ImportFolder.Road[0], line.Coordinates[0]);
        Assert.Empty(Directory.EnumerateFiles(_folder.Gazetteer, ".*"));
    }

    [Fact]
    public void ReimportReplacesTheEarlierImportFile()
    {
        var shp = _folder.WriteShapefile("roads", ImportFolder.Roads(), KnownCrs.Cgcs2000Gk114.Wkt, Encoding.UTF8);
        var importer = new GazetteerImporter(_folder.Options(PlaceKind.Road) with { District = "卫东区" });

        Assert.True(importer.Import(shp).IsSuccess);
        var again = importer.Import(shp);

        Assert.True(again.IsSuccess, again.ToString());
        Assert.Equal("平安大道", Assert.Single(again.Replaced).Replaced.Name);
        Assert.Equal(2, Directory.EnumerateFiles(_folder.Gazetteer).Count());
    }

    [Fact]
    public void FolderThatNoLongerLoadsIsRestored()
    {
        // A broken file that sorts after the import makes the folder fail to load: the import is taken back.
        File.WriteAllText(Path.Combine(_folder.Gazetteer, "zzz-broken.geojson"), "{\"type\": \"FeatureCollection\"}");
        var shp = _folder.WriteShapefile("roads", ImportFolder.Roads(), KnownCrs.Cgcs2000Gk114.Wkt, Encoding.UTF8);

        var result = new GazetteerImporter(_folder.Options(PlaceKind.Road)).Import(shp);

        Assert.Contains(result.Problems, p => p.Code == ImportProblemCode.GazetteerRejected && p.Message.Contains("zzz-broken.geojson"));
        Assert.Null(result.OutputPath);
        Assert.False(File.Exists(Path.Combine(_folder.Gazetteer, "zz-import-roads.geojson")));
        Assert.Equal(2, Directory.EnumerateFiles(_folder.Gazetteer).Count());
    }

    [Fact]
    public void WrittenFileKeepsChineseReadable()
    {
        var shp = _folder.WriteShapefile("roads", ImportFolder.Roads(), KnownCrs.Cgcs2000Gk114.Wkt, Encoding.UTF8);

        var result = new GazetteerImporter(_folder.Options(PlaceKind.Road)).Import(shp);

        var text = File.ReadAllText(result.OutputPath!);
        Assert.Contains("\"name\":\"平安大道\"", text);
        Assert.Contains("\"kind\":\"road\"", text);
        Assert.Contains("\"precisionM\":5", text);
        Assert.Equal(4, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void UnsupportedExtensionSaysWhatIsRead()
    {
        var result = GazetteerImporter.Import(_folder.Write("roads.kml", "<kml/>"), _folder.Options());

        var problem = Assert.Single(result.Problems);
        Assert.Equal(ImportProblemCode.UnsupportedFormat, problem.Code);
        Assert.Contains(".gpkg", problem.Message);
    }
}
