using System.Diagnostics;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using LandMap.Data.Export;
using LandMap.Data.Import;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Features;
using NetTopologySuite.IO.Converters;
using NetTopologySuite.IO.Esri;

namespace LandMap.Data.Tests;

/// <summary>One SQLite store with the five seed reports, shared by the export tests.</summary>
public sealed class SeededStoreFixture : IAsyncLifetime
{
    public IParcelStore Store { get; private set; } = null!;

    public string Folder { get; } = TestEnvironment.TempFolder();

    public async Task InitializeAsync()
    {
        Store = await ParcelStoreFactory.OpenAsync(Path.Combine(Folder, "seeded.db"));
        await new ReportImporter(Store, TestEnvironment.Gazetteer).ImportFilesAsync(TestEnvironment.SeedReports);
    }

    public async Task DisposeAsync() => await Store.DisposeAsync();
}

/// <summary>Each export format is written and opened again: by its own reader, and by GDAL's ogrinfo where present.</summary>
public sealed class ExportTests(SeededStoreFixture fixture) : IClassFixture<SeededStoreFixture>
{
    private const string ChineseName = "河南（平顶山）电子半导体产业园";

    private async Task<(string Path, ExportResult Result)> Export(ExportFormat format, string extension)
    {
        var path = Path.Combine(TestEnvironment.TempFolder(), "parcels." + extension);
        return (path, await ParcelExporter.ExportAsync(fixture.Store, format, path, 2023, "卫东区"));
    }

    [Fact]
    public async Task GeoJsonReadsBackWithGeoJson4Stj()
    {
        var (path, result) = await Export(ExportFormat.GeoJson, "geojson");
        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory());
        var collection = JsonSerializer.Deserialize<FeatureCollection>(await File.ReadAllTextAsync(path), options)!;
        Assert.Equal(25, collection.Count);
        Assert.Equal(25, result.Parcels);
        Assert.Contains(collection, f => (string)f.Attributes["name"] == ChineseName);
    }

    [Fact]
    public async Task ShapefileReadsBackWithChineseNamesAndWgs84()
    {
        var (path, _) = await Export(ExportFormat.Shapefile, "shp");
        Assert.Equal("UTF-8", await File.ReadAllTextAsync(Path.ChangeExtension(path, ".cpg")));
        Assert.Contains("WGS", await File.ReadAllTextAsync(Path.ChangeExtension(path, ".prj")), StringComparison.Ordinal);
        // Strict mode would stop at the first ring it deems invalid; GDAL reads them all, and so must this check.
        var features = Shapefile.ReadAllFeatures(path, new NetTopologySuite.IO.Esri.Shapefiles.Readers.ShapefileReaderOptions { GeometryBuilderMode = NetTopologySuite.IO.Esri.Shapefiles.Readers.GeometryBuilderMode.IgnoreInvalidShapes });
        var polygons = (await fixture.Store.QueryParcelsAsync(new ParcelQuery { PlanYear = 2023, District = "卫东区" }))
            .Count(p => p.Geometry is NetTopologySuite.Geometries.IPolygonal);
        Assert.Equal(polygons, features.Length);
        Assert.Contains(features, f => (string)f.Attributes["name"] == ChineseName);
    }

    [Fact]
    public async Task GeoPackageHasRequiredTablesAndSrs()
    {
        var (path, _) = await Export(ExportFormat.GeoPackage, "gpkg");
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        Assert.Equal(0x47504B47L, SqliteStoreTests.Scalar(connection, "PRAGMA application_id"));
        Assert.Equal(1L, SqliteStoreTests.Scalar(connection, "SELECT COUNT(*) FROM gpkg_spatial_ref_sys WHERE srs_id = 4326 AND organization = 'EPSG'"));
        Assert.Equal("features", SqliteStoreTests.Scalar(connection, "SELECT data_type FROM gpkg_contents WHERE table_name = 'parcels'"));
        Assert.Equal(4326L, SqliteStoreTests.Scalar(connection, "SELECT srs_id FROM gpkg_geometry_columns WHERE table_name = 'parcels'"));
        Assert.Equal(25L, SqliteStoreTests.Scalar(connection, "SELECT COUNT(*) FROM parcels"));
        Assert.Equal(1L, SqliteStoreTests.Scalar(connection, $"SELECT COUNT(*) FROM parcels WHERE name = '{ChineseName}'"));
        // The land use read from the name travels with the parcel, for filtering in QGIS.
        Assert.Equal("industrial-park", SqliteStoreTests.Scalar(connection, $"SELECT land_use FROM parcels WHERE name = '{ChineseName}'"));
    }

    [Fact]
    public async Task CsvHasBomAndChinese()
    {
        var (path, result) = await Export(ExportFormat.Csv, "csv");
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = await File.ReadAllLinesAsync(path, Encoding.UTF8);
        Assert.Equal(26, lines.Length);
        Assert.Contains(lines, l => l.Contains(ChineseName, StringComparison.Ordinal));
        Assert.Equal(3, result.Files.Count);
        Assert.True(File.ReadAllLines(result.Files[1]).Length > 1, "projects table is empty");
        Assert.True(File.ReadAllLines(result.Files[2]).Length > 1, "indicators table is empty");
    }

    [Fact]
    public async Task XlsxHasThreeSheetsWithChinese()
    {
        var (path, _) = await Export(ExportFormat.Xlsx, "xlsx");
        using var document = SpreadsheetDocument.Open(path, false);
        var workbook = document.WorkbookPart!;
        Assert.Equal(["parcels", "projects", "indicators"],
            workbook.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value!));
        Assert.Contains(workbook.SharedStringTablePart!.SharedStringTable.Elements<DocumentFormat.OpenXml.Spreadsheet.SharedStringItem>(), s => s.InnerText == ChineseName);
    }

    [OgrFact]
    public async Task OgrinfoReadsEveryGisFormat()
    {
        foreach (var (format, extension, count) in new[] { (ExportFormat.GeoJson, "geojson", 25), (ExportFormat.GeoPackage, "gpkg", 25), (ExportFormat.Shapefile, "shp", -1), (ExportFormat.Xlsx, "xlsx", 25) })
        {
            var (path, result) = await Export(format, extension);
            var layer = format == ExportFormat.Xlsx ? "parcels" : null;
            var summary = Ogrinfo("-ro", "-so", "-al", path);
            Assert.Contains($"Feature Count: {(count < 0 ? result.Parcels : count)}", summary, StringComparison.Ordinal);
            if (format != ExportFormat.Xlsx)
                Assert.True(summary.Contains("WGS 84", StringComparison.Ordinal) && summary.Contains("4326", StringComparison.Ordinal), summary);
            var features = layer is null ? Ogrinfo("-ro", "-al", "-q", path) : Ogrinfo("-ro", "-al", "-q", path, layer);
            Assert.Contains($"name (String) = {ChineseName}", features, StringComparison.Ordinal);
            Assert.Contains("land_use (String) = industrial-park", features, StringComparison.Ordinal);
            Assert.Contains("use_name (String) = 产业园区", features, StringComparison.Ordinal);
        }
    }

    private static string Ogrinfo(params string[] args)
    {
        var tool = TestEnvironment.FindOnPath("ogrinfo") ?? throw new InvalidOperationException("ogrinfo is not on PATH: CI must install gdal-bin (.ci/setup.d/20-postgis.sh)");
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8 };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"ogrinfo {string.Join(' ', args)} failed: {error}");
        return output;
    }
}
