using LandMap.Core.Reports;

namespace LandMap.Server.Projects;

/// <summary>Contract keys of project stages (topped-out), as <c>landmap extract</c> prints them.</summary>
public static class StageKeys
{
    public static readonly IReadOnlyList<string> All = Enum.GetValues<ProjectStage>().Select(Key).ToList();

    public static string Key(ProjectStage stage) => ProjectStageNames.Key(stage);

    public static ProjectStage? Parse(string key) =>
        Enum.GetValues<ProjectStage>().Cast<ProjectStage?>().FirstOrDefault(s => Key(s!.Value) == key);
}
