using LandMap.Core.Extraction;
using LandMap.Core.Extraction.Input;
using LandMap.Core.Linking;

namespace LandMap.Core.Tests.Linking;

public sealed class IndicatorSeriesBuilderTests
{
    private static readonly Lazy<IReadOnlyList<LandMap.Core.Reports.ExtractedReport>> Reports = new(() =>
        Directory.GetFiles(TestPaths.Reports, "*.txt").Order().Select(f => ReportExtractor.Extract(ReportFileReader.Read(f).Text!)).ToList());

    [Fact]
    public void IndicatorRowsOfTwoReportsJoinIntoOneSeries()
    {
        var gdp = IndicatorSeriesBuilder.Build(Reports.Value, "卫东区").Single(s => s.Name == "全区生产总值增速");
        Assert.Equal(["地区生产总值增长"], gdp.Aliases);
        Assert.Equal([2020, 2021, 2022, 2023], gdp.Points.Select(p => p.Year));
        Assert.Equal((7.8, 2.9), (gdp.Points[2].Plan, gdp.Points[2].Actual));
    }
}
