using NetTopologySuite.Geometries;

namespace LandMap.Core.Layers;

/// <summary>One feature of a bureau layer, ready to store.</summary>
/// <param name="Index">0-based position of the record in its file (or table), for messages.</param>
/// <param name="Key">The kind's id (DLTB BSM, YJJBNTTB JBNTTBBH, cadastre ZDDM), else <c>fid:N</c> from the source.</param>
/// <param name="Attributes">Every field as read, in the file's order: string, long, double, bool, DateTime, or null.</param>
/// <param name="Geometry">The geometry in WGS 84 (lon, lat; SRID 4326), repaired when it was invalid.</param>
/// <param name="AreaM2">Plane area in m² in the layer's CGCS2000 3° Gauss-Krüger zone (0 for points and lines).</param>
/// <param name="Repaired">True when GeometryFixer repaired an invalid source geometry.</param>
public sealed record LayerFeature(int Index, string Key, IReadOnlyDictionary<string, object?> Attributes, Geometry Geometry, double AreaM2, bool Repaired);

/// <summary>A field of a layer as the file declares it (or as its values show, for GeoJSON).</summary>
/// <param name="Name">The field name as in the file.</param>
/// <param name="Type"><c>string</c>, <c>integer</c>, <c>real</c>, <c>boolean</c>, <c>date</c>, or <c>json</c>.</param>
/// <param name="Label">The Chinese label when the layer's kind knows the field (DLMC → 地类名称), else null.</param>
public sealed record LayerField(string Name, string Type, string? Label = null);
