using System.Text.Json;
using LandMap.Tiles.Sources;

namespace LandMap.Tiles.Tests.Sources;

public sealed class TileJsonTests
{
    private static readonly TileJson Parcels = new()
    {
        Name = "parcels",
        Description = "Parcels of the land supply plans",
        Attribution = "平顶山市自然资源和规划局",
        Bounds = [113.1, 33.6, 113.5, 33.9],
        Center = [113.3, 33.75, 12],
        MinZoom = 8,
        MaxZoom = 18,
        VectorLayers =
        [
            new TileJsonVectorLayer
            {
                Id = "parcels",
                Fields = new Dictionary<string, string> { ["id"] = "Number: the public parcel id", ["status"] = "String" },
                Description = "One polygon per parcel",
                MinZoom = 8,
                MaxZoom = 18,
            },
        ],
    };

    [Fact]
    public void SerialisesTheSpecFieldsWithSnakeCaseNames()
    {
        using var json = JsonDocument.Parse(Parcels.WithTiles("https://example.test/tiles/parcels/{z}/{x}/{y}.pbf").ToJson());
        var root = json.RootElement;

        Assert.Equal(
            ["attribution", "bounds", "center", "description", "maxzoom", "minzoom", "name", "scheme", "tilejson", "tiles", "vector_layers"],
            root.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("3.0.0", root.GetProperty("tilejson").GetString());
        Assert.Equal("xyz", root.GetProperty("scheme").GetString());
        Assert.Equal("https://example.test/tiles/parcels/{z}/{x}/{y}.pbf", Assert.Single(root.GetProperty("tiles").EnumerateArray()).GetString());
        Assert.Equal([113.1, 33.6, 113.5, 33.9], root.GetProperty("bounds").EnumerateArray().Select(e => e.GetDouble()));
        var layer = Assert.Single(root.GetProperty("vector_layers").EnumerateArray());
        Assert.Equal(["description", "fields", "id", "maxzoom", "minzoom"], layer.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("String", layer.GetProperty("fields").GetProperty("status").GetString());
    }

    [Fact]
    public void RoundTripKeepsEveryField()
    {
        var read = TileJson.Parse(Parcels.WithTiles("/tiles/parcels/{z}/{x}/{y}.pbf").ToJson());

        Assert.Equal(("3.0.0", "xyz", Parcels.Name, Parcels.Description, Parcels.Attribution, 8, 18),
            (read.TileJsonVersion, read.Scheme, read.Name, read.Description, read.Attribution, read.MinZoom, read.MaxZoom));
        Assert.Equal(["/tiles/parcels/{z}/{x}/{y}.pbf"], read.Tiles);
        Assert.Equal(Parcels.Bounds, read.Bounds);
        Assert.Equal(Parcels.Center, read.Center);
        var layer = Assert.Single(read.VectorLayers);
        var expected = Parcels.VectorLayers[0];
        Assert.Equal((expected.Id, expected.Description, expected.MinZoom, expected.MaxZoom), (layer.Id, layer.Description, layer.MinZoom, layer.MaxZoom));
        Assert.Equal(expected.Fields.OrderBy(f => f.Key), layer.Fields.OrderBy(f => f.Key));
    }

    [Fact]
    public void AbsentOptionalFieldsAreLeftOut()
    {
        using var json = JsonDocument.Parse(new TileJson().ToJson());

        Assert.Equal(["scheme", "tilejson", "tiles", "vector_layers"], json.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void WithTilesLeavesTheSourceTileJsonAsItWas()
    {
        var served = Parcels.WithTiles("/tiles/parcels/{z}/{x}/{y}.pbf");

        Assert.Empty(Parcels.Tiles);
        Assert.Single(served.Tiles);
        Assert.Equal(Parcels.Name, served.Name);
    }
}
