using System.Text;
using LandMap.Core.Crs;
using LandMap.Core.Surveys;

namespace LandMap.Core.Tests.Surveys;

public sealed class SurveyFileReaderTests
{
    static SurveyFileReaderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private const string Header = "[属性描述]\n坐标系=2000国家大地坐标系\n几度分带=3\n投影类型=高斯克吕格\n计量单位=米\n带号=38\n[地块坐标]\n";

    // A 100 m square (1 公顷 = 15 亩) at X 3 733 933, Y 38 435 126.
    private static string Square(string header = "5,1,1,区块一,面,,工业用地,,@", bool prefix = true, bool close = true, bool swap = false)
    {
        var y0 = prefix ? 38_435_126.139 : 435_126.139;
        (double X, double Y)[] corners = [(3_733_933.115, y0), (3_734_033.115, y0), (3_734_033.115, y0 + 100), (3_733_933.115, y0 + 100)];
        var points = corners.Select((c, i) => swap ? $"J{i + 1},1,{c.Y:0.000},{c.X:0.000}" : $"J{i + 1},1,{c.X:0.000},{c.Y:0.000}").ToList();
        if (close) points.Add(points[0].Replace("J1,", "J1,"));
        return Header + header + "\n" + string.Join("\n", points) + "\n";
    }

    [Fact]
    public void GbkFileWithZonePrefixBecomesAPolygonOfOneHectare()
    {
        var result = SurveyFileReader.Read("区块一.txt", Encoding.GetEncoding(936).GetBytes(Square()));

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal("gb18030", result.Encoding);
        var parcel = Assert.Single(result.Parcels);
        Assert.Equal(("区块一", "工业用地", 5), (parcel.Name, parcel.Use, parcel.HeaderPoints));
        Assert.Equal(10_000, parcel.AreaM2, 3);
        Assert.Equal(10_000, MetricPlane.Gk114.AreaM2(parcel.Geometry), 0);
        Assert.InRange(parcel.Geometry.Centroid.X, 113.29, 113.31);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Utf8FileWithoutZonePrefixReadsTheSame()
    {
        var result = SurveyFileReader.Read("a.txt", Encoding.UTF8.GetBytes(Square(prefix: false)));

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(10_000, result.Parcels[0].AreaM2, 3);
    }

    [Fact]
    public void UnclosedRingIsAnError()
    {
        var result = SurveyFileReader.Read("a.txt", Encoding.UTF8.GetBytes(Square(header: "4,1,1,区块一,面,,工业用地,,@", close: false)));

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Contains("not closed"));
    }

    [Fact]
    public void PointCountMustMatchTheHeader()
    {
        var result = SurveyFileReader.Read("a.txt", Encoding.UTF8.GetBytes(Square(header: "7,1,1,区块一,面,,工业用地,,@")));

        Assert.Contains(result.Errors, e => e.Contains("declares 7 points but 5 follow") && e.Contains("line 8"));
        Assert.Empty(result.Parcels);
    }

    [Fact]
    public void SwappedColumnsAreCaughtWithTheLine()
    {
        var result = SurveyFileReader.Read("a.txt", Encoding.UTF8.GetBytes(Square(swap: true)));

        Assert.Contains(result.Errors, e => e.Contains("line 9") && e.Contains("Swap"));
    }

    [Fact]
    public void AreaFarFromTheHeaderIsAWarning()
    {
        var result = SurveyFileReader.Read("a.txt", Encoding.UTF8.GetBytes(Square(header: "5,1.2,1,区块一,面,,工业用地,,@")));

        Assert.True(result.Succeeded);
        Assert.Contains(result.Warnings, w => w.Contains("1.2 公顷"));
    }

    [Fact]
    public void XianCoordinatesNeedTheBureausParameters()
    {
        var text = Square().Replace("2000国家大地坐标系", "1980西安坐标系");

        var result = SurveyFileReader.Read("a.txt", Encoding.UTF8.GetBytes(text));

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Contains("parameters"));
    }

    [Fact]
    public void BinaryIsRefusedWithTheFileName()
    {
        var result = SurveyFileReader.Read("x.txt", [0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 1, 2, 3]);

        Assert.Contains(result.Errors, e => e.StartsWith("x.txt:"));
    }
}
