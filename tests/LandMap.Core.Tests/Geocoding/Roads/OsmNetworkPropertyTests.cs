using CsCheck;
using LandMap.Core.Extraction;
using LandMap.Core.Geocoding;
using LandMap.Core.Geocoding.Grammar;
using LandMap.Core.Reports;
using LandMap.Tests.Shared;
using Xunit.Abstractions;

namespace LandMap.Core.Tests.Geocoding.Roads;

/// <summary>
/// Columns generated from the location grammar over the real OSM network of 朝阳区 (corners, sides, 四至 boxes between
/// its roads): geocoding never throws, and every parcel the geocoder calls located passes the independent checks against
/// the OSM ways (beyond every carriageway on the stated side, in the stated quadrant, inside the box, on no street), has its area
/// within 3 % and is compact (width/length ≥ 1:3).
/// </summary>
public sealed class OsmNetworkPropertyTests(ITestOutputHelper output)
{
    private const int Columns = 150;
    private const ulong Seed = 20261207;

    private static readonly string[] EastWest = ["北三环东路", "樱花园南街", "樱花小街"];
    private static readonly string[] NorthSouth = ["樱花园西街", "樱花园东街", "和平里东街", "和平里西街", "惠新西街"];

    private sealed record Case(string Text, Func<NetTopologySuite.Geometries.Geometry, string?> Check);

    private static Gen<string> Pick(params string[] items) => Gen.Int[0, items.Length - 1].Select(i => items[i]);

    private static Gen<Case> Entry()
    {
        var area = Gen.Double[1, 40].Select(a => Math.Round(a, 1));
        var quadrant = Pick("东北", "西北", "东南", "西南");
        return Gen.OneOf(
            Gen.Select(Pick(EastWest), Pick("北", "南"), area, (r, s, a) =>
                new Case($"位于{r}{s}侧，面积 {a} 亩", p => NetworkCheck.Beyond(p, r, Directions.Parse(s)!.Value))),
            Gen.Select(Pick(NorthSouth), Pick("东", "西"), area, (r, s, a) =>
                new Case($"位于{r}{s}侧，面积 {a} 亩", p => NetworkCheck.Beyond(p, r, Directions.Parse(s)!.Value))),
            Gen.Select(Pick(EastWest), Pick(NorthSouth), quadrant, area, (ew, ns, q, a) =>
                new Case($"{ew}与{ns}交叉口{q}角，面积 {a} 亩", p => NetworkCheck.InQuadrant(p, ew, ns, Directions.Parse(q)!.Value))),
            Gen.Select(Pick(NorthSouth), Pick(NorthSouth), Pick(EastWest), Pick(EastWest), area, (w, e, s, n, a) =>
                new Case($"西至{w}，东至{e}，南至{s}，北至{n}，面积 {a} 亩", p => NetworkCheck.InBox(p, w, e, s, n))));
    }

    [Fact]
    public void LocatedParcelsOnTheRealNetworkPassTheIndependentChecks()
    {
        var geocoder = new ParcelGeocoder(OsmNetwork.Gazetteer.Value);
        var statuses = new Dictionary<GeocodeStatus, int>();
        var checkedParcels = 0;

        var cases = FixedSeed.Run(Entry().Array[1, 4], Columns, Seed, column =>
        {
            var warnings = new List<string>();
            var entries = column.Select((c, i) => LandEntryParser.Parse(i + 1, $"项目{i + 1}：{c.Text}。", false, i + 1, warnings)).ToList();
            var report = new ExtractedReport { File = "generated.txt", District = OsmNetwork.District, PlanYear = 2026, Encoding = "utf-8", LandEntries = entries };

            var geocoded = geocoder.GeocodeReport(report);

            Assert.Equal(column.Length, geocoded.Count);
            for (var i = 0; i < column.Length; i++)
            {
                var g = geocoded[i];
                statuses[g.Status] = statuses.GetValueOrDefault(g.Status) + 1;
                Assert.DoesNotContain(g.Warnings, w => w.StartsWith("几何计算失败", StringComparison.Ordinal));
                Assert.True(g.Status != GeocodeStatus.Unresolved || g.Warnings.Count > 0, $"{g.Location}: unresolved without a reason");
                if (g.Status != GeocodeStatus.Located) continue;
                var parcel = OsmNetwork.Local(g.Geometry!);
                var why = column[i].Check(parcel) ?? NetworkCheck.OffTheStreets(parcel);
                Assert.True(why is null, $"{g.Location}: {why}");
                Assert.InRange(NetworkCheck.AreaMu(parcel), g.AreaMu!.Value * 0.97, g.AreaMu!.Value * 1.03);
                Assert.True(NetworkCheck.Compactness(parcel) >= 1 / 3.0, $"{g.Location}: width/length {NetworkCheck.Compactness(parcel):0.00}");
                checkedParcels++;
            }
        }, column => string.Join("|", column.Select(c => c.Text)));

        output.WriteLine($"real-network property (seed {Seed}): {cases} generated columns, {statuses.Values.Sum()} entries, " +
            $"{checkedParcels} located parcels checked against the OSM ways; " + string.Join(", ", statuses.Select(s => $"{s.Key} {s.Value}")));
        Assert.Equal(Columns, cases);
        Assert.True(checkedParcels > Columns / 2, "most generated entries should be placeable on the real network");
    }
}
