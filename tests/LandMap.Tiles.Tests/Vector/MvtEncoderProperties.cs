using CsCheck;
using LandMap.Tiles.Vector;

namespace LandMap.Tiles.Tests.Vector;

public sealed class MvtEncoderProperties
{
    [Fact]
    public void TileFitsTheCapAndKeepsTheLargestParcels()
    {
        Gen.Select(Gen.Int[1, 400], Gen.Int[10, 16], Gen.Int[1_000, 80_000], Gen.Int).Sample((count, zoom, cap, seed) =>
        {
            var tile = TileAddress.At(TestParcels.Lon, TestParcels.Lat, zoom);
            var parcels = TestParcels.City(tile, count, seed);

            var result = MvtEncoder.Encode(tile, [new TileLayer("parcels", parcels)], new MvtEncoderOptions { MaxBytes = cap });

            Assert.InRange(result.Bytes.Length, 0, cap);
            Assert.Equal(count, result.FeatureCount + result.DroppedAsTiny + result.DroppedForSize);
            var kept = TestParcels.DecodeFeatures(tile, result.Bytes).Select(f => Convert.ToInt64(f.Attributes["id"])).ToHashSet();
            var areas = parcels.ToDictionary(f => Convert.ToInt64(f.Attributes["id"]), f => f.Geometry.Area);
            // Both rules drop by area, so nothing dropped is larger than anything kept.
            if (kept.Count > 0 && kept.Count < count)
                Assert.True(areas.Where(a => !kept.Contains(a.Key)).Max(a => a.Value) <= kept.Min(id => areas[id]));
        }, iter: 40);
    }
}
