using System.Text.Json;
using LandMap.Core.Geocoding;
using LandMap.Core.Linking;
using LandMap.Core.Reports;
using LandMap.Data;

namespace LandMap.Server.Parcels;

/// <summary>
/// What the server works out across reports: key projects on their parcels, plan links, indicators, the reports as
/// extracted. <see cref="StoreParcelSource"/> derives it from the store and keeps it only as long as the store's change
/// counter stays the same, so every server process on one store agrees. Parcels themselves are never served from here:
/// the parcel, tile and review endpoints query the store per request.
/// </summary>
public interface IParcelSource
{
    /// <summary>Every published parcel (rejected ones left out), as the cross-report work needs them.</summary>
    Task<IReadOnlyList<ParcelView>> GetParcelsAsync(CancellationToken cancellationToken = default);

    /// <summary>Key projects, each with its stage per report and the parcels it sits on.</summary>
    Task<IReadOnlyList<ProjectView>> GetProjectsAsync(CancellationToken cancellationToken = default);

    /// <summary>The reports the parcels and projects come from.</summary>
    Task<IReadOnlyList<ReportView>> GetReportsAsync(CancellationToken cancellationToken = default);

    /// <summary>The same reports as extracted: land columns, projects, land facts and indicator tables.</summary>
    Task<IReadOnlyList<ExtractedReport>> GetExtractedReportsAsync(CancellationToken cancellationToken = default);

    /// <summary>The store's change counter the current answers were derived at.</summary>
    Task<long> VersionAsync(CancellationToken cancellationToken = default);
}

/// <summary>A parcel: its public id, its current geometry version with checks, and its entry as printed (all from the store).</summary>
/// <param name="Id">The public id (<see cref="ParcelIds"/>).</param>
/// <param name="Parcel">Geometry (WGS 84), status, confidence, constraints and warnings.</param>
/// <param name="Entry">The entry as printed (source sentence, area text, parts, 四至, note).</param>
/// <param name="Record">The stored record: review status, land use, project stage, version.</param>
public sealed record ParcelView(long Id, GeocodedEntry Parcel, LandEntry Entry, ParcelRecord Record)
{
    private static readonly JsonSerializerOptions StoredJson = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>A version's stored checks (its constraints column).</summary>
    public static List<ConstraintResult> Constraints(string json) => StoredChecks.Constraints(json);

    /// <summary>The view of a stored record: nothing is extracted again, everything was stored at import.</summary>
    public static ParcelView From(ParcelRecord record) =>
        new(record.PublicId, CurrentVersion(record), PrintedEntry(record), record);

    private static GeocodedEntry CurrentVersion(ParcelRecord record) =>
        new()
        {
            File = record.FileName,
            District = record.District,
            PlanYear = record.PlanYear,
            Seq = record.Seq,
            Name = record.Name,
            Location = record.Location,
            AreaMu = record.AreaMu,
            AreaMuComputed = record.AreaMuComputed,
            // A version saved by a reviewer or from a survey carries its review status ("reviewed", "surveyed"): its outline is located.
            Status = Enum.TryParse<GeocodeStatus>(record.Status, ignoreCase: true, out var status) ? status
                : record.Geometry is null ? GeocodeStatus.Unresolved : GeocodeStatus.Located,
            Confidence = record.Confidence,
            Method = record.Method,
            Constraints = Constraints(record.ConstraintsJson),
            Warnings = StoredChecks.Warnings(record.WarningsJson),
            Geometry = record.Geometry,
        };

    private static LandEntry PrintedEntry(ParcelRecord record) =>
        new()
        {
            Seq = record.Seq,
            Name = record.Name,
            Location = record.Location,
            AreaMu = record.AreaMu,
            Approx = record.Approx,
            AreaQualifier = Enum.TryParse<AreaQualifier>(record.AreaQualifier, ignoreCase: true, out var q) ? q : null,
            AreaText = record.AreaText,
            Parts = JsonSerializer.Deserialize<List<AreaPart>>(record.PartsJson, StoredJson) ?? [],
            Bounds = JsonSerializer.Deserialize<Bounds?>(record.BoundsJson, StoredJson),
            Note = record.Note,
            Source = new SourceRef(record.SourceLine, record.SourceText),
        };
}

/// <summary>A key project across reports and the parcels it sits on.</summary>
/// <param name="Id">Stable id of the project within this source.</param>
/// <param name="Project">Its names, district, park and every report's word on it, oldest first.</param>
/// <param name="Sites">The parcels it sits on, newest plan year first, each with the reason.</param>
public sealed record ProjectView(int Id, ProjectTimeline Project, IReadOnlyList<ProjectSiteView> Sites)
{
    public string Name => Project.Name;

    public string? District => Project.District;

    public IReadOnlyList<long> ParcelIds => Sites.Select(s => s.ParcelId).ToList();

    /// <summary>The furthest stage reported (not targeted) in the latest report that reports one.</summary>
    public ProjectStage? CurrentStage => Project.CurrentStage;
}

/// <summary>A parcel a project sits on and why (项目位于电子半导体产业园, 名称相同).</summary>
public sealed record ProjectSiteView(long ParcelId, string Reason);

/// <summary>A report with the counts of what was read from it.</summary>
public sealed record ReportView(string File, string? District, int? ReviewYear, int? PlanYear, string Encoding,
    int LandEntryCount, int ProjectCount, int IndicatorCount, IReadOnlyList<string> Warnings);
