using LandMap.Core.Crs;
using LandMap.Core.Gazetteer.Import;
using LandMap.Core.Layers.Sources;

namespace LandMap.Core.Layers;

/// <summary>
/// Opens a bureau layer file for import: Esri Shapefile (<c>.shp</c>, or a <c>.zip</c> of one), GeoPackage (<c>.gpkg</c>,
/// one feature table), GeoJSON (<c>.geojson</c>/<c>.json</c>), or a File Geodatabase (<c>.gdb</c> folder, through ogr2ogr).
/// File-level problems (unknown format, no CRS, several tables, truncated .shp) come back at once, before any feature;
/// the features themselves stream from <see cref="LayerReading.Features"/>.
/// </summary>
public static class LayerReader
{
    /// <summary>The formats read, for messages.</summary>
    public const string Supported = ".shp or .zip (Shapefile), .gpkg, .geojson/.json, .gdb (File Geodatabase, needs GDAL's ogr2ogr)";

    /// <summary>Opens <paramref name="path"/>; dispose the result to remove temporary files (zip extraction, .gdb conversion).</summary>
    public static LayerReading Open(string path, LayerReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        var problems = new ImportProblems(options.MaxProblems);
        var trimmed = Path.TrimEndingDirectorySeparator(path);
        var file = Path.GetFileName(trimmed);
        var extension = Path.GetExtension(file).ToLowerInvariant();
        string? temp = null;
        ILayerSource? source = null;
        try
        {
            if (extension == ".gdb")
            {
                if (!Directory.Exists(trimmed)) problems.FileProblem(ImportProblemCode.ReadFailed, file, "The File Geodatabase folder does not exist.");
                else if (FileGdbConversion.ToGeoPackage(trimmed, temp = TempFolder(), options, problems) is { } gpkg)
                {
                    source = GeoPackageLayerSource.Open(gpkg, options with { Layer = null }, problems);
                }
            }
            else if (!File.Exists(path))
            {
                problems.FileProblem(ImportProblemCode.ReadFailed, file, "The file does not exist.");
            }
            else
            {
                source = extension switch
                {
                    ".shp" => ShapefileLayerSource.Open(path, file, options, problems),
                    ".zip" => LayerArchive.Extract(path, temp = TempFolder(), options, problems) is { } shp
                        ? ShapefileLayerSource.Open(shp.Shp, shp.Label, options, problems) : null,
                    ".gpkg" => GeoPackageLayerSource.Open(path, options, problems),
                    ".geojson" or ".json" => new GeoJsonLayerSource(path, options),
                    _ => null,
                };
                if (source is null && !problems.Any)
                    problems.FileProblem(ImportProblemCode.UnsupportedFormat, file, $"Cannot import this file type; LandMap reads {Supported}.");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.FileProblem(ImportProblemCode.ReadFailed, file, $"Cannot read the file: {e.Message}");
        }

        if (source is not null && !problems.Any && source.Format != "geojson" && source.DeclaredCrs is null && options.Crs is null)
            problems.FileProblem(ImportProblemCode.MissingCrs, source.Where,
                "The file declares no CRS (no .prj, or an undefined srs); pass --crs EPSG:N (4526 for CGCS2000 GK zone 38 with the 38 prefix, 4547 without).");
        if (problems.Any)
        {
            source?.Dispose();
            Delete(temp);
            return new LayerReading(problems, file);
        }
        return new LayerReading(source!, options, problems, () => Delete(temp));
    }

    private static string TempFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "landmap-layer-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static void Delete(string? folder)
    {
        if (folder is null) return;
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; the import's result does not depend on it.
        }
    }
}
