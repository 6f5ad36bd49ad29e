using CsCheck;
using LandMap.Core.Crs;
using LandMap.Core.Gazetteer;
using LandMap.Core.Geocoding;
using LandMap.Core.Tests.Gazetteer;
using NetTopologySuite.Geometries;
using Xunit.Abstractions;

namespace LandMap.Core.Tests.Geocoding;

/// <summary>
/// 村/社区 the sketch gazetteer lacks, placed from the official lists' centre points (gis-data/gazetteer/divisions, GCJ-02
/// converted to WGS 84) at best approximate; the sketch winning where it has the name; a village without a point falling
/// back to its 街道 (not to a 乡/镇); homonyms told apart by the 街道/乡镇 the text names.
/// </summary>
public sealed class DivisionPointTests(ITestOutputHelper output)
{

    private static readonly Lazy<GazetteerIndex> Gazetteer = new(() => Load(ShippedGazetteerCopy.Shipped));

    private static GazetteerIndex Load(string folder)
    {
        var (gazetteer, load) = GazetteerIndex.LoadDirectory(folder);
        Assert.True(load.IsSuccess, string.Join("\n", load.Problems));
        return gazetteer!;
    }

    private static Point Wgs84FromGcj02(double lon, double lat)
    {
        var (x, y) = ChinaWebDatums.Gcj02ToWgs84(lon, lat);
        return new GeometryFactory(new PrecisionModel(), 4326).CreatePoint(new Coordinate(x, y));
    }

    private static double DistanceM(Geometry wgs84, Point point) => MetricPlane.For(point).DistanceM(wgs84, point);

    [Fact]
    public void ACommunityTheSketchLacksIsPlacedAtItsListPointConvertedToWgs84AndStaysApproximate()
    {
        // 东苑社区居委会 (410403001001): 113.339918, 33.736203 in GCJ-02 as the list publishes it.
        var wgs84 = Wgs84FromGcj02(113.339918, 33.736203);
        var gcj02 = new GeometryFactory(new PrecisionModel(), 4326).CreatePoint(new Coordinate(113.339918, 33.736203));

        var entry = new ParcelGeocoder(Gazetteer.Value).GeocodeText("位于东苑社区，面积约 5 亩", "卫东区");

        Assert.Equal(GeocodeStatus.Approximate, entry.Status);
        Assert.Contains("东苑社区位置取自统计用区划代码的居委会中心点（GCJ-02 已转 WGS 84），精度约 500 米", entry.Warnings);
        Assert.NotNull(entry.Geometry);
        Assert.True(DistanceM(entry.Geometry!, wgs84) <= DivisionPoints.CommunityPrecisionM, $"{DistanceM(entry.Geometry!, wgs84):0} m from the WGS 84 point");
        // Placed at the converted point, not at the published GCJ-02 one (~600 m apart here).
        Assert.True(DistanceM(entry.Geometry!.Centroid, wgs84) < 100, $"centroid {DistanceM(entry.Geometry!.Centroid, wgs84):0} m from the WGS 84 point");
        Assert.True(DistanceM(entry.Geometry!.Centroid, gcj02) > 300, $"centroid {DistanceM(entry.Geometry!.Centroid, gcj02):0} m from the GCJ-02 point");
    }

    [Fact]
    public void AVillagesOwnPointHasTheVillagePrecision()
    {
        // 牛庄村委会 (410411002201, 南环路街道): not in the sketch.
        var wgs84 = Wgs84FromGcj02(113.30083, 33.713966);

        var entry = new ParcelGeocoder(Gazetteer.Value).GeocodeText("位于牛庄村，面积约 8 亩", "湛河区");

        Assert.Equal(GeocodeStatus.Approximate, entry.Status);
        Assert.Contains(entry.Warnings, w => w.Contains("牛庄村位置取自统计用区划代码的村委会中心点") && w.Contains("精度约 800 米"));
        Assert.True(DistanceM(entry.Geometry!, wgs84) <= DivisionPoints.VillagePrecisionM);
    }

    [Fact]
    public void TheSketchWinsOverTheListPoint()
    {
        // 后城村 is in the sketch (湛河区, 113.27378, 33.709496 WGS 84) and in the list (高阳路街道, 113.350467, 33.722696 GCJ-02).
        var sketch = new GeometryFactory(new PrecisionModel(), 4326).CreatePoint(new Coordinate(113.27378, 33.709496));
        var listed = Wgs84FromGcj02(113.350467, 33.722696);

        var entry = new ParcelGeocoder(Gazetteer.Value).GeocodeText("位于后城村，面积约 5 亩", "湛河区");

        Assert.Equal(GeocodeStatus.Located, entry.Status);
        Assert.DoesNotContain(entry.Warnings, w => w.Contains("统计用区划代码"));
        Assert.True(DistanceM(entry.Geometry!, sketch) <= 2500);
        Assert.True(DistanceM(entry.Geometry!, listed) > 5000);
    }

    [Fact]
    public void AVillageWithoutAPointFallsBackToItsSubdistrictWithTheSubdistrictPrecision()
    {
        // 任寨村 (蒲城街道) has no point; 蒲城街道办事处 has 113.415878, 33.731282 (GCJ-02).
        var town = Wgs84FromGcj02(113.415878, 33.731282);
        var geocoder = new ParcelGeocoder(Gazetteer.Value);

        foreach (var text in new[] { "位于蒲城街道任寨村，面积约 5 亩", "位于任寨村，面积约 5 亩" })
        {
            var entry = geocoder.GeocodeText(text, "卫东区");

            Assert.Equal(GeocodeStatus.Approximate, entry.Status);
            Assert.Contains(entry.Warnings, w => w.Contains("名录中任寨村（卫东区蒲城街道）没有中心点：取蒲城街道办事处的中心点") && w.Contains("精度约 2500 米"));
            Assert.True(DistanceM(entry.Geometry!, town) <= DivisionPoints.SubdistrictPrecisionM);
        }
    }

    [Fact]
    public void AVillageOfATownshipWithoutAPointStaysUnresolvedAndSaysWhy()
    {
        var entry = new ParcelGeocoder(Gazetteer.Value).GeocodeText("位于曹镇乡焦庄村，面积约 5 亩", "湛河区");

        Assert.Equal(GeocodeStatus.Unresolved, entry.Status);
        Assert.Null(entry.Geometry);
        Assert.Contains(entry.Warnings, w => w.Contains("名录中焦庄村（湛河区曹镇乡）没有中心点") && w.Contains("不以其驻地代替村的位置"));
    }

    [Fact]
    public void TheTownTheTextNamesPicksTheHomonym()
    {
        var geocoder = new ParcelGeocoder(Gazetteer.Value);
        var sketchJiaozhuang = new GeometryFactory(new PrecisionModel(), 4326).CreatePoint(new Coordinate(113.395068, 33.74551));

        // 申楼街道 is 卫东区's: its 焦庄村 is the sketch's.
        var weidong = geocoder.GeocodeText("位于申楼街道焦庄村，面积约 5 亩", "卫东区");
        // 曹镇乡 is 湛河区's: not 卫东区's 焦庄村, whatever the report's district.
        var zhanhe = geocoder.GeocodeText("位于曹镇乡焦庄村，面积约 5 亩", "卫东区");

        Assert.Equal(GeocodeStatus.Located, weidong.Status);
        Assert.True(DistanceM(weidong.Geometry!, sketchJiaozhuang) <= 700);
        Assert.Equal(GeocodeStatus.Unresolved, zhanhe.Status);
        Assert.Contains(zhanhe.Warnings, w => w.Contains("“曹镇乡”不是卫东区的街道/乡镇（名录中属湛河区）"));
    }

    [Fact]
    public void HomonymsOfOneDistrictAreToldApartByTownOrNotPlaced()
    {
        using var copy = ShippedGazetteerCopy.WithWeidongList(
        [
            .. ShippedGazetteerCopy.ShippedWeidongList,
            "410403012901,410403012000,新庄村村民委员会,village,113.4100,33.7350",
            "410403009901,410403009000,新庄村村民委员会,village,113.3850,33.7380",
        ]);
        var geocoder = new ParcelGeocoder(Load(copy.Path));

        var pucheng = geocoder.GeocodeText("位于蒲城街道新庄村，面积约 5 亩", "卫东区");
        var shenlou = geocoder.GeocodeText("位于申楼街道新庄村，面积约 5 亩", "卫东区");
        var bare = geocoder.GeocodeText("位于新庄村，面积约 5 亩", "卫东区");

        Assert.True(DistanceM(pucheng.Geometry!, Wgs84FromGcj02(113.4100, 33.7350)) <= 800);
        Assert.True(DistanceM(shenlou.Geometry!, Wgs84FromGcj02(113.3850, 33.7380)) <= 800);
        Assert.Equal(GeocodeStatus.Approximate, shenlou.Status);
        Assert.Equal(GeocodeStatus.Unresolved, bare.Status);
        Assert.Contains(bare.Warnings, w => w.Contains("名录中卫东区有 2 个新庄村（蒲城街道、申楼街道），报告未写所属街道/乡镇"));
    }

    [Fact]
    public void APointTwoHomonymsShareIsNotUsed()
    {
        // 叶县's two 辛庄村 (保安镇, 叶邑镇) share one published point: it was geocoded from the name, so it is neither's.
        var xinzhuang = Gazetteer.Value.Villages.Find("辛庄村").Where(v => v.District == "叶县").ToList();

        Assert.Equal(2, xinzhuang.Count);
        Assert.All(xinzhuang, v => Assert.Null(v.CentreGcj02));
        Assert.Contains(Gazetteer.Value.Villages.Find("东苑社区"), v => v.CentreGcj02 == (113.339918, 33.736203));
    }

    [Fact]
    public void ABadCentrePointIsAProblemNamingTheFileAndLine()
    {
        using var copy = ShippedGazetteerCopy.WithWeidongList(
            "code,parent,name,level,longitude_gcj02,latitude_gcj02",
            "410403000000,410400000000,卫东区,county,,",
            "410403001001,410403001000,东苑社区居委会,village,33.7,113.3");

        var (gazetteer, load) = GazetteerIndex.LoadDirectory(copy.Path);

        Assert.Null(gazetteer);
        Assert.Contains(load.Problems, p => p.Message.Contains("410403.csv line 3") && p.Message.Contains("latitude_gcj02"));
    }

    [Fact]
    public void EveryListedPointTheSketchLacksIsPlacedWithinItsPrecisionAndNeverLocated()
    {
        var gazetteer = Gazetteer.Value;
        var geocoder = new ParcelGeocoder(gazetteer);
        var pointed = gazetteer.Villages.All
            .Where(v => v.CentreGcj02 is not null && gazetteer.Lookup(v.Name, v.District).Count == 0)
            .Where(v => gazetteer.Villages.Find(v.Name).Count(o => o.District == v.District) == 1)
            .ToList();
        Assert.True(pointed.Count >= 100, $"{pointed.Count} listed points");

        // Any area a report may state, any listed village with a point: approximate, within the precision of the point.
        var tried = 0;
        Gen.Int[0, pointed.Count - 1].Select(Gen.Double[0.5, 60]).Sample((index, mu) =>
        {
            var v = pointed[index];
            var entry = geocoder.GeocodeText($"位于{v.Name}，面积约 {mu:0.#} 亩", v.District);
            var (lon, lat) = v.CentreGcj02!.Value;
            var precision = v.Name.EndsWith("社区", StringComparison.Ordinal) ? DivisionPoints.CommunityPrecisionM : DivisionPoints.VillagePrecisionM;

            Assert.NotEqual(GeocodeStatus.Located, entry.Status);
            Assert.Contains(entry.Warnings, w => w.Contains($"{v.Name}位置取自统计用区划代码"));
            Assert.NotNull(entry.Geometry);
            Assert.True(DistanceM(entry.Geometry!, Wgs84FromGcj02(lon, lat)) <= precision, $"{v.District}{v.Name} ({v.Code})");
            tried++;
        }, iter: 300, seed: "0N0XIzNsQ0O0");
        output.WriteLine($"listed points (seed 0N0XIzNsQ0O0): {tried} entries over {pointed.Count} listed points, all approximate within their precision");
    }
}
