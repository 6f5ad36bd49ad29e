using System.Buffers.Binary;
using System.Text;
using LandMap.Core.Crs;
using LandMap.Core.Gazetteer.Import;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri;
using NetTopologySuite.IO.Esri.Dbf;
using NetTopologySuite.IO.Esri.Shapefiles.Readers;

namespace LandMap.Core.Layers.Sources;

/// <summary>
/// Streams an Esri Shapefile (.shp with .dbf, .prj, .cpg beside it, any letter case) record by record from disk. The
/// .shp is first scanned against its own length (<see cref="ShpScan"/>) so a truncated or forged file fails before a
/// single feature is stored and never makes the reader allocate from its counts. Attribute encoding, in order: the .cpg;
/// <see cref="LayerReadOptions.Encoding"/>; UTF-8 when the first MiB of records holds non-ASCII bytes that all decode as
/// UTF-8; else GBK (decoded as GB18030, its superset), which ArcGIS on Chinese Windows writes without a .cpg.
/// </summary>
internal sealed class ShapefileLayerSource : ILayerSource
{
    private const int SniffBytes = 1 << 20;
    private readonly string _shp;
    private readonly string _dbf;
    private readonly System.Text.Encoding _encoding;
    private readonly LayerReadOptions _options;

    private ShapefileLayerSource(string where, string shp, string dbf, System.Text.Encoding encoding, string encodingName, SourceCrs? crs,
        LayerReadOptions options)
    {
        (Where, _shp, _dbf, _encoding, Encoding, DeclaredCrs, _options) = (where, shp, dbf, encoding, encodingName, crs, options);
        using var reader = Open();
        Fields = [.. reader.Fields.Select(f => new LayerField(f.Name, TypeOf(f.FieldType, f.NumericScale)))];
        var box = reader.BoundingBox;
        DeclaredExtent = box is null || box.IsNull ? null : new Envelope(box);
        Count = reader.RecordCount;
    }

    public string Format => "shapefile";

    public string Where { get; }

    public SourceCrs? DeclaredCrs { get; }

    public IReadOnlyList<LayerField> Fields { get; }

    public string? Encoding { get; }

    public Envelope? DeclaredExtent { get; }

    public long? Count { get; }

    /// <summary>Opens <paramref name="shp"/> (already on disk, possibly extracted from a zip), or records why not.</summary>
    public static ShapefileLayerSource? Open(string shp, string where, LayerReadOptions options, ImportProblems problems)
    {
        var dbf = SourceFiles.Sibling(shp, ".dbf");
        if (dbf is null)
        {
            problems.FileProblem(ImportProblemCode.MissingPart, where, "The .dbf beside the .shp is missing; it holds the attributes. Copy all the Shapefile's files.");
            return null;
        }
        if (ShpScan.Check(shp, options.MaxVerticesPerFeature) is { } bad)
        {
            problems.Add(bad.Code, where, bad.Record, null, null, bad.Message);
            return null;
        }
        var prj = SourceFiles.Sibling(shp, ".prj") is { } prjPath ? File.ReadAllText(prjPath) : null;
        var cpg = SourceFiles.Sibling(shp, ".cpg") is { } cpgPath ? File.ReadAllText(cpgPath) : null;
        SourceCrs? crs = null;
        if (prj is not null)
        {
            var read = SourceCrs.FromWkt(prj);
            if (read.IsSuccess) crs = read.Value;
            else if (options.Crs is null)
            {
                problems.FileProblem(ImportProblemCode.UnsupportedCrs, where, $".prj: {read.Error!.Message} Or pass --crs.");
                return null;
            }
        }
        var (encoding, name, error) = ChooseEncoding(cpg, options.Encoding, dbf);
        if (encoding is null)
        {
            problems.FileProblem(ImportProblemCode.UnknownEncoding, where, error!);
            return null;
        }
        try
        {
            return new ShapefileLayerSource(where, shp, dbf, encoding, name, crs, options);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            problems.FileProblem(ImportProblemCode.ReadFailed, where, $"Cannot open the Shapefile: {e.Message}");
            return null;
        }
    }

    public IEnumerable<RawFeature> Read(CancellationToken cancellationToken)
    {
        using var reader = Open();
        var index = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            bool deleted;
            NetTopologySuite.Features.Feature feature;
            try
            {
                if (!reader.Read(out deleted, out feature)) yield break;
            }
            catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
            {
                // The reader's position is unknown after a failure: the rest of the file cannot be trusted.
                throw new LayerReadException(new ImportProblem(ImportProblemCode.ReadFailed, Where, index, null, null,
                    $"Cannot read the record ({e.Message}); the file is corrupt: export it again."));
            }
            if (!deleted)
            {
                var attributes = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var name in feature.Attributes.GetNames())
                    attributes[name] = feature.Attributes[name] is string s ? s.Trim() : feature.Attributes[name];
                yield return feature.Geometry is null || feature.Geometry.IsEmpty
                    ? new RawFeature(index, index.ToString(System.Globalization.CultureInfo.InvariantCulture), null, attributes)
                        { Problem = (ImportProblemCode.EmptyGeometry, "A null or unreadable shape; delete the record or draw it.") }
                    : new RawFeature(index, index.ToString(System.Globalization.CultureInfo.InvariantCulture), feature.Geometry, attributes);
            }
            index++;
        }
    }

    public void Dispose() { }

    private ShapefileReader Open() => Shapefile.OpenRead(
        new FileStream(_shp, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16),
        new FileStream(_dbf, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16),
        new ShapefileReaderOptions
        {
            Encoding = _encoding,
            Factory = NtsGeometryServices.Instance.CreateGeometryFactory(),
            // Invalid shapes come back empty or invalid; the pipeline counts the one and repairs the other.
            GeometryBuilderMode = GeometryBuilderMode.IgnoreInvalidShapes,
        });

    private static string TypeOf(DbfType type, int scale) => type switch
    {
        DbfType.Character => "string",
        DbfType.Numeric when scale == 0 => "integer",
        DbfType.Numeric or DbfType.Float => "real",
        DbfType.Date => "date",
        DbfType.Logical => "boolean",
        _ => "string",
    };

    /// <summary>The encoding rule of the class summary; the name says which step chose it.</summary>
    internal static (System.Text.Encoding? Encoding, string Name, string? Error) ChooseEncoding(string? cpg, string? given, string dbf)
    {
        if (cpg is not null && cpg.Trim().Trim('\uFEFF').Trim() is { Length: > 0 } declared)
        {
            var fromCpg = DbfEncoding.FromCpg(declared);
            // Decode UTF-8 leniently: a stray byte becomes U+FFFD in one value instead of failing the record.
            return fromCpg.Encoding is UTF8Encoding ? (new UTF8Encoding(false, false), fromCpg.Name, null) : fromCpg;
        }
        if (given is not null)
        {
            var fromOption = DbfEncoding.FromCpg(given.Trim());
            return fromOption.Encoding is null
                ? (null, given, $"--encoding '{given}' is not an encoding LandMap knows; pass UTF-8, GBK, GB18030 or a code page number such as 936.")
                : (fromOption.Encoding is UTF8Encoding ? new UTF8Encoding(false, false) : fromOption.Encoding, fromOption.Name.Replace(".cpg", "--encoding", StringComparison.Ordinal), null);
        }
        return LooksLikeUtf8(dbf)
            ? (new UTF8Encoding(false, false), "utf-8 (detected, no .cpg)", null)
            : (DbfEncoding.Gb18030(), "gbk (default without .cpg, read as gb18030)", null);
    }

    private static bool LooksLikeUtf8(string dbf)
    {
        using var stream = File.OpenRead(dbf);
        var header = new byte[32];
        if (stream.ReadAtLeast(header, 32, throwOnEndOfStream: false) < 32) return false;
        stream.Position = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(8));
        var sample = new byte[SniffBytes];
        var length = stream.ReadAtLeast(sample, SniffBytes, throwOnEndOfStream: false);
        var bytes = sample.AsSpan(0, length);
        // A sample cut inside a character: drop up to three trailing bytes of it.
        for (var cut = 0; cut < 4 && bytes.Length > 0 && !System.Text.Unicode.Utf8.IsValid(bytes); cut++) bytes = bytes[..^1];
        return bytes.ContainsAnyExceptInRange((byte)0, (byte)0x7F) && System.Text.Unicode.Utf8.IsValid(bytes);
    }
}
