using LandMap.Core.Crs;
using NetTopologySuite.Geometries;

namespace LandMap.Core.Gazetteer.Import;

/// <summary>
/// Reads one file format into <see cref="SourceFeature"/>s in the file's own CRS. A new format is one new
/// class behind this seam; mapping, reprojection, checks, merging and writing are shared
/// (<see cref="GazetteerImporter"/>).
/// </summary>
public interface IGazetteerSource
{
    /// <summary>A short name of the format (<c>shapefile</c>, <c>geopackage</c>...).</summary>
    string Format { get; }

    /// <summary>
    /// The CRS assumed when the file declares none and no <see cref="GazetteerImportOptions.Crs"/> is given:
    /// WGS 84 for GeoJSON (RFC 7946) and OSM; null (an error) for formats where a missing CRS is a mistake.
    /// </summary>
    CrsDefinition? DefaultCrs => null;

    /// <summary>Reads every feature, or says why not; never throws for bad input.</summary>
    SourceReadResult Read(string path, GazetteerImportOptions options, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default);
}

/// <summary>One record as read, before mapping: geometry in the file's CRS and its attributes.</summary>
/// <param name="Where">File name, with layer or archive member (<c>data.gpkg/roads</c>), for messages.</param>
/// <param name="Index">0-based record index in that file or layer.</param>
/// <param name="Geometry">The geometry in <see cref="Crs"/> (or the import's CRS when that is null).</param>
/// <param name="Attributes">Attribute values: string, double, long, bool, a list of strings, or null.</param>
public sealed record SourceFeature(string Where, int Index, Geometry Geometry, IReadOnlyDictionary<string, object?> Attributes)
{
    /// <summary>The CRS the file declares for this record; null when it declares none.</summary>
    public CrsDefinition? Crs { get; init; }

    /// <summary>The format's own id (OSM <c>way/123</c>, GeoPackage fid, GeoJSON id).</summary>
    public string? Id { get; init; }

    /// <summary>The kind the format itself tells (OSM tags); options and attributes win over it.</summary>
    public PlaceKind? Kind { get; init; }

    /// <summary>Other names the format itself tells (OSM alt_name, old_name...).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>The road tags of each line part of <see cref="Geometry"/> (OSM ways); null when the format has none.</summary>
    public IReadOnlyList<RoadWay>? Ways { get; init; }
}

/// <summary>What a source read: features, or problems; and notes for the user.</summary>
public sealed record SourceReadResult
{
    /// <summary>The features; empty when there are problems.</summary>
    public IReadOnlyList<SourceFeature> Features { get; init; } = [];

    /// <summary>Up to <see cref="GazetteerImportOptions.MaxProblems"/> problems.</summary>
    public IReadOnlyList<ImportProblem> Problems { get; init; } = [];

    /// <summary>Problems beyond those listed.</summary>
    public int OmittedProblems { get; init; }

    /// <summary>Things the user should know that do not stop the import (skipped records, guessed encoding).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The text encoding used for attributes (Shapefile DBF), when the format has one to choose.</summary>
    public string? Encoding { get; init; }

    internal static SourceReadResult From(ImportProblems problems, List<SourceFeature> features, List<string> warnings, string? encoding = null) =>
        problems.Any
            ? new SourceReadResult { Problems = problems.Items, OmittedProblems = problems.Omitted, Warnings = warnings, Encoding = encoding }
            : new SourceReadResult { Features = features, Warnings = warnings, Encoding = encoding };
}

/// <summary>Picks the <see cref="IGazetteerSource"/> for a file by its extension.</summary>
public static class GazetteerSources
{
    /// <summary>The extensions read, for messages.</summary>
    public const string Supported = ".geojson/.json, .shp or .zip (Shapefile), .gpkg, .osm, .osm.pbf";

    /// <summary>The source for <paramref name="path"/>, or null when the extension is not supported.</summary>
    public static IGazetteerSource? For(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = Path.GetFileName(path).ToLowerInvariant();
        return Path.GetExtension(name) switch
        {
            ".geojson" or ".json" => new GeoJsonSource(),
            ".shp" or ".zip" => new ShapefileSource(),
            ".gpkg" => new GeoPackageSource(),
            ".osm" => new OsmSource(pbf: false),
            ".pbf" => new OsmSource(pbf: true),
            _ => null,
        };
    }

    /// <summary>The file name without format extensions: <c>roads.osm.pbf</c> → <c>roads</c>.</summary>
    public static string Stem(string path)
    {
        var name = Path.GetFileName(path);
        return name.EndsWith(".osm.pbf", StringComparison.OrdinalIgnoreCase) ? name[..^8] : Path.GetFileNameWithoutExtension(name);
    }
}
