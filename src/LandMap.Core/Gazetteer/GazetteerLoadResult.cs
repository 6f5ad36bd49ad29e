namespace LandMap.Core.Gazetteer;

/// <summary>What is wrong with a gazetteer file or feature.</summary>
public enum GazetteerProblemCode
{
    /// <summary>The file or directory cannot be read, or the directory holds no *.geojson.</summary>
    ReadFailed,
    /// <summary>The file exceeds <see cref="GazetteerLoadOptions.MaxFileBytes"/>.</summary>
    FileTooLarge,
    /// <summary>Not UTF-8 JSON, or nested deeper than System.Text.Json's default 64 levels.</summary>
    InvalidJson,
    /// <summary>The root is not a FeatureCollection with a features array.</summary>
    NotFeatureCollection,
    /// <summary>An element of features is not a Feature object.</summary>
    NotFeature,
    /// <summary>A required member (properties, name, kind) is missing or empty.</summary>
    MissingField,
    /// <summary>A member has the wrong JSON type (aliases not an array of strings, precisionM not a positive number...).</summary>
    WrongType,
    /// <summary>kind is not one of the <see cref="PlaceKind"/> names.</summary>
    UnknownKind,
    /// <summary>A coordinate is NaN or infinite (also written as bare NaN, as Python's json module does).</summary>
    NonFiniteCoordinate,
    /// <summary>A longitude outside [-180, 180] or latitude outside [-90, 90]: not WGS 84 degrees.</summary>
    CoordinateOutOfRange,
    /// <summary>The geometry is null or empty.</summary>
    EmptyGeometry,
    /// <summary>The geometry cannot be read or is not valid (NTS IsValidOp).</summary>
    InvalidGeometry,
    /// <summary>The feature has more than <see cref="GazetteerLoadOptions.MaxVerticesPerFeature"/> vertices.</summary>
    TooManyVertices,
    /// <summary>Two features of one file share name, kind and district.</summary>
    DuplicateFeature,
}

/// <summary>One problem, with its place: file, feature index (0-based) and field.</summary>
/// <param name="Code">What is wrong.</param>
/// <param name="File">The file name as given (without folder for directory loads).</param>
/// <param name="FeatureIndex">0-based index in <c>features</c>; null for file-level problems.</param>
/// <param name="Field">The member path (<c>properties.kind</c>, <c>geometry.coordinates[0][3]</c>); null when none.</param>
/// <param name="Message">What is wrong and what to do.</param>
public sealed record GazetteerProblem(GazetteerProblemCode Code, string File, int? FeatureIndex, string? Field, string Message)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var where = FeatureIndex is { } i ? $"{File}: feature {i}" : File;
        return Field is null ? $"{where}: {Message}" : $"{where}, {Field}: {Message}";
    }
}

/// <summary>A feature of an earlier file replaced by one of a later file with the same name, kind and district.</summary>
/// <param name="Replaced">The earlier feature.</param>
/// <param name="By">The later feature that is kept.</param>
public sealed record GazetteerOverride(GazetteerFeature Replaced, GazetteerFeature By);

/// <summary>Limits for <see cref="GazetteerLoader"/>.</summary>
public sealed record GazetteerLoadOptions
{
    /// <summary>Vertices allowed in one feature: NTS validity checks take ~0.6 s at 100k, ~28 s at 1M.</summary>
    public int MaxVerticesPerFeature { get; init; } = 100_000;

    /// <summary>Problems listed before the rest are only counted.</summary>
    public int MaxProblems { get; init; } = 20;

    /// <summary>Largest file read, in bytes.</summary>
    public long MaxFileBytes { get; init; } = 256L * 1024 * 1024;
}

/// <summary>
/// The outcome of a load: all features, or none and the problems. A file with one bad feature loads
/// nothing, and a directory with one bad file loads nothing, so a gazetteer is never half-loaded.
/// </summary>
public sealed record GazetteerLoadResult
{
    /// <summary>The features, after overrides; empty when <see cref="IsSuccess"/> is false.</summary>
    public IReadOnlyList<GazetteerFeature> Features { get; init; } = [];

    /// <summary>Up to <see cref="GazetteerLoadOptions.MaxProblems"/> problems.</summary>
    public IReadOnlyList<GazetteerProblem> Problems { get; init; } = [];

    /// <summary>Problems found beyond those listed.</summary>
    public int OmittedProblems { get; init; }

    /// <summary>Features replaced by later files, for the log.</summary>
    public IReadOnlyList<GazetteerOverride> Overrides { get; init; } = [];

    /// <summary>The files read, in load order.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>True when nothing is wrong.</summary>
    public bool IsSuccess => Problems.Count == 0;

    /// <summary>The problems as lines for a log or a console, with the count of omitted ones.</summary>
    public override string ToString() =>
        IsSuccess
            ? $"{Features.Count} features from {Files.Count} file(s), {Overrides.Count} override(s)"
            : string.Join(Environment.NewLine, Problems) + (OmittedProblems > 0 ? $"{Environment.NewLine}… and {OmittedProblems} more problems" : "");
}

/// <summary>Collects problems up to a cap and counts the rest.</summary>
internal sealed class ProblemList(int max)
{
    private readonly List<GazetteerProblem> _problems = [];

    public IReadOnlyList<GazetteerProblem> Items => _problems;

    public int Omitted { get; private set; }

    public int Count => _problems.Count + Omitted;

    public void Add(GazetteerProblemCode code, string file, int? feature, string? field, string message)
    {
        if (_problems.Count < max)
        {
            _problems.Add(new GazetteerProblem(code, file, feature, field, message));
        }
        else
        {
            Omitted++;
        }
    }
}
