using LandMap.Core.Reports;

namespace LandMap.Core.LandUse;

/// <summary>
/// Whether a parcel is still land to find (可供用地): not when the key project on it already operates (投产运营) or has
/// reached capacity (达效) — the land is in use. Every earlier stage, and a parcel with no known project, counts as
/// available: the reports list it as land to be provided.
/// </summary>
public static class LandAvailability
{
    /// <summary>The stages at which a project occupies its land.</summary>
    public static readonly IReadOnlySet<ProjectStage> OccupyingStages = new HashSet<ProjectStage> { ProjectStage.Operating, ProjectStage.AtCapacity };

    /// <summary>True unless <paramref name="stage"/> is one of <see cref="OccupyingStages"/>.</summary>
    public static bool IsAvailable(ProjectStage? stage) => stage is not { } s || !OccupyingStages.Contains(s);
}
