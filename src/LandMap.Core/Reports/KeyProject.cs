namespace LandMap.Core.Reports;

/// <summary>A key project named in the report's prose, with the progress stage the sentence gives.</summary>
public sealed record KeyProject
{
    /// <summary>The project name as printed.</summary>
    public required string Name { get; init; }

    /// <summary>The phase printed with the name (一期, 二期), if any.</summary>
    public string? Phase { get; init; }

    /// <summary>The park (园区) the sentence places the project in (电子半导体产业园), if any.</summary>
    public string? Within { get; init; }

    /// <summary>The furthest stage the sentence names; null when only investment is stated.</summary>
    public ProjectStage? Stage { get; init; }

    /// <summary>The stage words as printed (开工建设, 建成投产, 主体封顶).</summary>
    public string? StageText { get; init; }

    /// <summary>True when the sentence sets a goal (力争, 加快, 即将…) rather than reports progress.</summary>
    public bool Target { get; init; }

    /// <summary>Investment stated with the project, in 亿元 (万元 converted).</summary>
    public double? InvestmentYi { get; init; }

    /// <summary>The investment as printed (累计完成投资8.4亿元).</summary>
    public string? InvestmentText { get; init; }

    /// <summary>Where the sentence is printed.</summary>
    public required SourceRef Source { get; init; }
}

/// <summary>Key-project stages in the order a project passes them (see docs/domain.md).</summary>
public enum ProjectStage
{
    /// <summary>谋划, 储备.</summary>
    Planning,
    /// <summary>签约.</summary>
    Signed,
    /// <summary>开工, 开工建设, 启动建设.</summary>
    Started,
    /// <summary>主体封顶, 主体完工.</summary>
    ToppedOut,
    /// <summary>建成, 完工, 竣工, 基本建成.</summary>
    Completed,
    /// <summary>试生产, 试营业.</summary>
    Trial,
    /// <summary>投产, 投用, 运营, 营业, 投勤.</summary>
    Operating,
    /// <summary>达效, 达产达效.</summary>
    AtCapacity,
    /// <summary>停缓建: outside the sequence.</summary>
    Suspended,
}
