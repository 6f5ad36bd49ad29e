using LandMap.Core.Extraction;
using LandMap.Core.Extraction.Input;
using LandMap.Core.Geocoding;
using NetTopologySuite.Geometries;
using static LandMap.Core.Tests.Geocoding.TestGazetteer;

namespace LandMap.Core.Tests.Geocoding;

public sealed class ParcelGeocoderTests
{
    private static readonly ParcelGeocoder Geocoder = new(Build());

    private static (GeocodedEntry Entry, Geometry Metres) Geocode(string text)
    {
        var entry = Geocoder.GeocodeText(text, "卫东区");
        Assert.True(entry.Geometry is not null, $"{text}: {entry.Status} {string.Join("；", entry.Warnings)}");
        return (entry, Metres(entry.Geometry));
    }

    private static void AssertAreaMu(double expectedMu, Geometry metres, double tolerance = 0.01)
    {
        var mu = metres.Area / AreaParser.SquareMetresPerMu;
        Assert.True(Math.Abs(mu - expectedMu) <= expectedMu * tolerance, $"area {mu:0.###} 亩, expected {expectedMu} 亩 ±{tolerance:P0}");
    }

    [Fact]
    public void CornerParcelLiesInNamedQuadrant()
    {
        var (entry, parcel) = Geocode("位于平安大道与八矿路交叉口东北侧，占地面积70亩");

        Assert.Equal(GeocodeStatus.Located, entry.Status);
        Assert.All(parcel.Coordinates, c => Assert.True(c.X > BakuangX && c.Y > PinganY, $"vertex {c} is not north-east of the crossing"));
        Assert.True(parcel.Distance(new Point(BakuangX, PinganY)) < 50, "the corner parcel should start at the crossing");
        AssertAreaMu(70, parcel);
        Assert.All(entry.Constraints, c => Assert.True(c.Satisfied, c.Description + ": " + c.Detail));
    }

    [Theory]
    [InlineData("西南角", -1, -1)]
    [InlineData("西北角", -1, 1)]
    [InlineData("东南角", 1, -1)]
    public void EveryQuadrantIsHonoured(string quadrant, int east, int north)
    {
        var (_, parcel) = Geocode($"位于东平郑路与平安大道交叉口{quadrant}，面积 20 亩");

        var c = parcel.Centroid;
        Assert.Equal(east, Math.Sign(c.X - PingjiaX));
        Assert.Equal(north, Math.Sign(c.Y - PinganY));
    }

    [Fact]
    public void SideParcelFrontsTheRoadInTheNamedSectionNearTheVillage()
    {
        var (entry, parcel) = Geocode("位于平安大道东段北侧程庄村，面积约 40 亩");

        Assert.Equal(GeocodeStatus.Located, entry.Status);
        Assert.All(parcel.Coordinates, c => Assert.True(c.Y > PinganY, "north of the road"));
        Assert.True(parcel.Distance(Line(437_000, 443_000, PinganY)) <= 30, "fronts the road");
        Assert.True(parcel.Centroid.X >= 441_000, "in the eastern third of the road");
        Assert.True(parcel.Distance(new Point(442_000, 3_733_300)) <= 500, "near the village");
        AssertAreaMu(40, parcel);
    }

    [Fact]
    public void SouthSideIsSouth()
    {
        var (_, parcel) = Geocode("位于平安大道中段南侧，面积 30 亩");

        Assert.All(parcel.Coordinates, c => Assert.True(c.Y < PinganY));
        Assert.InRange(parcel.Centroid.X, 439_000, 441_000);
    }

    [Fact]
    public void FourBoundaryParcelStaysInsideTheBox()
    {
        var (entry, parcel) = Geocode("西至平郟东路，东至十二矿独立工矿区部分区域，南至平安大道，北至平煤大道，总面积 300 亩");

        Assert.Equal("box", entry.Method);
        Assert.All(parcel.Coordinates, c => Assert.True(c.X >= PingjiaX - 1 && c.X <= 442_000 + 1 && c.Y >= PinganY - 1 && c.Y <= PingmeiY + 1, $"vertex {c} outside the box"));
        AssertAreaMu(300, parcel);
    }

    [Fact]
    public void BoxSmallerThanTheStatedAreaIsReportedNotHidden()
    {
        var entry = Geocoder.GeocodeText("西至平郏东路，东至十二矿独立工矿区，南至平安大道，北至平煤大道，面积 10000 亩", "卫东区");

        Assert.Equal(GeocodeStatus.Approximate, entry.Status);
        Assert.Contains(entry.Warnings, w => w.Contains("小于所述"));
        Assert.True(entry.AreaMuComputed < 10000);
    }

    [Fact]
    public void UnknownPlaceIsUnresolvedNotGuessed()
    {
        var entry = Geocoder.GeocodeText("位于幸福路北侧，面积 10 亩", "卫东区");

        Assert.Equal(GeocodeStatus.Unresolved, entry.Status);
        Assert.Null(entry.Geometry);
        Assert.Contains(entry.Warnings, w => w.Contains("幸福路"));
        Assert.Equal(0, entry.Confidence);
    }

    [Fact]
    public void TwoParcelsAtOneCornerSitSideBySide()
    {
        var report = Report("1、甲：位于八矿路与平安大道交叉口东北，面积 70 亩。", "2、乙：位于平安大道与八矿路交叉口东北侧，面积 47 亩。");
        var entries = Geocoder.GeocodeReport(report);

        var a = Metres(entries[0].Geometry!);
        var b = Metres(entries[1].Geometry!);
        Assert.True(a.Intersection(b).Area < 1, "parcels at one corner must not overlap");
        Assert.All(new[] { a, b }, p => Assert.True(p.Centroid.X > BakuangX && p.Centroid.Y > PinganY));
        AssertAreaMu(47, b);
    }

    [Fact]
    public void SubParcelsBecomeAMultiPolygonOfTheirOwnAreas()
    {
        var (entry, parcel) = Geocode("位于八矿路与平安大道交叉口东北（一站约 47 亩）、平安大道东段南侧、八矿路口对面（二站台约 68 亩），面积 115 亩");

        var parts = Enumerable.Range(0, parcel.NumGeometries).Select(parcel.GetGeometryN).OrderBy(p => p.Area).ToList();
        Assert.Equal(2, parts.Count);
        AssertAreaMu(47, parts[0]);
        AssertAreaMu(68, parts[1]);
        Assert.True(parts[0].Centroid.Y > PinganY, "一站 in the north-east corner");
        Assert.True(parts[1].Centroid.Y < PinganY, "二站台 across the road, south");
        AssertAreaMu(115, parcel);
        Assert.StartsWith("parts:", entry.Method);
    }

    [Fact]
    public void OffsetMovesAlongTheRoadAndKeepsTheSide()
    {
        var (_, parcel) = Geocode("位于平顶山市卫东区平安大道与八矿路向西 50 米路北 6 号，面积 10 亩");

        Assert.True(parcel.Centroid.X < BakuangX, "west of the crossing");
        Assert.True(parcel.Centroid.Y > PinganY, "north of the road (路北)");
    }

    [Fact]
    public void EntryWithoutAreaIsLocatedAsAPointWithAWarning()
    {
        var entry = Geocoder.GeocodeText("位于平安大道东段北侧程庄村", "卫东区");

        Assert.IsType<Point>(entry.Geometry);
        Assert.Equal(GeocodeStatus.Approximate, entry.Status);
        Assert.Null(entry.AreaMuComputed);
        Assert.Contains(entry.Warnings, w => w.Contains("未写面积"));
    }

    [Fact]
    public void RelativeEntryLiesBesideTheOneItNames()
    {
        var entries = Geocoder.GeocodeReport(Report(
            "1、乙：位于平安大道东段、汽车产业园项目南侧，面积 20 亩。",
            "2、东部汽车产业园项目：位于平安大道东段南侧，面积 100 亩。"));

        var park = Metres(entries[1].Geometry!);
        var beside = Metres(entries[0].Geometry!);
        Assert.True(beside.EnvelopeInternal.MaxY <= park.EnvelopeInternal.MinY + 1, "south of the park");
        Assert.True(beside.Distance(park) <= 60, "next to it");
    }

    [Fact]
    public void NoAreaBorrowsTheSameProjectsAreaFromAnotherYearAndSaysSo()
    {
        var plan2021 = Report("1、乙学校扩建项目：位于平安大道北侧程庄村。") with { PlanYear = 2021 };
        var plan2023 = Report("1、乙学校扩建项目：位于平安大道北侧程庄村，面积 26.05 亩。") with { PlanYear = 2023 };

        var entries = Geocoder.GeocodeAll([plan2021, plan2023]);

        Assert.Null(entries[0].AreaMu);
        Assert.Equal(26.05, entries[0].AreaMuComputed!.Value, 0);
        Assert.Contains(entries[0].Warnings, w => w.Contains("2023") && w.Contains("26.05"));
    }

    private static LineString Line(double x0, double x1, double y) => new([new Coordinate(x0, y), new Coordinate(x1, y)]);

    private static LandMap.Core.Reports.ExtractedReport Report(params string[] entries) =>
        ReportExtractor.Extract(ReportText.FromString("t.txt",
            "关于平顶山市卫东区2022年国民经济和社会发展规划执行情况与2023年国民经济和社会发展规划的报告\n各位代表：\n专栏：用地保障重点项目\n" + string.Join("\n", entries), "utf-8"));
}
