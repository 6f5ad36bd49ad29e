namespace LandMap.Core.Reports;

/// <summary>Chinese labels and contract keys of <see cref="ProjectStage"/> values, for every user interface.</summary>
public static class ProjectStageNames
{
    /// <summary>The contract key of a stage (topped-out), as the API, the tiles and <c>landmap extract</c> write it.</summary>
    public static string Key(ProjectStage stage) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(stage.ToString());

    /// <summary>The label users read (开工, 主体封顶…).</summary>
    public static string Chinese(ProjectStage stage) => stage switch
    {
        ProjectStage.Planning => "谋划",
        ProjectStage.Signed => "签约",
        ProjectStage.Started => "开工",
        ProjectStage.ToppedOut => "主体封顶",
        ProjectStage.Completed => "建成",
        ProjectStage.Trial => "试运行",
        ProjectStage.Operating => "投产运营",
        ProjectStage.AtCapacity => "达效",
        _ => "停缓建",
    };
}
