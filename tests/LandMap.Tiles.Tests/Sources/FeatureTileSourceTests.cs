using LandMap.Tiles.Sources;
using LandMap.Tiles.Tests.Vector;
using LandMap.Tiles.Vector;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;

namespace LandMap.Tiles.Tests.Sources;

public sealed class FeatureTileSourceTests
{
    private static readonly TileJson ParcelsJson = new()
    {
        Name = "parcels",
        MinZoom = 8,
        MaxZoom = 20,
        VectorLayers = [new TileJsonVectorLayer { Id = "parcels", Fields = new Dictionary<string, string> { ["id"] = "Number" } }],
    };

    private readonly TileAddress _tile = TileAddress.At(TestParcels.Lon, TestParcels.Lat, 15);

    [Fact]
    public async Task StoreIsAskedForTheTilesClipBox()
    {
        var store = new RecordingStore([]);
        var source = new FeatureTileSource("parcels", ParcelsJson, store.QueryAsync);

        await source.GetTileAsync(_tile, CancellationToken.None);

        var (box, zoom) = Assert.Single(store.Queries);
        Assert.Equal(MvtEncoder.ClipEnvelope(_tile), box);
        Assert.Equal(15, zoom);
    }

    [Fact]
    public async Task ClipBoxFollowsTheBufferOption()
    {
        var store = new RecordingStore([]);
        var options = new MvtEncoderOptions { BufferPixels = 16 };
        var source = new FeatureTileSource("parcels", ParcelsJson, store.QueryAsync, options: options);

        await source.GetTileAsync(_tile, CancellationToken.None);

        Assert.Equal(MvtEncoder.ClipEnvelope(_tile, options), Assert.Single(store.Queries).Box);
    }

    [Fact]
    public async Task NoFeatureInTheBoxGivesAnEmptyTile()
    {
        var source = new FeatureTileSource("parcels", ParcelsJson, new RecordingStore([]).QueryAsync);

        var result = await source.GetTileAsync(_tile, CancellationToken.None);

        Assert.Equal(0, result.Length);
    }

    [Fact]
    public async Task FeatureOutsideTheTileGivesAnEmptyTile()
    {
        // A store whose index returns a candidate that does not meet the tile (an R*Tree box is coarse).
        var far = TestParcels.Parcel(410403202300017, TestParcels.Square(TestParcels.Lon + 0.5, TestParcels.Lat, 100));
        var source = new FeatureTileSource("parcels", ParcelsJson, new RecordingStore([far]).QueryAsync);

        var result = await source.GetTileAsync(_tile, CancellationToken.None);

        Assert.True(result.IsEmpty);
    }

    [Fact]
    public async Task FeaturesAreEncodedInTheLayerOfTheTileJson()
    {
        var parcel = TestParcels.Parcel(410403202300017, TestParcels.Square(TestParcels.Lon, TestParcels.Lat, 100));
        var source = new FeatureTileSource("parcels-2023", ParcelsJson, new RecordingStore([parcel]).QueryAsync, _ => Task.FromResult("v42"));

        var result = await source.GetTileAsync(_tile, CancellationToken.None);

        Assert.False(result.IsGzip);
        Assert.Equal("v42", result.Version);
        var layer = Assert.Single(TestParcels.Decode(_tile, result.Data).Layers);
        Assert.Equal("parcels", layer.Name);
        Assert.Equal(410403202300017UL, Convert.ToUInt64(Assert.Single(layer.Features).Attributes["mvt_id"]));
    }

    [Fact]
    public async Task ZoomOutsideTheTileJsonIsEmptyWithoutAskingTheStore()
    {
        var store = new RecordingStore([TestParcels.Parcel(1, TestParcels.Square(TestParcels.Lon, TestParcels.Lat, 100))]);
        var source = new FeatureTileSource("parcels", ParcelsJson, store.QueryAsync, _ => Task.FromResult("v1"));

        var result = await source.GetTileAsync(TileAddress.At(TestParcels.Lon, TestParcels.Lat, 5), CancellationToken.None);

        Assert.True(result.IsEmpty);
        Assert.Equal("v1", result.Version);
        Assert.Empty(store.Queries);
    }

    private sealed class RecordingStore(IReadOnlyList<IFeature> features)
    {
        public List<(Envelope Box, int Zoom)> Queries { get; } = [];

        public Task<IReadOnlyList<IFeature>> QueryAsync(Envelope box, int zoom, CancellationToken ct)
        {
            lock (Queries) Queries.Add((box, zoom));
            return Task.FromResult(features);
        }
    }
}
