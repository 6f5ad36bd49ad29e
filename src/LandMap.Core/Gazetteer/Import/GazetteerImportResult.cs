namespace LandMap.Core.Gazetteer.Import;

/// <summary>
/// The outcome of an import: the features and what they did to the gazetteer, or the problems and nothing
/// written. <see cref="Replaced"/>, <see cref="Added"/> and <see cref="OutputPath"/> are set only after a
/// successful <see cref="GazetteerImporter.Import(string, IProgress{ImportProgress}, CancellationToken)"/>.
/// </summary>
public sealed record GazetteerImportResult
{
    /// <summary>The input file name.</summary>
    public required string File { get; init; }

    /// <summary>The format read (<c>shapefile</c>...); null when the extension is not supported.</summary>
    public string? Format { get; init; }

    /// <summary>The DBF text encoding used and how it was chosen, for Shapefiles.</summary>
    public string? Encoding { get; init; }

    /// <summary>The features in WGS 84, after merging; empty on failure.</summary>
    public IReadOnlyList<GazetteerFeature> Features { get; init; } = [];

    /// <summary>Named records read, per kind, before merging.</summary>
    public IReadOnlyDictionary<PlaceKind, int> ReadPerKind { get; init; } = new Dictionary<PlaceKind, int>();

    /// <summary>Records without a name, skipped (a gazetteer entry needs one).</summary>
    public int Unnamed { get; init; }

    /// <summary>Features of earlier gazetteer files (the sketch) that the import replaced.</summary>
    public IReadOnlyList<GazetteerOverride> Replaced { get; init; } = [];

    /// <summary>Imported features that replaced nothing.</summary>
    public IReadOnlyList<GazetteerFeature> Added { get; init; } = [];

    /// <summary>The GeoJSON file written into the gazetteer folder; null when nothing was written.</summary>
    public string? OutputPath { get; init; }

    /// <summary>Notes that did not stop the import.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Up to <see cref="GazetteerImportOptions.MaxProblems"/> problems.</summary>
    public IReadOnlyList<ImportProblem> Problems { get; init; } = [];

    /// <summary>Problems beyond those listed.</summary>
    public int OmittedProblems { get; init; }

    /// <summary>True when nothing is wrong.</summary>
    public bool IsSuccess => Problems.Count == 0;

    /// <summary>The problems as lines, with the count of omitted ones; or a one-line summary on success.</summary>
    public override string ToString() =>
        IsSuccess
            ? $"{File}: {Features.Count} feature(s), {Replaced.Count} replaced, {Added.Count} new"
            : string.Join(Environment.NewLine, Problems) + (OmittedProblems > 0 ? $"{Environment.NewLine}… and {OmittedProblems} more problems" : "");
}
