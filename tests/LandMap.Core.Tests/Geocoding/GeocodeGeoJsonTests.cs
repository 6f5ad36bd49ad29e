using System.Text.Json;
using LandMap.Core.Geocoding;

namespace LandMap.Core.Tests.Geocoding;

public sealed class GeocodeGeoJsonTests
{
    [Fact]
    public void FeatureCollectionCarriesTheContractPropertiesAndNullGeometryForUnresolved()
    {
        var geocoder = new ParcelGeocoder(TestGazetteer.Build());
        var entries = new[]
        {
            geocoder.GeocodeText("位于平安大道与八矿路交叉口东北侧，占地面积70亩", "卫东区"),
            geocoder.GeocodeText("位于幸福路北侧，面积 10 亩", "卫东区"),
        };

        using var doc = JsonDocument.Parse(GeocodeGeoJson.Write(entries));
        var root = doc.RootElement;
        Assert.Equal("FeatureCollection", root.GetProperty("type").GetString());
        Assert.False(root.TryGetProperty("crs", out _), "RFC 7946 has no crs member");
        var features = root.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(2, features.Count);

        var located = features[0];
        Assert.Equal("Polygon", located.GetProperty("geometry").GetProperty("type").GetString());
        var properties = located.GetProperty("properties");
        foreach (var name in new[] { "file", "district", "planYear", "seq", "name", "areaMu", "areaMuComputed", "status", "confidence", "method", "constraints", "warnings" })
        {
            Assert.True(properties.TryGetProperty(name, out _), $"missing property {name}");
        }
        Assert.Equal("located", properties.GetProperty("status").GetString());
        Assert.True(properties.GetProperty("constraints")[0].GetProperty("satisfied").GetBoolean());
        var lon = located.GetProperty("geometry").GetProperty("coordinates")[0][0][0].GetDouble();
        Assert.InRange(lon, 113.2, 113.5);

        Assert.Equal(JsonValueKind.Null, features[1].GetProperty("geometry").ValueKind);
        Assert.Equal("unresolved", features[1].GetProperty("properties").GetProperty("status").GetString());
    }
}
