namespace LandMap.Core.Gazetteer.Import;

/// <summary>What is wrong with an import; each code is an expected failure of the input, not a bug.</summary>
public enum ImportProblemCode
{
    /// <summary>The file extension is not one the importer reads.</summary>
    UnsupportedFormat,
    /// <summary>The file (or a sibling, or an archive entry) cannot be read, or is corrupt.</summary>
    ReadFailed,
    /// <summary>A file is over <see cref="GazetteerImportOptions.MaxFileBytes"/>.</summary>
    FileTooLarge,
    /// <summary>A zip is unsafe: too many entries, too large, an absurd compression ratio, or a path like <c>../x</c>.</summary>
    UnsafeArchive,
    /// <summary>A required sibling (.dbf) or archive member is missing.</summary>
    MissingPart,
    /// <summary>The .cpg names an encoding we do not know, or the text decodes neither as UTF-8 nor as GB18030.</summary>
    UnknownEncoding,
    /// <summary>No layer, several layers to choose from, or the named --layer is absent.</summary>
    LayerNotFound,
    /// <summary>The file declares no CRS and none was given (--crs EPSG:N).</summary>
    MissingCrs,
    /// <summary>The declared CRS cannot be read or is not one LandMap can transform.</summary>
    UnsupportedCrs,
    /// <summary>The coordinates do not fit the CRS (zone prefix mismatch, outside the CRS's domain).</summary>
    CrsMismatch,
    /// <summary>Xi'an 1980 / Beijing 1954 data without a caller-supplied datum shift.</summary>
    NeedsDatumShift,
    /// <summary>X and Y (or lon and lat) look swapped.</summary>
    SwappedXY,
    /// <summary>A coordinate is NaN or infinite.</summary>
    NonFiniteCoordinate,
    /// <summary>The result is not WGS 84 lon/lat in range.</summary>
    CoordinateOutOfRange,
    /// <summary>More vertices than <see cref="GazetteerImportOptions.MaxVerticesPerFeature"/>.</summary>
    TooManyVertices,
    /// <summary>GeometryCollections nested deeper than <see cref="GazetteerImportOptions.MaxNestingDepth"/>.</summary>
    NestingTooDeep,
    /// <summary>The geometry is null or empty.</summary>
    EmptyGeometry,
    /// <summary>The geometry cannot be read, is of an unsupported type, or is not valid (NTS IsValidOp).</summary>
    InvalidGeometry,
    /// <summary>A field named by an option is absent from the feature.</summary>
    UnknownField,
    /// <summary>No kind: neither --kind, --kind-field, a <c>kind</c> attribute nor the format gives one.</summary>
    MissingKind,
    /// <summary>A kind value that is not a <see cref="PlaceKind"/> (or a known Chinese term for one).</summary>
    UnknownKind,
    /// <summary>Features of one name, kind and district cannot be merged (a point and a line).</summary>
    MergeConflict,
    /// <summary>The import yields no named feature.</summary>
    NoFeatures,
    /// <summary>The gazetteer folder does not load with the new file; the file was removed again.</summary>
    GazetteerRejected,
    /// <summary>The output file cannot be written.</summary>
    WriteFailed,
}

/// <summary>One problem with its place: file (and layer), feature index, the format's own id, and field.</summary>
/// <param name="Code">What is wrong.</param>
/// <param name="File">The file name, with the layer or archive member after a slash (<c>roads.zip/roads.shp</c>).</param>
/// <param name="FeatureIndex">0-based record index in the file or layer; null for file-level problems.</param>
/// <param name="FeatureId">The format's id (OSM <c>way/123</c>, GeoPackage fid, GeoJSON id) when there is one.</param>
/// <param name="Field">The attribute or member concerned; null when none.</param>
/// <param name="Message">What is wrong and what to do.</param>
public sealed record ImportProblem(ImportProblemCode Code, string File, int? FeatureIndex, string? FeatureId, string? Field, string Message)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var where = File;
        if (FeatureIndex is { } i)
        {
            where += FeatureId is null ? $": feature {i}" : $": feature {i} ({FeatureId})";
        }

        return Field is null ? $"{where}: {Message}" : $"{where}, field {Field}: {Message}";
    }
}

/// <summary>Progress of a long import, for a progress bar.</summary>
/// <param name="Stage">What is being done (<c>reading</c>, <c>checking</c>, <c>writing</c>).</param>
/// <param name="Done">Units done (records or bytes).</param>
/// <param name="Total">Units in all, when known.</param>
public sealed record ImportProgress(string Stage, long Done, long? Total);

/// <summary>Collects problems up to a cap and counts the rest.</summary>
internal sealed class ImportProblems(int max)
{
    private readonly List<ImportProblem> _items = [];

    public IReadOnlyList<ImportProblem> Items => _items;

    public int Omitted { get; private set; }

    public int Count => _items.Count + Omitted;

    public bool Any => Count > 0;

    /// <summary>Records a problem; returns false so callers can <c>return problems.Add(...)</c>.</summary>
    public bool Add(ImportProblemCode code, string file, int? index, string? id, string? field, string message)
    {
        if (_items.Count < max)
        {
            _items.Add(new ImportProblem(code, file, index, id, field, message));
        }
        else
        {
            Omitted++;
        }

        return false;
    }

    public bool FileProblem(ImportProblemCode code, string file, string message) => Add(code, file, null, null, null, message);

    public void AddRange(IEnumerable<ImportProblem> problems, int omitted)
    {
        foreach (var p in problems)
        {
            Add(p.Code, p.File, p.FeatureIndex, p.FeatureId, p.Field, p.Message);
        }

        Omitted += omitted;
    }
}
