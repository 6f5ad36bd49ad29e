using System.Globalization;
using System.Text.Json.Nodes;
using LandMap.Core.Filtering;
using LandMap.Core.Layers;
using LandMap.Data;
using LandMap.Data.Layers;
using LandMap.Server.Hosting;
using LandMap.Server.Parcels;
using LandMap.Server.Problems;
using LandMap.Tiles.Sources;
using NetTopologySuite.Geometries;

namespace LandMap.Server.Ogc;

/// <summary>
/// One imported layer (<c>landmap layer import</c>) as a collection: its features with every field as imported, filters
/// (parameters and CQL2) pushed down to SQL over the fields (<see cref="LayerFilterFields"/>), and its vector tiles (the
/// tile source of the same id). Feature ids are the store's ids: unique in the layer, new with each import (the kind's
/// key — BSM, JBNTTBBH, ZDDM — stays among the properties). A layer has no plan year, so <c>datetime</c> is refused.
/// </summary>
internal sealed class LayerCollection : IOgcCollection
{
    private readonly StoredLayer _layer;
    private readonly StoreAccess _access;

    public LayerCollection(StoredLayer layer, StoreAccess access)
    {
        _layer = layer;
        _access = access;
        Id = LayerTileSource.IdOf(layer.Name);
        var imported = DateTime.SpecifyKind(layer.ImportedAt, DateTimeKind.Utc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Description = $"{layer.Kind.ChineseName()}图层（{layer.Kind.Name()}），{layer.FeatureCount} 个要素；来源 {layer.SourceFile}（{layer.SourceCrs}），" +
            $"{imported} 由 {layer.ImportedBy} 导入；存储为 WGS 84（CRS84）。";
        Queryables =
        [
            .. layer.Fields.Where(LayerFilterFields.IsQueryable).DistinctBy(f => f.Name)
                .Select(f => OgcQueryable.Of(f.Name, LayerFilterFields.TypeOf(f), f.Label ?? layer.Kind.Label(f.Name) ?? f.Name)),
            OgcQueryable.Of(LayerFilterFields.Geometry, CqlType.Geometry, "图形（WGS 84）"),
        ];
    }

    public string Id { get; }

    public string Title => _layer.Name;

    public string Description { get; }

    public IReadOnlyList<OgcQueryable> Queryables { get; }

    // Imported layers are surfaces: cadastre, 三调 and 三区三线 polygons.
    public OgcVectorTiles? Tiles => new(Id, GeometryDimension: 2);

    public Task<(Envelope? Bbox, int? FirstYear, int? LastYear)> ExtentAsync(CancellationToken cancellationToken) =>
        Task.FromResult<(Envelope?, int?, int?)>((_layer.Extent, null, null));

    public async Task<OgcPage> ItemsAsync(OgcItemsQuery query, QueryErrors errors, CancellationToken cancellationToken)
    {
        if (query.YearFrom is not null || query.YearTo is not null)
            errors.Add("datetime", $"Collection '{OgcItemsQuery.Short(Id)}' has no time (a layer carries no plan year); leave datetime out.");
        if (errors.Any) return new OgcPage([], 0);
        var store = ILayerStore.Of(await _access.GetAsync(cancellationToken));
        try
        {
            var matched = await store.CountLayerFeaturesAsync(_layer.Name, query.Bbox, query.Filter, cancellationToken) ?? 0;
            var page = query.Offset >= matched ? []
                : await store.QueryLayerFeaturesAsync(_layer.Name, query.Bbox, query.Limit, query.Offset, query.Filter, cancellationToken) ?? [];
            // Replaced or removed since the catalog was read (whose version decided who may see it): as if removed, empty.
            if (!await UnchangedAsync(store, cancellationToken)) return new OgcPage([], 0);
            return new OgcPage(page.Select(f => ToFeature(f, query.Crs)).ToList(), matched);
        }
        catch (FilterTooBroadException e)
        {
            errors.Add("filter", e.Message);
            return new OgcPage([], 0);
        }
    }

    public async Task<JsonObject?> ItemAsync(string featureId, OgcCrs crs, CancellationToken cancellationToken)
    {
        if (!long.TryParse(featureId, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return null;
        var store = ILayerStore.Of(await _access.GetAsync(cancellationToken));
        var feature = await store.GetLayerFeatureAsync(_layer.Name, id, cancellationToken);
        return feature is not null && await UnchangedAsync(store, cancellationToken) ? ToFeature(feature, crs) : null;
    }

    // Whether the layer of this name is still the version the catalog listed. Read after the features: a version id is
    // never reused, so an unchanged id now means the features came from that version.
    private async Task<bool> UnchangedAsync(ILayerStore store, CancellationToken cancellationToken) =>
        (await store.ListLayersAsync(cancellationToken)).Any(l => l.Id == _layer.Id);

    private static JsonObject ToFeature(StoredLayerFeature feature, OgcCrs crs) => new()
    {
        ["type"] = "Feature",
        ["id"] = feature.Id,
        ["geometry"] = GeoJsonGeometry.ToNode(crs.FromCrs84(feature.Geometry)),
        ["properties"] = JsonNode.Parse(feature.AttributesJson) as JsonObject ?? [],
    };
}
