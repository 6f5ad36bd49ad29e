using LandMap.Core.Layers;
using NetTopologySuite.Geometries;

namespace LandMap.Data.Layers;

/// <summary>What a layer import is, apart from its features.</summary>
/// <param name="Name">The layer's unique name (replaces a layer of this name).</param>
/// <param name="Kind">The kind, which names the key field and labels fields.</param>
/// <param name="SourceFile">The file name imported (no folder), with the table or archive member when there is one.</param>
/// <param name="SourceCrs">The CRS as declared or given (<c>EPSG:4526</c>, <c>GCJ02</c>).</param>
/// <param name="AreaCrs">The plane areas are computed in: the CGCS2000 3° Gauss-Krüger zone of the layer (<c>EPSG:4547</c> in Pingdingshan).</param>
/// <param name="ImportedBy">Who imported it (the audit actor).</param>
public sealed record LayerImport(string Name, LayerKind Kind, string SourceFile, string SourceCrs, string AreaCrs, string ImportedBy)
{
    /// <summary>The fields as the file declares them, in order; fields seen only in values are added after them.</summary>
    public IReadOnlyList<LayerField> DeclaredFields { get; init; } = [];

    /// <summary>
    /// Asked once the features are read, for readers that choose the area plane from the first feature; its answer, when
    /// not null, replaces <see cref="AreaCrs"/>.
    /// </summary>
    public Func<string?>? AreaCrsOnceRead { get; init; }

    /// <summary>The attribute text encoding used (Shapefile DBF), when the format has one.</summary>
    public string? Encoding { get; init; }
}

/// <summary>What a layer import did.</summary>
/// <param name="LayerId">The id of the new version of the layer.</param>
/// <param name="Features">Features stored.</param>
/// <param name="Repaired">Of those, geometries repaired by GeometryFixer.</param>
/// <param name="Replaced">True when a layer of the same name was replaced.</param>
/// <param name="Added">Keys in the new version that the old one lacked (all of them on a first import).</param>
/// <param name="Removed">Keys of the old version gone from the new one.</param>
/// <param name="Changed">Keys in both whose attributes or geometry differ.</param>
/// <param name="Extent">The envelope of the features in WGS 84; null when there are none.</param>
public sealed record LayerImportResult(long LayerId, long Features, long Repaired, bool Replaced, long Added, long Removed, long Changed, Envelope? Extent);

/// <summary>A stored layer.</summary>
public sealed record StoredLayer(long Id, string Name, LayerKind Kind, string SourceFile, string SourceCrs, string AreaCrs, string? Encoding,
    IReadOnlyList<LayerField> Fields, long FeatureCount, long RepairedCount, Envelope? Extent, DateTime ImportedAt, string ImportedBy);

/// <summary>A stored feature of a layer.</summary>
/// <param name="Id">The store's id of the feature (changes with every import).</param>
/// <param name="Key">The kind's key (BSM, JBNTTBBH, ZDDM) or <c>fid:N</c>.</param>
/// <param name="AttributesJson">Every field as imported, a JSON object.</param>
/// <param name="Geometry">WGS 84.</param>
/// <param name="AreaM2">Plane area in the layer's GK zone.</param>
public sealed record StoredLayerFeature(long Id, string Key, string AttributesJson, Geometry Geometry, double AreaM2);
