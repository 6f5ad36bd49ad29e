using LandMap.Core.Geocoding;
using LandMap.Core.LandUse;
using LandMap.Core.Linking;
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

    /// <summary>The same reports as extracted: land columns, projects, land facts and indicator tables.</summary>
    Task<IReadOnlyList<ExtractedReport>> GetExtractedReportsAsync(CancellationToken cancellationToken = default);

    /// <summary>Changes whenever parcels change, so tile caches know when to drop what they hold.</summary>
    long Version => 0;

    /// <summary>Reads the parcels again after a write to the store.</summary>
    Task RefreshAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
}

/// <summary>A parcel: its stable id, the geocoder's result and the land entry it was read from.</summary>
/// <param name="Id">Stable across restarts (plan year, district, seq).</param>
/// <param name="Parcel">Geometry (WGS 84), status, confidence, constraints and warnings.</param>
/// <param name="Entry">The entry as printed (source sentence, area text, note); null when not kept.</param>
public sealed record ParcelView(int Id, GeocodedEntry Parcel, LandEntry? Entry)
{
    /// <summary>The land use read from the name: once per snapshot, not on every request that filters or maps parcels.</summary>
    public LandUseGuess LandUse { get; } = LandUseClassifier.Classify(Parcel.Name);
}

/// <summary>A key project across reports and the parcels it sits on.</summary>
/// <param name="Id">Stable id of the project within this source.</param>
/// <param name="Project">Its names, district, park and every report's word on it, oldest first.</param>
/// <param name="Sites">The parcels it sits on, newest plan year first, each with the reason.</param>
public sealed record ProjectView(int Id, ProjectTimeline Project, IReadOnlyList<ProjectSiteView> Sites)
{
    public string Name => Project.Name;

    public string? District => Project.District;

    public IReadOnlyList<int> ParcelIds => Sites.Select(s => s.ParcelId).ToList();

    /// <summary>The furthest stage reported (not targeted) in the latest report that reports one.</summary>
    public ProjectStage? CurrentStage =>
        Project.Events.Where(e => !e.Target && e.Stage is not null).OrderBy(e => e.Year).ThenBy(e => e.Stage).LastOrDefault()?.Stage;
}

/// <summary>A parcel a project sits on and why (项目位于电子半导体产业园, 名称相同).</summary>
public sealed record ProjectSiteView(int ParcelId, string Reason);

/// <summary>A report with the counts of what was read from it.</summary>
public sealed record ReportView(string File, string? District, int? ReviewYear, int? PlanYear, string Encoding,
    int LandEntryCount, int ProjectCount, int IndicatorCount, IReadOnlyList<string> Warnings);
