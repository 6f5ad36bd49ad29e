using System.Globalization;
using System.Text.Json;
using LandMap.Tiles.MbTiles;
using LandMap.Tiles.Sources;
using LandMap.Tiles.Tests.Vector;
using LandMap.Tiles.Vector;

namespace LandMap.Tiles.Tests.Sources;

public sealed class MbTilesSourceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("landmap-mbtiles-").FullName;
    private readonly TileAddress _tile = TileAddress.At(TestParcels.Lon, TestParcels.Lat, 12);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void TileJsonComesFromTheMetadataTable()
    {
        var source = MbTilesSource.Open("basemap", Write(Metadata()));

        var tileJson = source.TileJson;
        Assert.Equal("basemap", source.Id);
        Assert.Equal(("LandMap basemap", "Roads and water", "© OpenStreetMap contributors", 10, 16),
            (tileJson.Name, tileJson.Description, tileJson.Attribution, tileJson.MinZoom, tileJson.MaxZoom));
        Assert.Equal([113.05, 33.55, 113.62, 33.98], tileJson.Bounds);
        Assert.Equal([113.3, 33.75, 12], tileJson.Center);
        var layer = Assert.Single(tileJson.VectorLayers);
        Assert.Equal(("roads", 10, 16, "String"), (layer.Id, layer.MinZoom, layer.MaxZoom, layer.Fields["kind"]));
        Assert.Empty(tileJson.Tiles);
    }

    [Fact]
    public void MalformedNumbersAreLeftOut()
    {
        var metadata = Metadata();
        metadata["bounds"] = "113.05,33.55,east";
        metadata["maxzoom"] = "sixteen";

        var tileJson = MbTilesSource.Open("basemap", Write(metadata)).TileJson;

        Assert.Null(tileJson.Bounds);
        Assert.Null(tileJson.MaxZoom);
        Assert.Equal(10, tileJson.MinZoom);
    }

    [Fact]
    public void MalformedJsonMetadataSaysWhatToDo()
    {
        var metadata = Metadata();
        metadata["json"] = "{vector_layers: [";

        var error = Assert.Throws<InvalidDataException>(() => MbTilesSource.Open("basemap", Write(metadata)));

        Assert.Contains("rebuild", error.Message);
    }

    [Fact]
    public async Task StoredTileIsHandedOverGzipped()
    {
        var source = MbTilesSource.Open("basemap", Write(Metadata()));

        var result = await source.GetTileAsync(_tile, CancellationToken.None);

        Assert.True(result.IsGzip);
        Assert.NotNull(result.Version);
        var feature = Assert.Single(TestParcels.DecodeFeatures(_tile, result.Uncompressed()));
        Assert.Equal("primary", feature.Attributes["kind"]);
    }

    [Fact]
    public async Task MissingTileIsEmpty()
    {
        var source = MbTilesSource.Open("basemap", Write(Metadata()));
        var elsewhere = TileAddress.TryCreate(_tile.Z, _tile.X + 1, _tile.Y)!.Value;

        var result = await source.GetTileAsync(elsewhere, CancellationToken.None);

        Assert.Equal(0, result.Length);
        Assert.True(result.IsEmpty);
    }

    private static Dictionary<string, string> Metadata() => new()
    {
        ["name"] = "LandMap basemap",
        ["format"] = "pbf",
        ["description"] = "Roads and water",
        ["attribution"] = "© OpenStreetMap contributors",
        ["minzoom"] = "10",
        ["maxzoom"] = "16",
        ["bounds"] = "113.05,33.55,113.62,33.98",
        ["center"] = "113.3,33.75,12",
        ["json"] = JsonSerializer.Serialize(new
        {
            vector_layers = new[] { new { id = "roads", fields = new Dictionary<string, string> { ["kind"] = "String" }, minzoom = 10, maxzoom = 16 } },
        }),
    };

    private string Write(Dictionary<string, string> metadata)
    {
        var path = Path.Combine(_folder, string.Create(CultureInfo.InvariantCulture, $"basemap-{Guid.NewGuid():N}.mbtiles"));
        using var writer = new MbTilesWriter(path);
        var bounds = _tile.Bounds;
        var road = new NetTopologySuite.Features.Feature(
            NetTopologySuite.Geometries.Geometry.DefaultFactory.CreateLineString(
                [new(bounds.MinX, bounds.Centre.Y), new(bounds.MaxX, bounds.Centre.Y)]),
            new NetTopologySuite.Features.AttributesTable { { "kind", "primary" } });
        writer.WriteTile(_tile, MvtEncoder.Encode(_tile, [new TileLayer("roads", [road])]));
        writer.Complete(metadata);
        return path;
    }
}
