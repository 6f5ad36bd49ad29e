using System.Globalization;
using System.Text.RegularExpressions;
using LandMap.Core.Crs;
using LandMap.Data;
using LandMap.Tests.Shared;
using LandMap.Tiles.Print;
using NetTopologySuite.Geometries;

namespace LandMap.Tiles.Tests.Print;

/// <summary>
/// A 宗地图 of a parcel outside Pingdingshan is drawn and measured in the parcel's own 3° Gauss-Krüger zone: 北京市朝阳区
/// at 116.45°E lies in zone 39 (EPSG:4548, CM 117°E), not in Pingdingshan's EPSG:4547 (CM 114°E). The reference is GDAL's
/// <c>gdaltransform -s_srs EPSG:4326 -t_srs EPSG:4548</c> (PROJ), an implementation independent of LandMap's ProjNet.
/// </summary>
public sealed partial class ZonePlaneSheetTests
{
    // An irregular pentagon of about 250 m × 400 m in 朝阳区 (WGS 84 lon, lat), near 116.45°E, 39.92°N.
    private static readonly (double Lon, double Lat)[] Chaoyang =
        [(116.4480, 39.9215), (116.4512, 39.9218), (116.4521, 39.9196), (116.4503, 39.9183), (116.4476, 39.9190)];

    [Fact]
    public void BeijingSheetNamesZone39AndItsPointsMatchGdal()
    {
        var data = Sheet(Polygon(Chaoyang));
        Assert.Equal(4548, data.Zone.Epsg);

        var text = PdfText(ParcelSheet.Render(data, PrintFormat.Pdf));
        var squashed = Poppler.Squash(text);
        Assert.Contains("中央经线117°E（EPSG:4548）", squashed);
        Assert.DoesNotContain("4547", squashed);

        var reference = Gdal(4548, Chaoyang);
        var rows = Row().Matches(text).Select(m => (Label: m.Groups[1].Value, X: Number(m.Groups[2].Value), Y: Number(m.Groups[3].Value))).ToList();
        Assert.Equal(Chaoyang.Length, rows.Count);
        foreach (var (label, x, y) in rows)
        {
            // X is the northing, Y the easting (Chinese surveying order), printed to the millimetre.
            var nearest = reference.Min(r => Math.Sqrt(Math.Pow(r.N - x, 2) + Math.Pow(r.E - y, 2)));
            Assert.True(nearest < 0.002, $"{label} X={x} Y={y}: {nearest:0.000} m from every GDAL EPSG:4548 point");
        }
    }

    [Fact]
    public void BeijingSheetAreaIsTheZone39Area()
    {
        var data = Sheet(Polygon(Chaoyang));
        var zone39 = Shoelace(Gdal(4548, Chaoyang));
        var zone38 = Shoelace(Gdal(4547, Chaoyang));
        // What a fixed EPSG:4547 gets wrong here: 2.45° from its meridian the land reads ~0.1 % larger.
        Assert.True(zone38 / zone39 > 1.0009, $"4547 {zone38:0.00} m² vs 4548 {zone39:0.00} m²");

        Assert.Equal(1, data.Plane.Area / zone39, 1e-4);
        var printed = AreaPrinted().Match(Poppler.Squash(PdfText(ParcelSheet.Render(data, PrintFormat.Pdf))));
        Assert.True(printed.Success, "no 图形面积 on the sheet");
        Assert.Equal(1, Number(printed.Groups[1].Value) / zone39, 1e-4);
    }

    [Fact]
    public void PingdingshanSheetStaysInZone38()
    {
        (double, double)[] weidong = [(113.330, 33.760), (113.333, 33.760), (113.333, 33.758), (113.330, 33.758)];
        var data = Sheet(Polygon(weidong));
        Assert.Equal(4547, data.Zone.Epsg);
        Assert.Contains("中央经线114°E（EPSG:4547）", Poppler.Squash(PdfText(ParcelSheet.Render(data, PrintFormat.Pdf))));
        Assert.Equal(1, data.Plane.Area / Shoelace(Gdal(4547, weidong)), 1e-6);
    }

    /// <summary>GDAL's (PROJ's) transform of WGS 84 lon/lat to the EPSG code's easting, northing.</summary>
    internal static List<(double E, double N)> Gdal(int epsg, IEnumerable<(double Lon, double Lat)> points)
    {
        var input = string.Concat(points.Select(p => FormattableString.Invariant($"{p.Lon} {p.Lat}\n")));
        var output = ExternalTools.Run("gdaltransform", ["-s_srs", "EPSG:4326", "-t_srs", $"EPSG:{epsg}", "-output_xy"], input);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(f => (Number(f[0]), Number(f[1])))
            .ToList();
    }

    private static double Shoelace(IReadOnlyList<(double E, double N)> ring) =>
        Math.Abs(Enumerable.Range(0, ring.Count).Sum(i => ring[i].E * ring[(i + 1) % ring.Count].N - ring[(i + 1) % ring.Count].E * ring[i].N)) / 2;

    private static Polygon Polygon(IEnumerable<(double Lon, double Lat)> ring)
    {
        var coordinates = ring.Select(p => new Coordinate(p.Lon, p.Lat)).ToList();
        return new GeometryFactory(new PrecisionModel(), 4326).CreatePolygon([.. coordinates, coordinates[0]]);
    }

    private static ParcelSheetData Sheet(Geometry wgs84) =>
        new(new ParcelRecord
        {
            Id = 1, PublicId = 110105202399001, ReportId = 1, FileName = "test.txt", EntryId = 1, Seq = 1, Name = "测试地块", Status = "reviewed",
            Method = "edit", Version = 2, MadeBy = "测试员", Geometry = wgs84, District = "朝阳区", PlanYear = 2023, ReviewStatus = "reviewed",
        }, [], [], [], 5000, new DateTime(2026, 12, 7), new Paper(PaperSize.A4));

    private static string PdfText(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"landmap-zone-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        try
        {
            return ExternalTools.Run("pdftotext", ["-layout", path, "-"]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static double Number(string text) => double.Parse(text.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\b(J\d+)\s+(\d{7}\.\d{3})\s+(\d{6}\.\d{3})\s+\d+\.\d{2}")]
    private static partial Regex Row();

    [GeneratedRegex(@"图形面积([\d,]+\.\d{2})平方米")]
    private static partial Regex AreaPrinted();
}
