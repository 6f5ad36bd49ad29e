using LandMap.Tiles.Vector;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;

namespace LandMap.Tiles.Sources;

/// <summary>
/// Vector tiles built on request from a store that returns features by box (SQLite R*Tree, PostGIS GiST):
/// for each tile it asks the store for the features meeting the tile's clip box
/// (<see cref="MvtEncoder.ClipEnvelope(TileAddress, MvtEncoderOptions)"/>) and encodes them as one MVT layer
/// with <see cref="MvtEncoder"/> (generalised for the zoom, capped in bytes). Zooms outside the TileJSON's
/// <c>minzoom</c>–<c>maxzoom</c> are empty without asking the store, so a z2 request never reads a city.
/// The version, when given, is read before the features: a write that lands between the two leaves the
/// tile tagged with the older version, so a cache keyed by it refetches rather than keeps stale bytes.
/// Thread-safe when the delegates are.
/// </summary>
public sealed class FeatureTileSource : ITileSource
{
    private readonly Func<Envelope, int, CancellationToken, Task<IReadOnlyList<IFeature>>> _query;
    private readonly Func<CancellationToken, Task<string>>? _version;
    private readonly MvtEncoder _encoder;
    private readonly string _layerName;

    /// <summary>A source named <paramref name="id"/>.</summary>
    /// <param name="id">The source's id in URLs.</param>
    /// <param name="tileJson">Its metadata; <c>minzoom</c>/<c>maxzoom</c> bound the zooms served.</param>
    /// <param name="query">The features (WGS 84) meeting a WGS 84 box, for a zoom.</param>
    /// <param name="version">The store's version (e.g. a change counter) to tag tiles with; null when it has none.</param>
    /// <param name="options">Generalisation and byte cap; <see cref="MvtEncoderOptions.Default"/> when null.</param>
    /// <param name="layerName">The MVT layer name; the first <c>vector_layers</c> id of <paramref name="tileJson"/>, else <paramref name="id"/>.</param>
    public FeatureTileSource(
        string id,
        TileJson tileJson,
        Func<Envelope, int, CancellationToken, Task<IReadOnlyList<IFeature>>> query,
        Func<CancellationToken, Task<string>>? version = null,
        MvtEncoderOptions? options = null,
        string? layerName = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(tileJson);
        ArgumentNullException.ThrowIfNull(query);
        Id = id;
        TileJson = tileJson;
        _query = query;
        _version = version;
        _encoder = new MvtEncoder(options ?? MvtEncoderOptions.Default);
        _layerName = layerName ?? tileJson.VectorLayers.FirstOrDefault()?.Id ?? id;
    }

    /// <inheritdoc />
    public string Id { get; }

    /// <inheritdoc />
    public TileJson TileJson { get; }

    /// <inheritdoc />
    public async Task<string?> GetVersionAsync(CancellationToken ct) => _version is null ? null : await _version(ct).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<TileResult> GetTileAsync(TileAddress tile, CancellationToken ct)
    {
        var version = _version is null ? null : await _version(ct).ConfigureAwait(false);
        if (!TileJson.CoversZoom(tile.Z)) return TileResult.Empty(version);

        var features = await _query(MvtEncoder.ClipEnvelope(tile, _encoder.Options), tile.Z, ct).ConfigureAwait(false);
        if (features.Count == 0) return TileResult.Empty(version);

        ct.ThrowIfCancellationRequested();
        var result = _encoder.EncodeTile(tile, [new TileLayer(_layerName, features)]);
        return result.IsEmpty ? TileResult.Empty(version) : new TileResult(result.Bytes, false, version);
    }
}
