using LandMap.Core.Extraction;
using LandMap.Core.Extraction.Input;
using LandMap.Core.Geocoding;
using LandMap.Core.Linking;
using LandMap.Core.Reports;

namespace LandMap.Core.Tests.Linking;

public sealed class ParcelSitesTests
{
    private static readonly Lazy<IReadOnlyList<ExtractedReport>> Reports = new(() =>
        Directory.GetFiles(TestPaths.Reports, "*.txt").Order().Select(f => ReportExtractor.Extract(ReportFileReader.Read(f).Text!)).ToList());

    // Names are all ParcelSites reads; geometry plays no part.
    private static readonly IReadOnlyList<GeocodedEntry> Parcels = Reports.Value
        .SelectMany(r => r.LandEntries.Select(e => new GeocodedEntry
        {
            File = r.File, District = r.District, PlanYear = r.PlanYear, Seq = e.Seq, Name = e.Name,
            Status = GeocodeStatus.Unresolved, Confidence = 0, Method = "none",
        }))
        .ToList();

    private static IReadOnlyList<ProjectTimeline> Timelines => ProjectTimelines.Build(Reports.Value);

    [Fact]
    public void ProjectInAParkSitsOnTheParksParcel()
    {
        var site = Assert.Single(ParcelSites.ForProject(Timelines.Single(t => t.Name == "长驰电子功率器件封测项目"), Parcels));
        Assert.Equal((2023, 1), (site.Parcel.PlanYear, site.Parcel.Seq));
        Assert.Contains("电子半导体产业园", site.Reason);
    }

    [Fact]
    public void ParcelNamingACompanyIsNotTakenByAProjectThatDoesNot()
    {
        var project = Timelines.Single(t => t.Name == "东部医药冷链物流仓储中心项目");
        Assert.DoesNotContain(ParcelSites.ForProject(project, Parcels), s => s.Parcel.Name.Contains("新丝路"));
    }

    [Fact]
    public void ParkLandFactGoesOnTheParksParcel()
    {
        var report = Reports.Value.Single(r => r.LandFacts.Any(f => f.Subject.StartsWith("工业静脉产业园")));
        var fact = report.LandFacts.Single(f => f.Subject.StartsWith("工业静脉产业园"));
        var site = Assert.Single(ParcelSites.ForFact(fact, report.District, Parcels));
        Assert.Equal("平顶山工业静脉产业园", site.Parcel.Name);
    }
}
