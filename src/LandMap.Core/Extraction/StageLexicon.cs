using System.Text.RegularExpressions;
using LandMap.Core.Reports;

namespace LandMap.Core.Extraction;

/// <summary>
/// The words reports use for key-project stages. Compounds (建成投产) map to the furthest stage they
/// name; words followed by 率/条件/一批/收入… are statistics or slogans, not progress, and do not match.
/// </summary>
public static partial class StageLexicon
{
    private static readonly (string Words, ProjectStage Stage)[] Entries =
    [
        ("投产达效", ProjectStage.AtCapacity), ("达产达效", ProjectStage.AtCapacity), ("达效", ProjectStage.AtCapacity),
        ("建成投产", ProjectStage.Operating), ("建成投用", ProjectStage.Operating), ("建成运营", ProjectStage.Operating),
        ("建成开放", ProjectStage.Operating), ("建成营业", ProjectStage.Operating), ("建成投勤", ProjectStage.Operating),
        ("竣工投用", ProjectStage.Operating), ("投产运营", ProjectStage.Operating), ("投入运营", ProjectStage.Operating),
        ("投入使用", ProjectStage.Operating), ("挂牌营业", ProjectStage.Operating), ("开设运营", ProjectStage.Operating),
        ("正式营业", ProjectStage.Operating), ("完工通车", ProjectStage.Operating), ("竣工通车", ProjectStage.Operating),
        ("建成通车", ProjectStage.Operating), ("投产", ProjectStage.Operating), ("投用", ProjectStage.Operating),
        ("投勤", ProjectStage.Operating), ("运营", ProjectStage.Operating), ("营业", ProjectStage.Operating),
        ("试生产", ProjectStage.Trial), ("试营业", ProjectStage.Trial), ("试运营", ProjectStage.Trial), ("试运行", ProjectStage.Trial),
        ("基本建成", ProjectStage.Completed), ("基本完工", ProjectStage.Completed), ("建成", ProjectStage.Completed),
        ("完工", ProjectStage.Completed), ("竣工", ProjectStage.Completed),
        ("主体封顶", ProjectStage.ToppedOut), ("主体完工", ProjectStage.ToppedOut), ("封顶", ProjectStage.ToppedOut),
        ("开工建设", ProjectStage.Started), ("启动建设", ProjectStage.Started), ("落地开工", ProjectStage.Started),
        ("开工", ProjectStage.Started), ("动工", ProjectStage.Started),
        ("签约", ProjectStage.Signed), ("谋划实施", ProjectStage.Planning),
        ("停缓建", ProjectStage.Suspended), ("停建", ProjectStage.Suspended), ("缓建", ProjectStage.Suspended),
    ];

    private static readonly Dictionary<string, ProjectStage> ByWords = Entries.ToDictionary(e => e.Words, e => e.Stage);

    /// <summary>Stage words that may also come before the project they govern (建成蒲城古陶文化产业园).</summary>
    public static readonly IReadOnlySet<string> LeadingVerbs = new HashSet<string>
    {
        "开工建设", "启动建设", "建成", "建成投用", "开工", "签约", "谋划实施",
    };

    [GeneratedRegex(@"(?:投产达效|达产达效|达效|建成投产|建成投用|建成运营|建成开放|建成营业|建成投勤|竣工投用|投产运营|投入运营|投入使用|挂牌营业|开设运营|正式营业|完工通车|竣工通车|建成通车|试生产|试营业|试运营|试运行|基本建成|基本完工|主体封顶|主体完工|开工建设|启动建设|落地开工|谋划实施|停缓建|投产|投用|投勤|运营|营业|建成|完工|竣工|封顶|开工|动工|签约|停建|缓建)(?!率|条件|一批|收入|额|执照|时间|最早|区|管理|模式|机制|共享|项目|金额|仪式|以来|前期|的)")]
    private static partial Regex StageWordRegex();

    /// <summary>Every stage word in <paramref name="clause"/>, in order.</summary>
    public static IEnumerable<Match> Find(string clause) => StageWordRegex().Matches(clause);

    /// <summary>The stage a matched word stands for.</summary>
    public static ProjectStage StageOf(string words) => ByWords[words];
}
