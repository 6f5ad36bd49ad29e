using LandMap.Core.Extraction;
using LandMap.Core.Extraction.Input;
using LandMap.Core.Reports;

namespace LandMap.Core.Tests.Extraction;

public sealed class ProjectProseParserTests
{
    private const string ReviewHeading = "一、2022年国民经济和社会发展规划执行情况\n";
    private const string PlanHeading = "\n三、2023年经济社会发展的主要任务\n";

    private static IReadOnlyList<KeyProject> Projects(string text) =>
        ReportExtractor.Extract(ReportText.FromString("p.txt", text, "utf-8")).Projects;

    [Fact]
    public void EveryNamedProjectOfAListGetsTheStage()
    {
        var projects = Projects(ReviewHeading + "92个重点项目完成投资145.7亿元，其东湖中央公园、蒲城古陶文化产业园等37个项目开工建设。");

        Assert.Equal(["东湖中央公园", "蒲城古陶文化产业园"], projects.Select(p => p.Name));
        Assert.All(projects, p => Assert.Equal((ProjectStage.Started, "开工建设", false), (p.Stage!.Value, p.StageText, p.Target)));
    }

    [Fact]
    public void CompoundStageWordsTakeTheFurthestStage()
    {
        var projects = Projects(ReviewHeading + "国电投换电重卡、恒冠卓科技矿山系统研发中心等20个项目建成投产。姚电公司储能示范项目投产达效。");

        Assert.Equal(ProjectStage.Operating, projects.Single(p => p.Name == "国电投换电重卡").Stage);
        Assert.Equal(ProjectStage.Operating, projects.Single(p => p.Name == "恒冠卓科技矿山系统研发中心").Stage);
        Assert.Equal(ProjectStage.AtCapacity, projects.Single(p => p.Name == "姚电公司储能示范项目").Stage);
    }

    [Theory]
    [InlineData("2000吨电子级碳化硅粉体项目试生产。", "2000吨电子级碳化硅粉体项目", ProjectStage.Trial)]
    [InlineData("电子功率器件封测项目主体封顶、正在装修。", "电子功率器件封测项目", ProjectStage.ToppedOut)]
    [InlineData("长驰电子功率器件封测项目 1.59 万平方米厂房 120 天实现主体封顶。", "长驰电子功率器件封测项目", ProjectStage.ToppedOut)]
    [InlineData("东部医药冷链物流仓储中心项目基本建成。", "东部医药冷链物流仓储中心项目", ProjectStage.Completed)]
    [InlineData("90 天建成 2000 吨电子级碳化硅粉体项目一期专业化厂房。", "2000吨电子级碳化硅粉体项目", ProjectStage.Completed)]
    [InlineData("湛河区第二消防救援站建成投勤。", "湛河区第二消防救援站", ProjectStage.Operating)]
    [InlineData("全年共签约拾季健康、曹镇乡田园综合体等亿元以上项目 27 个。", "拾季健康", ProjectStage.Signed)]
    public void SubjectOrObjectOfTheStageWordIsTheProject(string sentence, string name, ProjectStage stage)
    {
        var project = Projects(ReviewHeading + sentence).First();

        Assert.Equal((name, stage), (project.Name, project.Stage!.Value));
    }

    [Fact]
    public void PhaseIsSplitFromTheName()
    {
        var project = Projects(ReviewHeading + "碳化硅基半导体材料示范线项目一期实现投产。").Single();

        Assert.Equal(("碳化硅基半导体材料示范线项目", "一期"), (project.Name, project.Phase));
    }

    [Fact]
    public void PhaseAloneRefersBackToTheLastNamedPlace()
    {
        var project = Projects(ReviewHeading + "“逍密妙境”乡村民宿产业文化园供水、供电等基础设施建设完成，项目一期试营业，景区初具规模。").Single();

        Assert.Equal(("“逍密妙境”乡村民宿产业文化园", "一期", ProjectStage.Trial), (project.Name, project.Phase, project.Stage!.Value));
    }

    [Fact]
    public void GoalsInThePlanPartAreTargets()
    {
        var projects = Projects(ReviewHeading + "云石墨产业园启动建设。" + PlanHeading + "力促长驰封测车间投产达效。目前，姚电公司独立储能示范项目已投产达效。");

        Assert.False(projects.Single(p => p.Name == "云石墨产业园").Target);
        Assert.True(projects.Single(p => p.Name == "长驰封测车间").Target);
        Assert.False(projects.Single(p => p.Name == "姚电公司独立储能示范项目").Target);
    }

    [Fact]
    public void ImminentProgressInTheReviewIsATarget()
    {
        Assert.True(Projects(ReviewHeading + "工业静脉产业园新型建材项目即将投产。").Single().Target);
    }

    [Fact]
    public void InvestmentIsKeptWithItsProject()
    {
        var project = Projects(ReviewHeading + "国际物流康养园累计完成投资8.4亿元，稳步推进。").Single();

        Assert.Equal(("国际物流康养园", 8.4, (ProjectStage?)null), (project.Name, project.InvestmentYi!.Value, project.Stage));
    }

    [Theory]
    [InlineData("老旧小区改造完工45个，惠及居民2758户。")]
    [InlineData("“签约一批”项目开工率、“开工一批”项目投产率均实现100%。")]
    [InlineData("新签约项目13个、开工项目33个、投产项目35个。")]
    [InlineData("新入库固定资产投资项目 72 个、总投资 63.87 亿元。")]
    [InlineData("道路、绿化、供水等基础设施建成投用。")]
    [InlineData("力争5月底前110千伏变电站具备开工条件。")]
    public void StatisticsAndSlogansAreNotProjects(string sentence)
    {
        Assert.Empty(Projects(ReviewHeading + sentence));
    }

    [Fact]
    public void SourcePointsAtThePrintedLineAcrossAPageBreak()
    {
        var projects = Projects(ReviewHeading +
            "全区前十期“三个一批”在库项目 10 个，总投资 77.69 亿元，新德地多式联运示范基地等项目开工建设，姚电公司\n\n100MW/200MWh 储能示范项目投产达效。");

        var storage = projects.Single(p => p.Stage == ProjectStage.AtCapacity);
        Assert.Equal("姚电公司100MW/200MWh储能示范项目", storage.Name);
        Assert.Equal(2, storage.Source.Line);
        Assert.Equal(2, projects.Single(p => p.Name == "新德地多式联运示范基地").Source.Line);
    }
}
