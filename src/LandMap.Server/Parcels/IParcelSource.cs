using LandMap.Core.Geocoding;
using LandMap.Core.Reports;

namespace LandMap.Server.Parcels;

/// <summary>
/// Where the server reads parcels, key projects and reports from: <see cref="StoreParcelSource"/> reads the
/// store (SQLite or PostGIS). Implementations are singletons and thread-safe.
/// </summary>
public interface IParcelSource
{
    /// <summary>Every parcel (land entry placed or not), ordered by plan year, district and seq.</summary>
    Task<IReadOnlyList<ParcelView>> GetParcelsAsync(CancellationToken cancellationToken = default);

    /// <summary>Key projects, each with its stage per report and the parcel it sits on when known.</summary>
    Task<IReadOnlyList<ProjectView>> GetProjectsAsync(CancellationToken cancellationToken = default);

    /// <summary>The reports the parcels and projects come from.</summary>
    Task<IReadOnlyList<ReportView>> GetReportsAsync(CancellationToken cancellationToken = default);

    /// <summary>Changes whenever parcels change, so tile caches know when to drop what they hold.</summary>
    long Version => 0;

    /// <summary>Reads the parcels again after a write to the store.</summary>
    Task RefreshAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
}

/// <summary>A parcel: its stable id, the geocoder's result and the land entry it was read from.</summary>
/// <param name="Id">Stable across restarts (plan year, district, seq).</param>
/// <param name="Parcel">Geometry (WGS 84), status, confidence, constraints and warnings.</param>
/// <param name="Entry">The entry as printed (source sentence, area text, note); null when not kept.</param>
public sealed record ParcelView(int Id, GeocodedEntry Parcel, LandEntry? Entry);

/// <summary>A key project across reports.</summary>
/// <param name="Id">Stable id of the project within this source.</param>
/// <param name="Name">The name as printed in the latest report that names it.</param>
/// <param name="District">The district of the reports naming it.</param>
/// <param name="Timeline">Every mention, oldest report first.</param>
/// <param name="ParcelIds">Parcels whose name matches the project's, newest plan year first.</param>
public sealed record ProjectView(int Id, string Name, string? District, IReadOnlyList<ProjectMention> Timeline, IReadOnlyList<int> ParcelIds)
{
    /// <summary>The furthest stage reported (not targeted) in the latest report that reports one.</summary>
    public ProjectStage? CurrentStage =>
        Timeline.Where(m => !m.Target && m.Stage is not null).OrderBy(m => m.Year).ThenBy(m => m.Stage).LastOrDefault()?.Stage;
}

/// <summary>What one report says of a key project.</summary>
/// <param name="File">The report file.</param>
/// <param name="Year">The year the statement is about: the review year for progress, the plan year for a target.</param>
/// <param name="Project">The project as extracted (stage, stage text, phase, investment, source sentence).</param>
public sealed record ProjectMention(string File, int? Year, KeyProject Project)
{
    /// <inheritdoc cref="KeyProject.Stage"/>
    public ProjectStage? Stage => Project.Stage;

    /// <inheritdoc cref="KeyProject.Target"/>
    public bool Target => Project.Target;
}

/// <summary>A report with the counts of what was read from it.</summary>
public sealed record ReportView(string File, string? District, int? ReviewYear, int? PlanYear, string Encoding,
    int LandEntryCount, int ProjectCount, int IndicatorCount, IReadOnlyList<string> Warnings);
