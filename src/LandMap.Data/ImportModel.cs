using LandMap.Core.Geocoding;
using LandMap.Core.Reports;

namespace LandMap.Data;

/// <summary>One report to store: what extraction produced, the geocoded entries and the file's identity.</summary>
/// <param name="Report">The extracted report.</param>
/// <param name="Geocoded">The report's entries placed by the geocoder, matched to land entries by seq.</param>
/// <param name="ContentSha256">SHA-256 of the file's bytes, lower-case hex: the same hash again changes nothing.</param>
/// <param name="Kind">What kind of report it is; a report supersedes one of the same district, plan year and kind.</param>
/// <param name="Actor">Who imports it, for the geometry versions and the audit log.</param>
/// <param name="SourceText">The decoded text (lines joined by \n), kept so the report can be extracted again from the store.</param>
public sealed record ReportImport(ExtractedReport Report, IReadOnlyList<GeocodedEntry> Geocoded, string ContentSha256,
    string Kind = ReportImport.WorkReport, string Actor = ReportImport.Geocoder, string? SourceText = null)
{
    /// <summary>The yearly government work report (政府工作报告), the kind LandMap reads.</summary>
    public const string WorkReport = "work-report";

    /// <summary>The <see cref="GeometryVersion.MadeByKind"/> of versions the geocoder made.</summary>
    public const string Geocoder = "geocoder";

    /// <summary>SHA-256 of <paramref name="content"/> as lower-case hex.</summary>
    public static string HashOf(byte[] content) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
}

/// <summary>What an import did.</summary>
public enum ImportStatus
{
    /// <summary>A new report was stored.</summary>
    Imported,
    /// <summary>A report with the same content hash was already stored: nothing changed.</summary>
    Unchanged,
    /// <summary>Stored, replacing an older report of the same district, plan year and kind.</summary>
    Superseded,
}

/// <summary>The result of <see cref="IParcelStore.ImportReportAsync"/>.</summary>
/// <param name="Status">Imported, unchanged or superseded.</param>
/// <param name="ReportId">The stored report (the existing one when unchanged).</param>
/// <param name="Entries">Land entries stored (0 when unchanged).</param>
/// <param name="SupersededReportId">The report this one replaced, if any.</param>
/// <param name="KeptReviewedGeometries">Reviewed geometries carried over from the superseded report.</param>
public sealed record ImportOutcome(ImportStatus Status, long ReportId, int Entries, long? SupersededReportId = null, int KeptReviewedGeometries = 0);

/// <summary>A stored report.</summary>
public sealed record StoredReport(long Id, string FileName, string ContentSha256, string? District, int? ReviewYear, int? PlanYear,
    string Kind, string Encoding, int? DeclaredCount, int EntryCount, DateTime ImportedAt, long? SupersededBy);

/// <summary>A key project's stage as one report gives it.</summary>
public sealed record ProjectStageEvent(long ProjectId, string Name, string Phase, long ReportId, string FileName, int? PlanYear,
    string? Stage, string? StageText, bool Target, double? InvestmentYi, string? InvestmentText, int SourceLine);

/// <summary>One indicator value (a cell of an indicator table) as a row.</summary>
public sealed record IndicatorRow(long ReportId, string FileName, string Name, string? Unit, string? Category,
    int Year, string Kind, string Text, double? Value, string? Measure);

/// <summary>One row of the append-only audit log.</summary>
public sealed record AuditRecord(long Id, DateTime At, string Actor, string Action, string Entity, long? EntityId, string? Detail);

/// <summary>The result of <see cref="IParcelStore.BackupAsync"/>: done, or guidance on how to back up instead.</summary>
public sealed record BackupResult(bool Succeeded, string Message);
