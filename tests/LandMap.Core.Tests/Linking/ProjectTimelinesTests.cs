using LandMap.Core.Extraction;
using LandMap.Core.Extraction.Input;
using LandMap.Core.Linking;
using LandMap.Core.Reports;

namespace LandMap.Core.Tests.Linking;

public sealed class ProjectTimelinesTests
{
    private static readonly Lazy<IReadOnlyList<ProjectTimeline>> Shipped = new(() => ProjectTimelines.Build(
        Directory.GetFiles(TestPaths.Reports, "*.txt").Order().Select(f => ReportExtractor.Extract(ReportFileReader.Read(f).Text!)).ToList()));

    [Fact]
    public void SiliconCarbidePowderGoesFromTrialIn2022ToAPhaseBuiltIn2023()
    {
        var timeline = Shipped.Value.Single(t => t.Name == "2000吨电子级碳化硅粉体项目");

        Assert.Equal([(2022, ProjectStage.Trial, (string?)null), (2023, ProjectStage.Completed, "一期")],
            timeline.Events.Select(e => (e.Year!.Value, e.Stage!.Value, e.Phase)));
        Assert.Equal("电子半导体产业园", timeline.Within);
    }

    [Fact]
    public void PackagingProjectIsOneProjectUnderTwoNamesInTheSemiconductorPark()
    {
        var timeline = Shipped.Value.Single(t => t.Name == "长驰电子功率器件封测项目");

        Assert.Contains("电子功率器件封测项目", timeline.Aliases);
        Assert.Equal([2022, 2023], timeline.Events.Select(e => e.Year!.Value));
        Assert.All(timeline.Events, e => Assert.Equal(ProjectStage.ToppedOut, e.Stage));
        Assert.Equal("电子半导体产业园", timeline.Within);
    }

    [Fact]
    public void TargetsAreDatedByThePlanYearAndNeverCountAsReached()
    {
        var timeline = Shipped.Value.Single(t => t.Name == "光华学校");

        Assert.Equal([(2023, false), (2024, true)], timeline.Events.Select(e => (e.Year!.Value, e.Target)));
        Assert.Equal(ProjectStage.ToppedOut, timeline.FurthestStage);
    }

    [Fact]
    public void ProjectsOfDifferentDistrictsAreNeverJoined()
    {
        Assert.All(Shipped.Value, t => Assert.Single(t.Events.Select(e => e.File[..3] is "002" or "003" ? "湛河区" : "卫东区").Distinct()));
    }
}
