namespace LandMap.Data.Export;

/// <summary>
/// Tables of entries (with their parcels), project stage events and indicator values as <see cref="SheetTable"/>s: CSV in
/// UTF-8 with a BOM, so that Excel shows the Chinese, or one XLSX workbook with a sheet each (<see cref="SheetXlsxWriter"/>);
/// text that would run as a formula is neutralised in both.
/// </summary>
internal static class TableExport
{
    private static readonly string[] ProjectColumns = ["project_id", "name", "phase", "report_id", "file", "plan_year", "stage", "stage_text", "target", "investment_yi", "investment_text", "source_line"];
    private static readonly string[] IndicatorColumns = ["report_id", "file", "name", "unit", "category", "year", "kind", "text", "value", "measure"];

    public static ExportResult WriteCsv(IReadOnlyList<ParcelRecord> parcels, IReadOnlyList<ProjectStageEvent> projects, IReadOnlyList<IndicatorRow> indicators, string path)
    {
        var stem = Path.ChangeExtension(path, null);
        var files = new[] { path, stem + ".projects.csv", stem + ".indicators.csv" };
        var tables = Tables(parcels, projects, indicators, withWkt: true);
        for (var i = 0; i < files.Length; i++)
        {
            using var file = File.Create(files[i]);
            Wait(tables[i].WriteCsvAsync(file));
        }
        return new ExportResult(parcels.Count, files, []);
    }

    public static ExportResult WriteXlsx(IReadOnlyList<ParcelRecord> parcels, IReadOnlyList<ProjectStageEvent> projects, IReadOnlyList<IndicatorRow> indicators, string path)
    {
        using (var file = File.Create(path)) Wait(SheetXlsxWriter.WriteAsync(Tables(parcels, projects, indicators, withWkt: false), file));
        return new ExportResult(parcels.Count, [path], []);
    }

    // The CSV carries the outline as WKT; the workbook, read by people, does not.
    private static SheetTable[] Tables(IReadOnlyList<ParcelRecord> parcels, IReadOnlyList<ProjectStageEvent> projects, IReadOnlyList<IndicatorRow> indicators, bool withWkt) =>
    [
        Table("parcels", withWkt ? [.. ParcelColumns.Names, "wkt"] : ParcelColumns.Names,
            parcels.Select(p => withWkt ? ParcelColumns.Values(p).Append(p.Geometry?.AsText()).ToArray() : ParcelColumns.Values(p))),
        Table("projects", ProjectColumns, projects.Select(ProjectValues)),
        Table("indicators", IndicatorColumns, indicators.Select(IndicatorValues)),
    ];

    private static SheetTable Table(string name, IReadOnlyList<string> header, IEnumerable<object?[]> rows) =>
        new(name, header.Select(h => new SheetColumn(h, Math.Max(10, h.Length + 2))).ToList(), Async(rows), []);

    private static async IAsyncEnumerable<object?[]> Async(IEnumerable<object?[]> rows)
    {
        foreach (var row in rows) yield return row;
        await Task.CompletedTask;
    }

    // The CLI export is synchronous and has no synchronization context: waiting on the writer cannot deadlock.
    private static void Wait(Task task) => task.GetAwaiter().GetResult();

    private static object?[] ProjectValues(ProjectStageEvent e) =>
        [e.ProjectId, e.Name, e.Phase, e.ReportId, e.FileName, e.PlanYear, e.Stage, e.StageText, e.Target, e.InvestmentYi, e.InvestmentText, e.SourceLine];

    private static object?[] IndicatorValues(IndicatorRow i) =>
        [i.ReportId, i.FileName, i.Name, i.Unit, i.Category, i.Year, i.Kind, i.Text, i.Value, i.Measure];
}
