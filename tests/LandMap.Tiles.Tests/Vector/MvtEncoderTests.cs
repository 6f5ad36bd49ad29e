using LandMap.Tiles.Vector;
using NetTopologySuite.Features;
using Xunit.Abstractions;

namespace LandMap.Tiles.Tests.Vector;

public sealed class MvtEncoderTests(ITestOutputHelper output)
{
    private const long ParcelId = 410403202300017;

    // One feature's stored number beyond a double (a file's 1e400) is written as +∞; the tile and its other features stand.
    [Fact]
    public void ANumberBeyondADoubleDoesNotFailTheTile()
    {
        var tile = TileAddress.At(TestParcels.Lon, TestParcels.Lat, 16);
        var square = TestParcels.Square(TestParcels.Lon, TestParcels.Lat, 50);
        var features = new List<IFeature>
        {
            new JsonAttributesFeature(square, """{"BSM":"A","TBMJ":1e400}"""),
            new JsonAttributesFeature(TestParcels.Square(TestParcels.Lon + 0.001, TestParcels.Lat, 50), """{"BSM":"B","TBMJ":12.5}"""),
        };

        var decoded = RawMvt.Decode(MvtEncoder.Encode(tile, [new TileLayer("三调", features)]));

        Assert.Equal(2, decoded.Count);
        Assert.Equal(double.PositiveInfinity, decoded.Single(f => (string)f.Tags["BSM"].Value == "A").Tags["TBMJ"].Value);
        Assert.Equal(12.5, decoded.Single(f => (string)f.Tags["BSM"].Value == "B").Tags["TBMJ"].Value);
    }

    [Fact]
    public void FeatureIdSurvivesAsFifteenDigitInteger()
    {
        var tile = TileAddress.At(TestParcels.Lon, TestParcels.Lat, 16);
        var parcel = TestParcels.Parcel(ParcelId, TestParcels.Square(TestParcels.Lon, TestParcels.Lat, 50));

        var feature = Assert.Single(TestParcels.DecodeFeatures(tile, MvtEncoder.Encode(tile, [new TileLayer("parcels", [parcel])])));

        Assert.Equal(410403202300017UL, Convert.ToUInt64(feature.Attributes["mvt_id"]));
        Assert.Equal(ParcelId, Convert.ToInt64(feature.Attributes["id"]));
    }

    [Fact]
    public void WholeNumberIdOfFractionalTypeBecomesFeatureId()
    {
        var tile = TileAddress.At(TestParcels.Lon, TestParcels.Lat, 16);
        var parcel = new Feature(TestParcels.Square(TestParcels.Lon, TestParcels.Lat, 50), new AttributesTable { { "id", 410403202300017.0 } });

        var feature = Assert.Single(TestParcels.DecodeFeatures(tile, MvtEncoder.Encode(tile, [new TileLayer("parcels", [parcel])])));

        Assert.Equal(410403202300017UL, Convert.ToUInt64(feature.Attributes["mvt_id"]));
    }

    [Theory]
    [InlineData(10, false)]
    [InlineData(11, false)]
    [InlineData(14, true)]
    [InlineData(16, true)]
    public void TinyPolygonIsDroppedAtLowZoomAndKeptAtHighZoom(int zoom, bool kept)
    {
        // 30 m × 30 m (1.35 亩): 0.06 px² at z10, 0.22 at z11, 3.5 at z14, 57 at z16 (1 px ≈ 64 m at z10, 4 m at z16, at 33.7° N).
        var tile = TileAddress.At(TestParcels.Lon, TestParcels.Lat, zoom);
        var small = TestParcels.Parcel(ParcelId, TestParcels.Square(TestParcels.Lon, TestParcels.Lat, 30));
        var large = TestParcels.Parcel(ParcelId + 1, TestParcels.Square(TestParcels.Lon, TestParcels.Lat, zoom < 14 ? 1000 : 100));

        var result = MvtEncoder.Encode(tile, [new TileLayer("parcels", [small, large])], MvtEncoderOptions.Default);

        var ids = TestParcels.DecodeFeatures(tile, result.Bytes).Select(f => Convert.ToInt64(f.Attributes["id"])).ToList();
        Assert.Contains(ParcelId + 1, ids);
        Assert.Equal(kept, ids.Contains(ParcelId));
        Assert.Equal(kept ? 0 : 1, result.DroppedAsTiny);
    }

    [Fact]
    public void MinimumAreaIsAnOption()
    {
        var tile = TileAddress.At(TestParcels.Lon, TestParcels.Lat, 10);
        var small = TestParcels.Parcel(ParcelId, TestParcels.Square(TestParcels.Lon, TestParcels.Lat, 30));

        var result = MvtEncoder.Encode(tile, [new TileLayer("parcels", [small])], new MvtEncoderOptions { MinPolygonAreaPixels = 0 });

        Assert.Equal(0, result.DroppedAsTiny);
        Assert.Equal(1, result.FeatureCount);
    }

    [Fact]
    public void FiveThousandParcelZ10TileStaysUnderTheCap()
    {
        var tile = TileAddress.At(TestParcels.Lon, TestParcels.Lat, 10);
        var parcels = TestParcels.City(tile, 5000);

        var result = MvtEncoder.Encode(tile, [new TileLayer("parcels", parcels)], MvtEncoderOptions.Default);

        output.WriteLine($"z10, 5,000 parcels: {result.Bytes.Length:N0} bytes ({MvtEncoder.Gzip(result.Bytes).Length:N0} gzip), " +
                         $"{result.FeatureCount} kept, {result.DroppedAsTiny} tiny, {result.DroppedForSize} over the cap");
        Assert.InRange(result.Bytes.Length, 1, MvtEncoderOptions.Default.MaxBytes);
        Assert.Equal(result.FeatureCount, TestParcels.DecodeFeatures(tile, result.Bytes).Count);
        Assert.Equal(5000, result.FeatureCount + result.DroppedAsTiny + result.DroppedForSize);
    }

    [Fact]
    public void FiveThousandDetailedParcelsWithoutTheAreaRuleStillFitTheCap()
    {
        // Every parcel kept by area and drawn with 400 vertices: the byte cap alone has to hold the tile.
        var tile = TileAddress.At(TestParcels.Lon, TestParcels.Lat, 10);
        var parcels = TestParcels.City(tile, 5000, vertices: 400);
        var options = new MvtEncoderOptions { MinPolygonAreaPixels = 0, SimplifyTolerancePixels = 0 };

        var result = MvtEncoder.Encode(tile, [new TileLayer("parcels", parcels)], options);

        output.WriteLine($"z10, 5,000 parcels × 400 vertices, no area rule: {result.Bytes.Length:N0} bytes " +
                         $"({MvtEncoder.Gzip(result.Bytes).Length:N0} gzip), {result.FeatureCount} kept, {result.DroppedForSize} over the cap");
        Assert.InRange(result.Bytes.Length, 1, options.MaxBytes);
        Assert.Equal(5000, result.FeatureCount + result.DroppedForSize);
    }

    [Fact]
    public void TileOverTheCapLosesItsSmallestFeaturesFirst()
    {
        var tile = TileAddress.At(TestParcels.Lon, TestParcels.Lat, 14);
        var parcels = TestParcels.City(tile, 2000, seed: 3);
        var options = new MvtEncoderOptions { MaxBytes = 40_000 };

        var result = MvtEncoder.Encode(tile, [new TileLayer("parcels", parcels)], options);

        output.WriteLine($"z14, 2,000 parcels, cap 40,000: {result.Bytes.Length:N0} bytes, {result.FeatureCount} kept, {result.DroppedForSize} over the cap");
        Assert.InRange(result.Bytes.Length, 1, options.MaxBytes);
        Assert.True(result.DroppedForSize > 0, "the tile should have been over the cap");
        var kept = TestParcels.DecodeFeatures(tile, result.Bytes).Select(f => Convert.ToInt64(f.Attributes["id"])).ToHashSet();
        var areaById = parcels.ToDictionary(f => Convert.ToInt64(f.Attributes["id"]), f => f.Geometry.Area);
        var smallestKept = kept.Min(id => areaById[id]);
        var largestDropped = areaById.Where(p => !kept.Contains(p.Key)).Max(p => p.Value);
        Assert.True(largestDropped <= smallestKept, $"a dropped parcel ({largestDropped}) is larger than a kept one ({smallestKept})");
    }

    [Fact]
    public void CapSmallerThanAnyFeatureLeavesAnEmptyTile()
    {
        var tile = TileAddress.At(TestParcels.Lon, TestParcels.Lat, 14);
        var parcels = TestParcels.City(tile, 50);

        var result = MvtEncoder.Encode(tile, [new TileLayer("parcels", parcels)], new MvtEncoderOptions { MaxBytes = 10 });

        Assert.True(result.IsEmpty);
        Assert.Equal(0, result.FeatureCount);
    }

    [Fact]
    public void TileWithoutFeaturesIsEmpty()
    {
        var tile = TileAddress.At(TestParcels.Lon, TestParcels.Lat, 14);
        var far = TestParcels.Parcel(ParcelId, TestParcels.Square(TestParcels.Lon + 1, TestParcels.Lat, 100));

        Assert.Empty(MvtEncoder.Encode(tile, [new TileLayer("parcels", [far]), new TileLayer("empty", [])]));
    }

    [Fact]
    public void ClipEnvelopeGrowsWithTheBuffer()
    {
        var tile = TileAddress.At(TestParcels.Lon, TestParcels.Lat, 12);

        var none = MvtEncoder.ClipEnvelope(tile, new MvtEncoderOptions { BufferPixels = 0 });
        var standard = MvtEncoder.ClipEnvelope(tile);

        Assert.Equal(tile.Bounds, none);
        Assert.Equal(tile.Bounds.Width * (1 + 2 * 4 / 256.0), standard.Width, 9);
    }

    [Fact]
    public void InvalidOptionsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MvtEncoder(new MvtEncoderOptions { MaxBytes = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MvtEncoder(new MvtEncoderOptions { MinPolygonAreaPixels = -1 }));
    }
}
