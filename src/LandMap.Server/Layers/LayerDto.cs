using System.Text.Json.Nodes;
using LandMap.Core.Layers;
using LandMap.Data.Layers;
using LandMap.Server.Parcels;
using LandMap.Tiles.Sources;

namespace LandMap.Server.Layers;

/// <summary>
/// One imported layer as <c>GET /api/layers</c> lists it: name, kind (<c>land-survey</c>) and its Chinese name (三调), feature
/// count, extent (WGS 84: west, south, east, north), fields with their Chinese labels, the CRS the file declared (features are
/// stored in WGS 84), when and by whom it was imported, and its tile source id and TileJSON.
/// </summary>
public sealed record LayerDto(string Name, string Kind, string KindName, long FeatureCount, long RepairedCount, double[]? Extent,
    IReadOnlyList<LayerField> Fields, string SourceFile, string SourceCrs, string AreaCrs, DateTime ImportedAt, string ImportedBy,
    string TileSource, string TileJson, string Features)
{
    public static LayerDto From(StoredLayer layer)
    {
        var source = LayerTileSource.IdOf(layer.Name);
        var escapedName = Uri.EscapeDataString(layer.Name);
        return new LayerDto(layer.Name, layer.Kind.Name(), layer.Kind.ChineseName(), layer.FeatureCount, layer.RepairedCount,
            layer.Extent is { } e ? [e.MinX, e.MinY, e.MaxX, e.MaxY] : null,
            layer.Fields.Select(f => f with { Label = f.Label ?? layer.Kind.Label(f.Name) }).ToList(), layer.SourceFile, layer.SourceCrs,
            layer.AreaCrs, DateTime.SpecifyKind(layer.ImportedAt, DateTimeKind.Utc), layer.ImportedBy, source,
            $"/tiles/{Uri.EscapeDataString(source)}.json", $"/api/layers/{escapedName}/features");
    }
}

/// <summary>The body of <c>GET /api/layers</c>.</summary>
public sealed record LayerList(IReadOnlyList<LayerDto> Layers);

/// <summary>One feature of a layer: the feature's key (BSM, JBNTTBBH, ZDDM or <c>fid:N</c>) as id, every field as imported, and its area.</summary>
public sealed record LayerFeatureDto(string Id, JsonNode? Geometry, JsonObject Properties, double AreaM2)
{
    public string Type => "Feature";

    public static LayerFeatureDto From(StoredLayerFeature feature) =>
        new(feature.Key, GeoJsonGeometry.ToNode(feature.Geometry), JsonNode.Parse(feature.AttributesJson) as JsonObject ?? [], Math.Round(feature.AreaM2, 2));
}

/// <summary>One page of a layer's features, shaped as <c>/api/parcels</c>: RFC 7946 with numberMatched, numberReturned and links.</summary>
public sealed record LayerFeatureCollection(string Layer, IReadOnlyList<LayerFeatureDto> Features, long NumberMatched, int NumberReturned,
    IReadOnlyList<PageLink> Links)
{
    public string Type => "FeatureCollection";
}
