using CsCheck;
using LandMap.Data;
using LandMap.Tiles.Sources;
using LandMap.Tiles.Tests.Vector;
using LandMap.Tiles.Vector;
using NetTopologySuite.Features;

namespace LandMap.Tiles.Tests.Sources;

/// <summary>A parcel's tags written straight into the tile are those of its attribute table: same keys, values, types and id.</summary>
public sealed class ParcelTileFeatureProperties
{
    private static readonly Gen<string> GenText = Gen.OneOf(Gen.String[Gen.Char.AlphaNumeric, 0, 6], Gen.Int[0, 2].Select(i => new[] { "卫东区", "新华区", "" }[i]));

    private static readonly Gen<ParcelRecord> GenParcel = Gen.Select(
            Gen.Select(Gen.Long[-1, 999_999_999_999_999], GenText, Gen.Int[1, 5000], GenText, Gen.Double[0, 1]),
            Gen.Select(Gen.Int[2020, 2030].Nullable(), GenText.Null(), GenText, Gen.Double[0, 5000].Nullable(), Gen.Double[0, 5000].Nullable()),
            GenText.Null())
        .Select((a, b, stage) => new ParcelRecord
        {
            Id = 1, PublicId = a.Item1, ReportId = 1, FileName = "r.txt", EntryId = 1, Seq = a.Item3, Name = a.Item2, Status = a.Item4,
            Confidence = a.Item5, Method = "m", Version = 1, MadeBy = "t", PlanYear = b.Item1, District = b.Item2, LandUse = b.Item3,
            ReviewStatus = "candidate", AreaMu = b.Item4, AreaMuComputed = b.Item5, ProjectStage = stage,
            Geometry = TestParcels.Square(TestParcels.Lon, TestParcels.Lat, 80),
        });

    [Fact]
    public void DirectTagsAreTheAttributeTables()
    {
        var tile = TileAddress.At(TestParcels.Lon, TestParcels.Lat, 15);
        GenParcel.Array[1, 8].Sample(parcels =>
        {
            var direct = RawMvt.Decode(MvtEncoder.Encode(tile, [new TileLayer("parcels", parcels.Select(p => (IFeature)new ParcelTileFeature(p)).ToList())]));
            var table = RawMvt.Decode(MvtEncoder.Encode(tile, [new TileLayer("parcels",
                parcels.Select(p => (IFeature)new Feature(p.Geometry, ParcelTileFeature.Table(p))).ToList())]));
            Assert.Equal(table.Count, direct.Count);
            for (var i = 0; i < table.Count; i++)
            {
                Assert.Equal(table[i].Id, direct[i].Id);
                Assert.Equal(table[i].Tags.OrderBy(t => t.Key, StringComparer.Ordinal), direct[i].Tags.OrderBy(t => t.Key, StringComparer.Ordinal));
            }
        }, iter: 200);
    }
}
