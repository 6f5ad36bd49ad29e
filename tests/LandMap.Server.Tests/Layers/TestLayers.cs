using System.Globalization;
using System.Text;
using LandMap.Core.Layers;
using LandMap.Data;
using LandMap.Data.Layers;

namespace LandMap.Server.Tests.Layers;

/// <summary>
/// Small bureau layers for server and page tests: a GeoJSON file (WGS 84) written here and imported through the real reader
/// (<see cref="LayerReader"/>) into the server's own store file, as <c>landmap layer import</c> does.
/// </summary>
internal static class TestLayers
{
    /// <summary>A square polygon feature of <paramref name="sizeDegrees"/> at (<paramref name="lon"/>, <paramref name="lat"/>) with its properties as JSON text.</summary>
    public static string Square(double lon, double lat, double sizeDegrees, string propertiesJson)
    {
        string P(double x, double y) => string.Create(CultureInfo.InvariantCulture, $"[{x:0.#########},{y:0.#########}]");
        var (e, n) = (lon + sizeDegrees, lat + sizeDegrees);
        var ring = string.Join(",", P(lon, lat), P(e, lat), P(e, n), P(lon, n), P(lon, lat));
        return "{\"type\":\"Feature\",\"properties\":" + propertiesJson + ",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[" + ring + "]]}}";
    }

    /// <summary>Imports the features as layer <paramref name="name"/> of <paramref name="kind"/> into the store at <paramref name="database"/>.</summary>
    public static async Task<LayerImportResult> ImportAsync(string database, string name, LayerKind kind, params string[] features)
    {
        var folder = Directory.CreateTempSubdirectory("landmap-layer-").FullName;
        try
        {
            var path = Path.Combine(folder, "layer.geojson");
            await File.WriteAllTextAsync(path, $$"""{"type":"FeatureCollection","features":[{{string.Join(",", features)}}]}""", new UTF8Encoding(false));
            using var reading = LayerReader.Open(path, new LayerReadOptions { Kind = kind });
            Assert.True(reading.IsOpen, string.Join("\n", reading.Problems));
            await using var store = await ParcelStoreFactory.OpenAsync(database);
            var import = new LayerImport(name, kind, reading.SourceFile, reading.Crs!.Label, "-", "测试员")
            {
                DeclaredFields = reading.Fields, AreaCrsOnceRead = () => reading.AreaCrs,
            };
            return await ILayerStore.Of(store).ImportLayerAsync(import, reading.Features());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
