using System.Collections.Concurrent;
using LandMap.Server.Hosting;
using LandMap.Tiles.Sources;
using LandMap.Tiles.Vector;
using Microsoft.Extensions.Options;

namespace LandMap.Server.Tiles;

/// <summary>
/// The tile sources the server publishes, by id: <c>basemap</c> (the MBTiles file) and <c>parcels</c> (the store's
/// published parcels) and one <c>layer-{name}</c> per imported layer. Tiles are cached under the source's version (a store's change
/// counter, which every server process reads) and keep their own version (for parcels a fingerprint of the rows drawn):
/// when a write anywhere moves the counter, a tile is rebuilt only if its fingerprint changed. The cache is bounded in
/// bytes (<see cref="ServerOptions.TileCacheMegabytes"/>) and emptied when full rather than tracking recency.
/// </summary>
internal sealed class TileCatalog(StoreAccess access, BasemapTiles basemap, IOptions<ServerOptions> options)
{
    private readonly ConcurrentDictionary<(string Source, TileAddress Tile), Entry> _cache = new();
    private ITileSource[]? _fixed;
    private SourceList? _sources;
    private long _bytes;

    /// <summary>
    /// Every source by id, in the order <c>GET /tiles</c> lists them: <c>basemap</c>, <c>parcels</c>, then the store's layers
    /// (<c>layer-{name}</c>) by name. The layers are listed again whenever the store's change counter has moved (an import or
    /// removal in any process), so the list is the store's, not this process's.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, ITileSource>> SourcesAsync(CancellationToken cancellationToken)
    {
        var store = await access.GetAsync(cancellationToken);
        var fixedSources = _fixed ??= [new MbTilesSource("basemap", basemap.File), StoreTileSources.Parcels(store)];
        var seq = await store.GetChangeSeqAsync(cancellationToken);
        if (_sources is { } known && known.Seq == seq) return known.Sources;
        var layers = await StoreTileSources.LayersAsync(store, ct: cancellationToken);
        var all = fixedSources.Concat(layers).ToDictionary(s => s.Id, StringComparer.Ordinal);
        _sources = new SourceList(seq, all);
        return all;
    }

    private sealed record SourceList(long Seq, IReadOnlyDictionary<string, ITileSource> Sources);

    /// <summary>
    /// The tile of <paramref name="source"/> at <paramref name="tile"/>: from the cache while the source's version stays at
    /// <paramref name="sourceVersion"/>; after it moved, still from the cache when the tile's own version did not (a write
    /// elsewhere); built otherwise.
    /// </summary>
    public async Task<CachedTile> GetAsync(ITileSource source, string? sourceVersion, TileAddress tile, CancellationToken cancellationToken)
    {
        var key = (source.Id, tile);
        if (sourceVersion is not null && _cache.TryGetValue(key, out var entry))
        {
            if (entry.SourceVersion == sourceVersion) return entry.Tile;
            if (entry.Tile.Result.Version is { } kept && await source.GetTileVersionAsync(tile, cancellationToken) == kept)
            {
                _cache[key] = entry with { SourceVersion = sourceVersion };
                return entry.Tile;
            }
        }
        var built = new CachedTile(await source.GetTileAsync(tile, cancellationToken));
        // A source without a version cannot be cached; the tile is filed under the source version read before it was built.
        var budget = options.Value.TileCacheMegabytes * 1024L * 1024;
        if (sourceVersion is null || budget <= 0) return built;
        // Both forms are kept (browsers take gzip, GDAL and tests the plain bytes), so both count.
        var size = built.Plain.Length + built.Gzip.Length;
        if (Interlocked.Add(ref _bytes, size) > budget)
        {
            _cache.Clear();
            Interlocked.Exchange(ref _bytes, size);
        }
        _cache[key] = new Entry(sourceVersion, built);
        return built;
    }

    private sealed record Entry(string SourceVersion, CachedTile Tile);
}

/// <summary>A tile as sources hand it over, with its gzip form made once, when first needed.</summary>
internal sealed class CachedTile(TileResult result)
{
    private byte[]? _gzip = result.IsGzip ? result.Data : null;
    private byte[]? _plain = result.IsGzip ? null : result.Data;

    public TileResult Result => result;

    public byte[] Gzip => _gzip ??= MvtEncoder.Gzip(result.Data);

    public byte[] Plain => _plain ??= result.Uncompressed();
}
