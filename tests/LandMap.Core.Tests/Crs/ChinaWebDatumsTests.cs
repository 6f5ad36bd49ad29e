using System.Globalization;
using CsCheck;
using LandMap.Core.Crs;

namespace LandMap.Core.Tests.Crs;

/// <summary>GCJ-02 and BD-09 against reference pairs from an independent implementation (gcoord, see the fixture's header).</summary>
public sealed class ChinaWebDatumsTests
{
    private sealed record Pair(string Name, double Lon, double Lat, double GcjLon, double GcjLat, double BdLon, double BdLat);

    private static readonly Lazy<IReadOnlyList<Pair>> Pairs = new(() => File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "gcj02-bd09-reference.tsv"))
        .Where(l => !l.StartsWith('#') && l.Length > 0)
        .Select(l => l.Split('\t'))
        .Select(f => new Pair(f[0], D(f[1]), D(f[2]), D(f[3]), D(f[4]), D(f[5]), D(f[6])))
        .ToList());

    public static TheoryData<string> Names() => [.. Pairs.Value.Select(p => p.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void ForwardMatchesTheReferenceWithinACentimetre(string name)
    {
        var p = Pairs.Value.Single(x => x.Name == name);

        var gcj = ChinaWebDatums.Wgs84ToGcj02(p.Lon, p.Lat);
        var bd = ChinaWebDatums.Wgs84ToBd09(p.Lon, p.Lat);

        Assert.True(Metres(gcj, (p.GcjLon, p.GcjLat)) < 0.01, $"{name}: GCJ-02 {gcj} vs {p.GcjLon}, {p.GcjLat}");
        Assert.True(Metres(bd, (p.BdLon, p.BdLat)) < 0.01, $"{name}: BD-09 {bd} vs {p.BdLon}, {p.BdLat}");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void InversesReturnTheReferenceWgs84WithinHalfAMetre(string name)
    {
        var p = Pairs.Value.Single(x => x.Name == name);

        Assert.True(Metres(ChinaWebDatums.Gcj02ToWgs84(p.GcjLon, p.GcjLat), (p.Lon, p.Lat)) < 0.5, $"{name}: GCJ-02 → WGS 84");
        Assert.True(Metres(ChinaWebDatums.Bd09ToWgs84(p.BdLon, p.BdLat), (p.Lon, p.Lat)) < 0.5, $"{name}: BD-09 → WGS 84");
        Assert.True(Metres(ChinaWebDatums.Bd09ToGcj02(p.BdLon, p.BdLat), (p.GcjLon, p.GcjLat)) < 0.5, $"{name}: BD-09 → GCJ-02");
    }

    // Anywhere in and around China: WGS 84 → GCJ-02 / BD-09 → WGS 84 comes back within a millimetre. Not within 0.02°
    // (about 2 km) of the published rectangle's edge: there a point just inside shifts onto a point just outside, which
    // is its own GCJ-02, so one GCJ-02 position has two WGS 84 origins and no inverse can return both (the inside one wins).
    [Fact]
    public void RoundTripsAnywhereInChinaWithinAMillimetre() =>
        Gen.Select(Gen.Double[70, 140], Gen.Double[0, 56]).Where((lon, lat) => !NearTheRectangleEdge(lon, lat)).Sample((lon, lat) =>
        {
            var gcj = ChinaWebDatums.Wgs84ToGcj02(lon, lat);
            var bd = ChinaWebDatums.Wgs84ToBd09(lon, lat);
            Assert.True(Metres(ChinaWebDatums.Gcj02ToWgs84(gcj.Lon, gcj.Lat), (lon, lat)) < 0.001);
            Assert.True(Metres(ChinaWebDatums.Bd09ToWgs84(bd.Lon, bd.Lat), (lon, lat)) < 0.001);
        }, iter: 5_000);

    [Fact]
    public void OutsideChinaGcj02IsWgs84AndAtPingdingshanItIsAbout600MetresOff()
    {
        Assert.Equal((139.6917, 35.6895), ChinaWebDatums.Wgs84ToGcj02(139.6917, 35.6895));
        Assert.Equal((139.6917, 35.6895), ChinaWebDatums.Gcj02ToWgs84(139.6917, 35.6895));
        // gis-data/README.md: the 高德-derived outlines are about 600 m off at Pingdingshan.
        Assert.InRange(Metres(ChinaWebDatums.Wgs84ToGcj02(113.2894, 33.7464), (113.2894, 33.7464)), 550, 650);
    }

    private static bool NearTheRectangleEdge(double lon, double lat) =>
        new[] { lon - 72.004, lon - 137.8347, lat - 0.8293, lat - 55.8271 }.Any(d => Math.Abs(d) < 0.02);

    private static double D(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    // Equirectangular distance: exact enough for centimetres to metres.
    private static double Metres((double Lon, double Lat) a, (double Lon, double Lat) b)
    {
        var dx = (a.Lon - b.Lon) * Math.Cos((a.Lat + b.Lat) / 2 * Math.PI / 180) * 111_320;
        var dy = (a.Lat - b.Lat) * 110_574;
        return Math.Sqrt(dx * dx + dy * dy);
    }
}
