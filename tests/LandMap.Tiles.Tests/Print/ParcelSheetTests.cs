using System.Text.RegularExpressions;
using LandMap.Core.Crs;
using LandMap.Data;
using LandMap.Tests.Shared;
using LandMap.Tiles.Print;
using NetTopologySuite.Geometries;

namespace LandMap.Tiles.Tests.Print;

/// <summary>The 宗地图 layout on its own: every boundary point is in the table, on further pages when the first is full.</summary>
public sealed partial class ParcelSheetTests
{
    [Theory]
    [InlineData(12, 1)]
    [InlineData(150, 3)]
    public void EveryBoundaryPointHasOneRowOnSomePage(int vertices, int pages)
    {
        var data = Sheet(Circle(vertices, radius: 120), scale: 2000);
        var pdf = Path.Combine(Path.GetTempPath(), $"landmap-sheet-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(pdf, ParcelSheet.Render(data, PrintFormat.Pdf));
        try
        {
            Assert.Matches($@"Pages:\s+{pages}\b", ExternalTools.Run("pdfinfo", [pdf]));
            var text = ExternalTools.Run("pdftotext", ["-layout", pdf, "-"]);
            var labels = Row().Matches(text).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Order();
            Assert.Equal(Enumerable.Range(1, vertices), labels);
            if (pages > 1)
            {
                Assert.Contains("见续表", text);
                Assert.Contains("界址点坐标表（续）", text);
            }
        }
        finally
        {
            File.Delete(pdf);
        }
    }

    [Fact]
    public void TheChosenScaleIsTheLargestRoundOneThatFits()
    {
        // 240 m across: 1:2000 draws it 120 mm wide, more than 60 % of the 186 mm frame; 1:5000 fits.
        Assert.Equal(5000, ParcelSheetLayout.FitScale(MetricPlane.Gk114.ToPlane(Circle(40, radius: 120)).EnvelopeInternal, new Paper(PaperSize.A4)));
        Assert.Equal(500, ParcelSheetLayout.FitScale(MetricPlane.Gk114.ToPlane(Circle(4, radius: 10)).EnvelopeInternal, new Paper(PaperSize.A4)));
        // 180 m across: 90 mm at 1:2000, more than 60 % of A4's 124 mm frame height but not of A3's (√2 larger).
        var mid = MetricPlane.Gk114.ToPlane(Circle(40, radius: 90)).EnvelopeInternal;
        Assert.Equal(5000, ParcelSheetLayout.FitScale(mid, new Paper(PaperSize.A4)));
        Assert.Equal(2000, ParcelSheetLayout.FitScale(mid, new Paper(PaperSize.A3)));
    }

    [Theory]
    [InlineData("1:2000", 2000)]
    [InlineData("1：500", 500)]
    [InlineData("25000", 25000)]
    [InlineData("1:10", null)]
    [InlineData("1:2000.5", null)]
    [InlineData("-2000", null)]
    [InlineData("", null)]
    public void ScalesAreReadAsPrintersWriteThem(string text, int? expected) => Assert.Equal(expected, SheetScales.Parse(text));

    private static Geometry Circle(int vertices, double radius)
    {
        var centre = MetricPlane.Gk114.ToPlane(113.33, 33.76);
        var ring = Enumerable.Range(0, vertices)
            .Select(i => new Coordinate(centre.E + radius * Math.Cos(2 * Math.PI * i / vertices), centre.N + radius * Math.Sin(2 * Math.PI * i / vertices)))
            .ToList();
        return MetricPlane.Gk114.ToWgs84(new GeometryFactory().CreatePolygon(ring.Append(ring[0]).ToArray()));
    }

    private static ParcelSheetData Sheet(Geometry wgs84, int scale) =>
        new(new ParcelRecord
        {
            Id = 1, PublicId = 410403202399001, ReportId = 1, FileName = "test.txt", EntryId = 1, Seq = 1, Name = "测试地块", Status = "reviewed",
            Method = "edit", Version = 2, MadeBy = "测试员", Geometry = wgs84, District = "卫东区", PlanYear = 2023, ReviewStatus = "reviewed",
        }, [], [], [], scale, new DateTime(2026, 12, 7), new Paper(PaperSize.A4));

    [GeneratedRegex(@"\bJ(\d+)\s+\d{7}\.\d{3}\s+\d{6}\.\d{3}\s+\d+\.\d{2}")]
    private static partial Regex Row();
}
