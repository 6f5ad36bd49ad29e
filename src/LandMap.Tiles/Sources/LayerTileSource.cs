using System.Globalization;
using System.Text.Json;
using LandMap.Core.Layers;
using LandMap.Data;
using LandMap.Data.Layers;
using LandMap.Tiles.Vector;
using NetTopologySuite.Features;

namespace LandMap.Tiles.Sources;

/// <summary>
/// One imported layer of a store (三调, 永久基本农田, 三区三线 …) as vector tiles, built on request like the parcels: one MVT
/// layer named after the layer, each feature carrying every field as imported (nulls left out: MVT has none). For each
/// tile the store is asked for the features meeting the tile's clip box whose area can reach the zoom's pixel
/// (<see cref="ParcelTileSource.AreaFloorMu"/>), the largest first, at most <see cref="MaxFeatures"/>
/// (<see cref="OverviewMaxFeatures"/> at zoom ≤ <see cref="ParcelTileSource.OverviewMaxZoom"/>); <see cref="MvtEncoder"/>
/// simplifies them to the tile's pixel and drops what is still under one. The id is <c>layer-{name}</c>, which no fixed
/// source (<c>basemap</c>, <c>parcels</c>) can take. The version is the store's change counter, which an import,
/// replacement or removal of any layer moves. Stateless: every tile reads the store; thread-safe as the store is.
/// </summary>
public sealed class LayerTileSource : ITileSource
{
    /// <summary>What every layer's source id starts with.</summary>
    public const string IdPrefix = "layer-";

    /// <summary>The most features one tile holds, the largest kept (the byte cap of the encoder still applies).</summary>
    public const int MaxFeatures = 10_000;

    /// <summary>The most features an overview tile holds: a 三调 z12 tile may meet tens of thousands of 图斑.</summary>
    public const int OverviewMaxFeatures = 4_000;

    private const double SquareMetresPerMu = 10_000.0 / 15;

    private readonly ILayerStore _layers;
    private readonly IParcelStore _store;
    private readonly string _name;
    private readonly MvtEncoder _encoder;

    /// <summary>A source over layer <paramref name="layer"/> of <paramref name="store"/>.</summary>
    public LayerTileSource(IParcelStore store, StoredLayer layer, MvtEncoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(layer);
        _store = store;
        _layers = ILayerStore.Of(store);
        _name = layer.Name;
        _encoder = new MvtEncoder(options ?? MvtEncoderOptions.Default);
        Id = IdOf(layer.Name);
        Kind = layer.Kind;
        TileJson = TileJsonOf(layer);
    }

    /// <summary>The layer's kind: who may see it depends on it (a cadastre names owners).</summary>
    public Core.Layers.LayerKind Kind { get; }

    /// <summary>The source id of layer <paramref name="name"/>: <c>layer-</c> and the name as imported (escaped in URLs).</summary>
    public static string IdOf(string name) => IdPrefix + name;

    /// <inheritdoc />
    public string Id { get; }

    /// <inheritdoc />
    public TileJson TileJson { get; }

    /// <inheritdoc />
    public async Task<string?> GetVersionAsync(CancellationToken ct) =>
        (await _store.GetChangeSeqAsync(ct).ConfigureAwait(false)).ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public async Task<TileResult> GetTileAsync(TileAddress tile, CancellationToken ct)
    {
        var version = await GetVersionAsync(ct).ConfigureAwait(false);
        if (!TileJson.CoversZoom(tile.Z)) return TileResult.Empty(version);
        var floorM2 = (ParcelTileSource.AreaFloorMu(tile, _encoder.Options.MinPolygonAreaPixels) ?? 0) * SquareMetresPerMu;
        var limit = tile.Z <= ParcelTileSource.OverviewMaxZoom ? OverviewMaxFeatures : MaxFeatures;
        var features = await _layers.QueryLayerTileFeaturesAsync(_name, MvtEncoder.ClipEnvelope(tile, _encoder.Options), floorM2, limit, ct)
            .ConfigureAwait(false);
        // A layer removed since the list was read has no tiles.
        if (features is null || features.Count == 0) return TileResult.Empty(version);
        ct.ThrowIfCancellationRequested();
        var result = _encoder.EncodeTile(tile, [new TileLayer(_name, features.Select(f => (IFeature)new JsonAttributesFeature(f.Geometry, f.AttributesJson)).ToList())]);
        return result.IsEmpty ? TileResult.Empty(version) : new TileResult(result.Bytes, false, version);
    }

    private static TileJson TileJsonOf(StoredLayer layer) => new()
    {
        Name = layer.Name,
        Description = $"{layer.Kind.ChineseName()}（{layer.Kind.Name()}），{layer.FeatureCount} 个要素，来源 {layer.SourceFile}（{layer.SourceCrs}），" +
            "WGS 84 经纬度存储，Web Mercator 瓦片",
        Attribution = $"{layer.ImportedBy} 于 {layer.ImportedAt:yyyy-MM-dd} 导入",
        Bounds = layer.Extent is { } e ? [e.MinX, e.MinY, e.MaxX, e.MaxY] : null,
        MinZoom = 0,
        MaxZoom = TileAddress.MaxZoom,
        VectorLayers =
        [
            new TileJsonVectorLayer
            {
                Id = layer.Name,
                Description = "One feature per imported feature, with every field as imported (null values left out).",
                Fields = layer.Fields.ToDictionary(f => f.Name, f => FieldDescription(f), StringComparer.Ordinal),
            },
        ],
    };

    /// <summary>The TileJSON type word of a field, with its Chinese label when the kind knows it: <c>String: 地类编码</c>.</summary>
    private static string FieldDescription(LayerField field)
    {
        var type = field.Type switch { "integer" or "real" => "Number", "boolean" => "Boolean", _ => "String" };
        return field.Label is { } label ? $"{type}: {label}" : type;
    }
}
