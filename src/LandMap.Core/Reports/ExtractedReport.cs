namespace LandMap.Core.Reports;

/// <summary>
/// Everything extracted from one planning report. The property names are a contract:
/// <c>landmap extract --format json</c> prints them camel-cased, and tools outside LandMap read them.
/// </summary>
public sealed record ExtractedReport
{
    /// <summary>The file name, without its folder.</summary>
    public required string File { get; init; }

    /// <summary>Canonical district name (卫东区, 湛河区, …), or null when the header names none.</summary>
    public string? District { get; init; }

    /// <summary>The district's six-digit code (GB/T 2260) in the district registry; parcel ids start with it.</summary>
    public int? DistrictCode { get; init; }

    /// <summary>When the report names no registered district: the county-level name its title prints (青州市), or null.</summary>
    public string? UnregisteredDistrict { get; init; }

    /// <summary>The year whose plan execution the report reviews.</summary>
    public int? ReviewYear { get; init; }

    /// <summary>The year the report plans for.</summary>
    public int? PlanYear { get; init; }

    /// <summary>How the file was decoded: utf-8, utf-8-bom, utf-16le, utf-16be, gb18030, docx or pdf.</summary>
    public required string Encoding { get; init; }

    /// <summary>The 用地保障重点项目 column, when the report has one.</summary>
    public LandColumn? LandColumn { get; init; }

    /// <summary>Land-guarantee entries in the order printed.</summary>
    public IReadOnlyList<LandEntry> LandEntries { get; init; } = [];

    /// <summary>Key projects named in the prose with the stage they reached (or are to reach).</summary>
    public IReadOnlyList<KeyProject> Projects { get; init; } = [];

    /// <summary>Land-status facts in the prose (园区二期土地263亩已经省政府批复).</summary>
    public IReadOnlyList<LandFact> LandFacts { get; init; } = [];

    /// <summary>Rows of the indicator tables (附表).</summary>
    public IReadOnlyList<Indicator> Indicators { get; init; } = [];

    /// <summary>What a reader should check by hand: count mismatches, part sums, OCR repairs.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>Where a record came from: the 1-based line of the file and the sentence as printed.</summary>
public sealed record SourceRef(int Line, string Text);

/// <summary>The heading of a land-guarantee column and how many entries it declares.</summary>
public sealed record LandColumn(string Title, int? DeclaredCount, int FoundCount, int Line);

/// <summary>
/// A statement in the prose about land of a park or project: its area and where it stands in the
/// land-guarantee workflow (报批, 批复, 征收, 挂牌, 出让, 摘牌, 供地).
/// </summary>
/// <param name="Subject">What the land belongs to, as printed or resolved from 园区 (工业静脉产业园).</param>
/// <param name="AreaMu">The area stated, in 亩.</param>
/// <param name="Status">The workflow words as printed (已经省政府批复，即将挂牌出让).</param>
/// <param name="Source">Where the sentence is printed.</param>
public sealed record LandFact(string Subject, double AreaMu, string Status, SourceRef Source);
