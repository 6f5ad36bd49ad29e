using LandMap.Core.Crs;
using NetTopologySuite;
using NetTopologySuite.IO.Esri;
using NetTopologySuite.IO.Esri.Shapefiles.Readers;

namespace LandMap.Core.Gazetteer.Import;

/// <summary>
/// Reads an Esri Shapefile: a .shp with its .dbf, .prj and .cpg siblings (any letter case), or a .zip holding
/// one or more (checked by <see cref="ShapefileArchive"/> before anything is decompressed; <c>--layer</c> picks
/// one by stem). The CRS comes from the .prj (or <see cref="GazetteerImportOptions.Crs"/>; a file with neither
/// fails), the DBF encoding from <see cref="DbfEncoding"/>. The .shp is checked against its own length first
/// (<see cref="ShpLayout"/>), so a truncated or forged file cannot make the reader allocate from its counts.
/// </summary>
public sealed class ShapefileSource : IGazetteerSource
{
    /// <inheritdoc />
    public string Format => "shapefile";

    /// <inheritdoc />
    public SourceReadResult Read(string path, GazetteerImportOptions options, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var problems = new ImportProblems(options.MaxProblems);
        var features = new List<SourceFeature>();
        var warnings = new List<string>();
        var layers = path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)
            ? ShapefileArchive.Open(path, options, problems)
            : FromFolder(path, options, problems);
        var encodings = new List<string>();
        foreach (var layer in layers)
        {
            ReadLayer(layer, options, problems, features, encodings, progress, cancellationToken);
        }

        return SourceReadResult.From(problems, features, warnings, encodings.Count == 0 ? null : string.Join(", ", encodings.Distinct()));
    }

    private static List<ShapefileParts> FromFolder(string path, GazetteerImportOptions options, ImportProblems problems)
    {
        var label = Path.GetFileName(path);
        var shp = SourceFiles.ReadAll(path, label, options.MaxFileBytes, problems);
        var dbfPath = SourceFiles.Sibling(path, ".dbf");
        var dbf = dbfPath is null ? null : SourceFiles.ReadAll(dbfPath, Path.GetFileName(dbfPath), options.MaxFileBytes, problems);
        var prj = SourceFiles.Sibling(path, ".prj") is { } prjPath ? SourceFiles.ReadAll(prjPath, Path.GetFileName(prjPath), 64 * 1024, problems) : null;
        var cpg = SourceFiles.Sibling(path, ".cpg") is { } cpgPath ? SourceFiles.ReadAll(cpgPath, Path.GetFileName(cpgPath), 1024, problems) : null;
        return shp is null || problems.Any
            ? []
            : [new ShapefileParts(label, shp, dbf, Text(prj), Text(cpg))];
    }

    private static void ReadLayer(ShapefileParts layer, GazetteerImportOptions options, ImportProblems problems, List<SourceFeature> features,
        List<string> encodings, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var where = layer.Label;
        if (layer.Dbf is null)
        {
            problems.FileProblem(ImportProblemCode.MissingPart, where, "The .dbf beside the .shp is missing; it holds the names. Copy all the Shapefile's files.");
            return;
        }

        var crs = DeclaredCrs(layer, options, problems);
        var (encoding, encodingName, encodingError) = DbfEncoding.Resolve(layer.Cpg, layer.Dbf);
        if (encoding is null)
        {
            problems.FileProblem(ImportProblemCode.UnknownEncoding, where, encodingError!);
            return;
        }

        encodings.Add(encodingName);
        if (ShpLayout.Check(layer.Shp, options.MaxVerticesPerFeature) is { } layout)
        {
            problems.Add(layout.Code, where, layout.Record, null, null, layout.Message);
            return;
        }

        var readerOptions = new ShapefileReaderOptions
        {
            Encoding = encoding,
            Factory = NtsGeometryServices.Instance.CreateGeometryFactory(),
            GeometryBuilderMode = GeometryBuilderMode.Strict,
        };
        var index = 0;
        try
        {
            using var reader = Shapefile.OpenRead(new MemoryStream(layer.Shp, writable: false), new MemoryStream(layer.Dbf, writable: false), readerOptions);
            var total = reader.RecordCount;
            while (reader.Read(out var deleted, out var feature))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!deleted)
                {
                    if (feature.Geometry is null || feature.Geometry.IsEmpty)
                    {
                        problems.Add(ImportProblemCode.EmptyGeometry, where, index, null, null, "A null shape; delete the record or draw it.");
                    }
                    else
                    {
                        var attributes = feature.Attributes.GetNames().ToDictionary(n => n, n => Clean(feature.Attributes[n]), StringComparer.Ordinal);
                        features.Add(new SourceFeature(where, index, feature.Geometry, attributes) { Crs = crs });
                    }
                }

                if (++index % 1000 == 0)
                {
                    progress?.Report(new ImportProgress("reading", index, total));
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            // The reader signals corrupt records with many exception types (Argument, Format, EndOfStream...).
            problems.Add(ImportProblemCode.ReadFailed, where, index, null, null, $"Cannot read the record: {e.Message}");
        }
    }

    private static CrsDefinition? DeclaredCrs(ShapefileParts layer, GazetteerImportOptions options, ImportProblems problems)
    {
        if (layer.Prj is null)
        {
            if (options.Crs is null)
            {
                problems.FileProblem(ImportProblemCode.MissingCrs, layer.Label,
                    "There is no .prj, so the CRS is unknown; pass --crs EPSG:N (4547 for CGCS2000 GK CM 114E, 4526 with zone prefix 38).");
            }

            return null;
        }

        var crs = KnownCrs.FromWkt(layer.Prj);
        if (crs.IsSuccess)
        {
            return crs.Value;
        }

        if (options.Crs is null)
        {
            problems.FileProblem(ImportProblemCode.UnsupportedCrs, layer.Label, $".prj: {crs.Error!.Message}");
        }

        return null;
    }

    private static object? Clean(object? value) => value switch
    {
        string s => s.Trim(),
        _ => value,
    };

    private static string? Text(byte[]? bytes) => bytes is null ? null : System.Text.Encoding.UTF8.GetString(bytes);
}
