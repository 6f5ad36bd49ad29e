using LandMap.Core.Extraction.Input;
using LandMap.Core.Gazetteer.Registry;
using LandMap.Core.Reports;

namespace LandMap.Core.Extraction;

/// <summary>
/// Turns a report's text into records: header (district, years), the land-guarantee column,
/// key projects in the prose and the indicator tables. Parsing runs on a normalized copy
/// (half-width digits; OCR repairs for the report's district, e.g. 漯河 → 湛河 in Zhanhe reports)
/// that maps char for char onto the printed text, so every record points at its printed line.
/// </summary>
public static class ReportExtractor
{
    /// <summary>Extracts everything from <paramref name="report"/>, recognising the districts of the shipped registry.</summary>
    public static ExtractedReport Extract(ReportText report) => Extract(report, DistrictRegistry.Shipped);

    /// <summary>Extracts everything from <paramref name="report"/>, recognising the districts of <paramref name="registry"/>.</summary>
    public static ExtractedReport Extract(ReportText report, DistrictRegistry registry)
    {
        var header = ReportHeaderParser.Parse(report, registry);
        var warnings = new List<string>(header.Warnings);
        var repairs = header.District is null ? [] : Districts.OcrRepairsFor(header.District);

        string Normalize(string text)
        {
            var s = NumberText.ToHalfWidth(text);
            foreach (var (printed, meant) in repairs) s = s.Replace(printed, meant);
            return s;
        }

        foreach (var (printed, meant) in repairs)
        {
            var lines = report.Lines.Select((l, i) => (l, i)).Where(x => x.l.Contains(printed)).Select(x => x.i + 1).ToList();
            if (lines.Count > 0)
            {
                warnings.Add($"OCR: '{printed}' read as '{meant}' ({header.District} report) on lines {string.Join(", ", lines)}");
            }
        }

        var normalized = report.Lines.Select(Normalize).ToList();
        var (projects, landFacts) = ProjectProseParser.Parse(Paragraphs.Of(report), Normalize);
        var land = LandColumnParser.Parse(normalized);
        warnings.AddRange(land.Warnings);

        return new ExtractedReport
        {
            File = report.FileName,
            District = header.District,
            DistrictCode = header.DistrictCode,
            UnregisteredDistrict = header.UnregisteredDistrict,
            ReviewYear = header.ReviewYear,
            PlanYear = header.PlanYear,
            Encoding = report.Encoding,
            LandColumn = land.Column,
            LandEntries = land.Entries,
            Projects = projects,
            LandFacts = landFacts,
            Indicators = IndicatorTableParser.Parse(normalized),
            Warnings = warnings,
        };
    }
}
