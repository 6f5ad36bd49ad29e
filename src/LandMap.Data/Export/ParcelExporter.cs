using LandMap.Core.Crs;

namespace LandMap.Data.Export;

/// <summary>
/// Writes the current parcels of a store (optionally one plan year and district) to a file other GIS tools open:
/// GeoJSON, GeoPackage and Shapefile carry geometries in WGS 84 (EPSG:4326) or, when asked, in GCJ-02 or BD-09 for Chinese
/// web maps; CSV and XLSX carry the tables of entries, projects and indicators (the CSV's WKT in the same datum). GCJ-02
/// and BD-09 have no EPSG code: the files keep their WGS 84 label (.prj, srs 4326) and say the datum in words — a
/// <c>datum</c> property/column on every feature, the GeoPackage table's description and the export's notes.
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
        CancellationToken cancellationToken = default, OutputDatum datum = OutputDatum.Wgs84)
    {
        var parcels = await store.QueryAllParcelsAsync(new ParcelQuery { PlanYear = planYear, District = district }, cancellationToken);
        if (datum != OutputDatum.Wgs84) parcels = [.. parcels.Select(p => p with { Geometry = p.Geometry is { } g ? datum.FromWgs84(g) : null })];
        var folder = Path.GetDirectoryName(Path.GetFullPath(outPath));
        if (folder is not null) Directory.CreateDirectory(folder);
        switch (format)
        {
            case ExportFormat.GeoJson: return WithDatumNote(GeoJsonExport.Write(parcels, outPath, datum), datum);
            case ExportFormat.GeoPackage: return WithDatumNote(GeoPackageExport.Write(parcels, outPath, datum), datum);
            case ExportFormat.Shapefile: return WithDatumNote(ShapefileExport.Write(parcels, outPath, datum), datum);
        }
        var reports = (await store.ListReportsAsync(cancellationToken)).Where(r => r.SupersededBy is null
            && (planYear is null || r.PlanYear == planYear) && (district is null || r.District == district)).Select(r => r.Id).ToHashSet();
        var projects = (await store.ListProjectEventsAsync(null, cancellationToken)).Where(p => reports.Contains(p.ReportId)).ToList();
        var indicators = (await store.ListIndicatorsAsync(null, cancellationToken)).Where(i => reports.Contains(i.ReportId)).ToList();
        return format == ExportFormat.Csv
            ? WithDatumNote(TableExport.WriteCsv(parcels, projects, indicators, outPath), datum)
            : TableExport.WriteXlsx(parcels, projects, indicators, outPath);
    }

    private static ExportResult WithDatumNote(ExportResult result, OutputDatum datum) => datum == OutputDatum.Wgs84 ? result : result with
    {
        Notes = [.. result.Notes, $"coordinates are {datum.Name()} (for Chinese web maps), not WGS 84: {datum.Name()} has no EPSG code, so the file's CRS label (.prj, GeoPackage srs 4326) still says WGS 84; its datum property/column says {datum.Name()}"],
    };
}
