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

    /// <summary>
    /// Null when <paramref name="report"/> is of a district of the registry; else why not and how to register it, for the
    /// error line that names the file. Geocoding needs the district (its outline and plane), so such a report is refused.
    /// </summary>
    public static string? WhyDistrictNotRegistered(ExtractedReport report) =>
        report.District is not null
            ? null
            : (report.UnregisteredDistrict is { } named
                ? $"the district {named} named in the title is not in the district registry"
                : "the report names no district of the district registry") +
              "; nothing stored. Add the district with its outline: landmap districts import FILE --gazetteer DIR " +
              "(GeoJSON, Shapefile or GeoPackage, one feature with its 6-digit code and name; --crs GCJ02 for 高德 data), then import again.";
}
