namespace LandMap.Core.Tests.Gazetteer;

/// <summary>A temporary gazetteer directory with GeoJSON written by the tests.</summary>
internal sealed class GazetteerFixture : IDisposable
{
    /// <summary>A sketch: roads as lines, a village as a point, a city-wide river, the two 许南路.</summary>
    public const string Sketch = """
        {"type": "FeatureCollection", "features": [
          {"type": "Feature", "id": "r1", "geometry": {"type": "LineString", "coordinates": [[113.300, 33.700], [113.305, 33.760]]},
           "properties": {"name": "平郏东路", "aliases": ["东平郑路", "平郏路"], "kind": "road", "district": "卫东区", "precisionM": 50, "source": "sketch"}},
          {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[113.250, 33.740], [113.400, 33.742]]},
           "properties": {"name": "平安大道", "aliases": [], "kind": "road", "district": "卫东区、湛河区", "precisionM": 30, "source": "sketch"}},
          {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[113.230, 33.680], [113.232, 33.720]]},
           "properties": {"name": "许南路", "aliases": [], "kind": "road", "district": "湛河区", "precisionM": 80, "source": "sketch"}},
          {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[113.210, 33.680], [113.212, 33.720]]},
           "properties": {"name": "昆阳大道", "aliases": ["原许南路", "老许南路", "许南路"], "kind": "road", "district": "湛河区", "precisionM": 80, "source": "sketch"}},
          {"type": "Feature", "geometry": {"type": "Point", "coordinates": [113.320, 33.745]},
           "properties": {"name": "魏寨村", "aliases": ["魏寨"], "kind": "village", "district": "卫东区", "precisionM": 300, "source": "sketch"}},
          {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[113.200, 33.700], [113.450, 33.690]]},
           "properties": {"name": "湛河", "kind": "river", "district": null, "precisionM": 100, "source": "sketch"}}
        ]}
        """;

    /// <summary>A later, authoritative file that redraws 平郏东路.</summary>
    public const string Survey = """
        {"type": "FeatureCollection", "features": [
          {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[113.301, 33.700], [113.303, 33.730], [113.306, 33.760]]},
           "properties": {"name": "平郏东路", "aliases": ["东平郑路", "平郏路"], "kind": "road", "district": "卫东区", "precisionM": 5, "source": "survey"}}
        ]}
        """;

    public GazetteerFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), "landmap-gaz-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public string Write(string fileName, string json)
    {
        var path = Path.Combine(Directory, fileName);
        File.WriteAllText(path, json);
        return path;
    }

    /// <summary>A FeatureCollection of the given feature JSON objects.</summary>
    public static string Collection(params string[] features) =>
        $$"""{"type": "FeatureCollection", "features": [{{string.Join(",\n", features)}}]}""";

    /// <summary>A feature with the given geometry and properties JSON.</summary>
    public static string Feature(string geometry, string properties) =>
        $$"""{"type": "Feature", "geometry": {{geometry}}, "properties": {{properties}}}""";

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }
}
