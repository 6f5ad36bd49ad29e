using LandMap.Core.Reports;

namespace LandMap.Core.Extraction;

/// <summary>
/// Whether an extraction found a district planning report at all. Any text extracts to something, so without this
/// rule a note, a letter or a PDF without report text would be stored as an empty report with no district.
/// </summary>
public static class ReportRecognition
{
    /// <summary>
    /// Null when <paramref name="report"/> has at least one mark of a report — a district, a plan year, a land column or
    /// a key project; else why it is not one, for the error line that names the file.
    /// </summary>
    public static string? WhyNotAReport(ExtractedReport report) =>
        report.District is null && report.PlanYear is null && report.LandColumn is null && report.Projects.Count == 0
            ? "no report found: no district, plan year, land column (用地保障) or key project in the text; nothing stored. " +
              "Import the district government's work report (政府工作报告) as .txt, .docx or a .pdf with a text layer."
            : null;
}
