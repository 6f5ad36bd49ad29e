using System.Globalization;
using System.Text;

namespace LandMap.Data.Export;

/// <summary>
/// Tables of entries (with their parcels), project stage events and indicator values: CSV in UTF-8 with a BOM, so
/// that Excel shows the Chinese, or one XLSX workbook with a sheet each (<see cref="XlsxWriter"/>).
/// </summary>
internal static class TableExport
{
    private static readonly string[] ProjectColumns = ["project_id", "name", "phase", "report_id", "file", "plan_year", "stage", "stage_text", "target", "investment_yi", "investment_text", "source_line"];
    private static readonly string[] IndicatorColumns = ["report_id", "file", "name", "unit", "category", "year", "kind", "text", "value", "measure"];

    public static ExportResult WriteCsv(IReadOnlyList<ParcelRecord> parcels, IReadOnlyList<ProjectStageEvent> projects, IReadOnlyList<IndicatorRow> indicators, string path)
    {
        var stem = Path.ChangeExtension(path, null);
        var files = new[] { path, stem + ".projects.csv", stem + ".indicators.csv" };
        WriteCsv(files[0], [.. ParcelColumns.Names, "wkt"], parcels.Select(p => ParcelColumns.Values(p).Append(p.Geometry?.AsText()).ToArray()));
        WriteCsv(files[1], ProjectColumns, projects.Select(ProjectValues));
        WriteCsv(files[2], IndicatorColumns, indicators.Select(IndicatorValues));
        return new ExportResult(parcels.Count, files, []);
    }

    public static ExportResult WriteXlsx(IReadOnlyList<ParcelRecord> parcels, IReadOnlyList<ProjectStageEvent> projects, IReadOnlyList<IndicatorRow> indicators, string path)
    {
        XlsxWriter.Write(path,
        [
            ("parcels", ParcelColumns.Names, parcels.Select(ParcelColumns.Values)),
            ("projects", ProjectColumns, projects.Select(ProjectValues)),
            ("indicators", IndicatorColumns, indicators.Select(IndicatorValues)),
        ]);
        return new ExportResult(parcels.Count, [path], []);
    }

    private static object?[] ProjectValues(ProjectStageEvent e) =>
        [e.ProjectId, e.Name, e.Phase, e.ReportId, e.FileName, e.PlanYear, e.Stage, e.StageText, e.Target, e.InvestmentYi, e.InvestmentText, e.SourceLine];

    private static object?[] IndicatorValues(IndicatorRow i) =>
        [i.ReportId, i.FileName, i.Name, i.Unit, i.Category, i.Year, i.Kind, i.Text, i.Value, i.Measure];

    private static void WriteCsv(string path, IReadOnlyList<string> header, IEnumerable<object?[]> rows)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        writer.WriteLine(string.Join(',', header.Select(Quote)));
        foreach (var row in rows) writer.WriteLine(string.Join(',', row.Select(v => Quote(Format(v)))));
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    // RFC 4180: quote fields holding a comma, quote or line break; double the quotes inside.
    private static string Quote(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
}
