namespace LandMap.Data.Export;

/// <summary>
/// Writes the current parcels of a store (optionally one plan year and district) to a file other GIS tools open:
/// GeoJSON, GeoPackage and Shapefile carry geometries in WGS 84 (EPSG:4326); CSV and XLSX carry the tables of
/// entries, projects and indicators.
/// </summary>
public static class ParcelExporter
{
    /// <summary>Parses a <c>--format</c> value (geojson, gpkg, shp, csv, xlsx).</summary>
    public static ExportFormat? ParseFormat(string text) => text.ToLowerInvariant() switch
    {
        "geojson" => ExportFormat.GeoJson,
        "gpkg" => ExportFormat.GeoPackage,
        "shp" => ExportFormat.Shapefile,
        "csv" => ExportFormat.Csv,
        "xlsx" => ExportFormat.Xlsx,
        _ => null,
    };

    /// <summary>Exports to <paramref name="outPath"/>, replacing it.</summary>
    public static async Task<ExportResult> ExportAsync(IParcelStore store, ExportFormat format, string outPath, int? planYear = null, string? district = null,
        CancellationToken cancellationToken = default)
    {
        var parcels = await store.QueryAllParcelsAsync(new ParcelQuery { PlanYear = planYear, District = district }, cancellationToken);
        var folder = Path.GetDirectoryName(Path.GetFullPath(outPath));
        if (folder is not null) Directory.CreateDirectory(folder);
        switch (format)
        {
            case ExportFormat.GeoJson: return GeoJsonExport.Write(parcels, outPath);
            case ExportFormat.GeoPackage: return GeoPackageExport.Write(parcels, outPath);
            case ExportFormat.Shapefile: return ShapefileExport.Write(parcels, outPath);
        }
        var reports = (await store.ListReportsAsync(cancellationToken)).Where(r => r.SupersededBy is null
            && (planYear is null || r.PlanYear == planYear) && (district is null || r.District == district)).Select(r => r.Id).ToHashSet();
        var projects = (await store.ListProjectEventsAsync(null, cancellationToken)).Where(p => reports.Contains(p.ReportId)).ToList();
        var indicators = (await store.ListIndicatorsAsync(null, cancellationToken)).Where(i => reports.Contains(i.ReportId)).ToList();
        return format == ExportFormat.Csv
            ? TableExport.WriteCsv(parcels, projects, indicators, outPath)
            : TableExport.WriteXlsx(parcels, projects, indicators, outPath);
    }
}
