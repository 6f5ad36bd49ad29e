using LandMap.Core.Crs;
using LandMap.Core.Gazetteer.Import;
using NetTopologySuite.Geometries;

namespace LandMap.Core.Layers.Sources;

/// <summary>One record as a format reads it: geometry in the file's CRS, or why it could not be read.</summary>
internal sealed record RawFeature(int Index, string? Fid, Geometry? Geometry, IReadOnlyDictionary<string, object?> Attributes)
{
    public (ImportProblemCode Code, string Message)? Problem { get; init; }
}

/// <summary>An open layer file that yields its records one at a time. A format is one class behind this seam.</summary>
internal interface ILayerSource : IDisposable
{
    /// <summary><c>shapefile</c>, <c>geopackage</c>, <c>geojson</c>.</summary>
    string Format { get; }

    /// <summary>The file (and table or archive member) for messages and the store.</summary>
    string Where { get; }

    /// <summary>The CRS the file declares, or null; for GeoJSON known once the first feature is read.</summary>
    SourceCrs? DeclaredCrs { get; }

    /// <summary>The fields the file declares, in order (empty for GeoJSON).</summary>
    IReadOnlyList<LayerField> Fields { get; }

    /// <summary>The attribute encoding and how it was chosen (Shapefile only).</summary>
    string? Encoding { get; }

    /// <summary>The extent in the file's CRS when the file states it (Shapefile header, gpkg_contents).</summary>
    Envelope? DeclaredExtent { get; }

    /// <summary>The number of records when the file states it.</summary>
    long? Count { get; }

    /// <summary>
    /// The records in file order. A file that turns out unreadable midway throws <see cref="LayerReadException"/>:
    /// nothing read from it may be stored.
    /// </summary>
    IEnumerable<RawFeature> Read(CancellationToken cancellationToken);
}

/// <summary>A layer file that cannot be read to its end (truncated, corrupt): the import stops and stores nothing.</summary>
public sealed class LayerReadException(ImportProblem problem) : Exception(problem.ToString())
{
    /// <summary>What is wrong and where.</summary>
    public ImportProblem Problem { get; } = problem;
}
