using System.Text.Json;
using System.Text.Json.Nodes;
using LandMap.Core.Geocoding;
using LandMap.Core.LandUse;
using LandMap.Core.Linking;
using LandMap.Core.Reports;
using LandMap.Server.Investor;
using LandMap.Server.Plans;
using LandMap.Server.Projects;

namespace LandMap.Server.Parcels;

/// <summary>An RFC 7946 Feature.</summary>
public sealed record ParcelFeature<TProperties>(long Id, JsonNode? Geometry, TProperties Properties)
{
    public string Type => "Feature";
}

/// <summary>One page of parcels as an RFC 7946 FeatureCollection, with the OGC API – Features paging members.</summary>
/// <param name="Features">The parcels of this page.</param>
/// <param name="NumberMatched">How many parcels match the filters in all.</param>
/// <param name="NumberReturned">How many are in this page.</param>
/// <param name="Links">self, and next/prev when there are more pages.</param>
public sealed record ParcelCollection(IReadOnlyList<ParcelFeature<ParcelProperties>> Features, long NumberMatched, int NumberReturned,
    IReadOnlyList<PageLink> Links)
{
    public string Type => "FeatureCollection";
}

/// <summary>A link of a paged answer: rel (self, next, prev) and href.</summary>
public sealed record PageLink(string Rel, string Href)
{
    public string Type => "application/geo+json";
}

public sealed record ConstraintDto(string Kind, string Text, string Description, bool Satisfied, string? Detail);

/// <summary>The geocoder's properties (as <c>landmap geocode</c> prints them) plus id, company and project stage.</summary>
public record ParcelProperties
{
    /// <summary>The public id (410403202300017: district code, plan year, seq).</summary>
    public required long Id { get; init; }
    public required string File { get; init; }
    public string? District { get; init; }
    public int? PlanYear { get; init; }
    public required int Seq { get; init; }
    public required string Name { get; init; }
    /// <summary>The text of the name up to 有限公司/公司, when it has one.</summary>
    public string? Company { get; init; }
    public string? Location { get; init; }
    /// <summary>Stated area in 亩.</summary>
    public double? AreaMu { get; init; }
    /// <summary>Area of the placed polygon in 亩.</summary>
    public double? AreaMuComputed { get; init; }
    /// <summary>located, approximate or unresolved.</summary>
    public required string Status { get; init; }
    public required double Confidence { get; init; }
    public required string Method { get; init; }
    public IReadOnlyList<ConstraintDto> Constraints { get; init; } = [];
    public IReadOnlyList<string> Warnings { get; init; } = [];
    /// <summary>Stage key (topped-out…) of the key project on this parcel, null when none is known.</summary>
    public string? ProjectStage { get; init; }
    /// <summary>The stage in Chinese (主体封顶…).</summary>
    public string? ProjectStageText { get; init; }
    /// <summary>Land-use code read from the name (industrial, logistics, industrial-park …; <see cref="LandUseClassifier"/>).</summary>
    public required string LandUse { get; init; }
    /// <summary>The land use in Chinese (工矿, 物流仓储, 产业园区 …).</summary>
    public required string LandUseName { get; init; }
    /// <summary>Why: the name's head word (名称中心词“产业园”).</summary>
    public required string LandUseReason { get; init; }
    /// <summary>candidate, reviewed or surveyed (rejected parcels are not published).</summary>
    public required string ReviewStatus { get; init; }
}

public sealed record SourceDto(int Line, string Text);

public sealed record ProjectStepDto(int? Year, string File, string? Stage, string? StageName, string? StageText, bool Target,
    double? InvestmentYi, string? Phase, SourceDto Source);

public sealed record ParcelProjectDto(int Id, string Name, string? Stage, IReadOnlyList<ProjectStepDto> Timeline);

/// <summary>The full record of one parcel: areas in 亩 and m², the printed entry and the projects on it.</summary>
public sealed record ParcelDetail : ParcelProperties
{
    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
    public ParcelDetail(ParcelProperties summary) : base(summary) { }

    public double? AreaM2 { get; init; }
    public double? AreaM2Computed { get; init; }
    /// <summary>The area clause as printed (面积约 112 亩).</summary>
    public string? AreaText { get; init; }
    /// <summary>exact, approximate, at-least or range.</summary>
    public string? AreaQualifier { get; init; }
    public string? Note { get; init; }
    /// <summary>The entry as printed in the report, with its line.</summary>
    public SourceDto? Source { get; init; }
    public IReadOnlyList<ParcelProjectDto> Projects { get; init; } = [];
    /// <summary>The entry's links through the plan years (2021 年第 22 项 → 2023 年第 17 项), oldest first.</summary>
    public IReadOnlyList<PlanLinkDto> Appearances { get; init; } = [];
    /// <summary>Prose statements on this parcel's land (批复, 挂牌, 摘牌…).</summary>
    public IReadOnlyList<LandFactDto> Facts { get; init; } = [];
    /// <summary>What an investor asks: nearest road and railway, park, availability, contact (<see cref="InvestorDto"/>).</summary>
    public InvestorDto? Investor { get; init; }
    /// <summary>Conflicts of the current outline with the bureau's layers (占用永久基本农田, 超出城镇开发边界, 三调 composition …).</summary>
    public IReadOnlyList<Conflicts.ConflictDto> Conflicts { get; init; } = [];
}

internal static class ParcelMapping
{
    private const double SquareMetresPerMu = 10000.0 / 15;

    /// <summary>The properties of a parcel as stored: the project stage was worked out at import (<see cref="Data.Import.ProjectStageUpdater"/>).</summary>
    public static ParcelProperties ToProperties(ParcelView view)
    {
        var g = view.Parcel;
        var record = view.Record;
        var stage = record.ProjectStage is { } key ? StageKeys.Parse(key) : null;
        return new ParcelProperties
        {
            Id = view.Id, File = g.File, District = g.District, PlanYear = g.PlanYear, Seq = g.Seq, Name = g.Name,
            Company = Data.ParcelRecord.CompanyOf(g.Name), Location = g.Location, AreaMu = g.AreaMu, AreaMuComputed = g.AreaMuComputed,
            Status = g.Status.ToString().ToLowerInvariant(), Confidence = Math.Round(g.Confidence, 3), Method = g.Method,
            Constraints = g.Constraints.Select(c => new ConstraintDto(c.Kind, c.Text, c.Description, c.Satisfied, c.Detail)).ToList(),
            Warnings = g.Warnings,
            ProjectStage = stage is { } s ? StageKeys.Key(s) : null,
            ProjectStageText = stage is { } t ? ProjectStageNames.Chinese(t) : null,
            LandUse = record.LandUse, LandUseName = record.LandUseName, LandUseReason = record.LandUseReason,
            ReviewStatus = record.ReviewStatus,
        };
    }

    public static ParcelFeature<ParcelProperties> ToFeature(ParcelView view) =>
        new(view.Id, GeoJsonGeometry.ToNode(view.Parcel.Geometry), ToProperties(view));

    public static ParcelFeature<ParcelDetail> ToDetail(ParcelView view, IReadOnlyList<ProjectView> projects,
        IReadOnlyList<PlanLinkDto> appearances, IReadOnlyList<LandFactDto> facts)
    {
        var entry = view.Entry;
        var detail = new ParcelDetail(ToProperties(view))
        {
            AreaM2 = view.Parcel.AreaMu * SquareMetresPerMu is { } a ? Math.Round(a) : null,
            AreaM2Computed = view.Parcel.AreaMuComputed * SquareMetresPerMu is { } c ? Math.Round(c) : null,
            AreaText = entry.AreaText,
            AreaQualifier = entry.AreaQualifier is { } q ? JsonNamingPolicy.KebabCaseLower.ConvertName(q.ToString()) : null,
            Note = entry.Note,
            Source = new SourceDto(entry.Source.Line, entry.Source.Text),
            Projects = projects.Select(p => new ParcelProjectDto(p.Id, p.Name, p.CurrentStage is { } s ? StageKeys.Key(s) : null,
                p.Project.Events.Select(ToStep).ToList())).ToList(),
            Appearances = appearances,
            Facts = facts,
            Conflicts = Conflicts.ConflictMapping.FromStored(view.Record.ConflictsJson),
        };
        return new ParcelFeature<ParcelDetail>(view.Id, GeoJsonGeometry.ToNode(view.Parcel.Geometry), detail);
    }

    public static ProjectStepDto ToStep(TimelineEvent e) =>
        new(e.Year, e.File, e.Stage is { } s ? StageKeys.Key(s) : null, e.Stage is { } c ? ProjectStageNames.Chinese(c) : null,
            e.StageText, e.Target, e.InvestmentYi, e.Phase, new SourceDto(e.Source.Line, e.Source.Text));
}
