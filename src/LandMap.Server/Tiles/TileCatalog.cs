using System.Collections.Concurrent;
using LandMap.Server.Hosting;
using LandMap.Tiles.Sources;
using LandMap.Tiles.Vector;
using Microsoft.Extensions.Options;

namespace LandMap.Server.Tiles;

/// <summary>
/// The tile sources the server publishes, by id: <c>basemap</c> (the MBTiles file) and <c>parcels</c> (the store's
/// published parcels; the layers of a store join here). Tiles a source builds on request are cached under the source's
/// version, which for a store is its change counter that every server process reads, so a write anywhere moves every
/// server past its old tiles. The cache is emptied when full rather than tracking recency.
/// </summary>
internal sealed class TileCatalog(StoreAccess access, BasemapTiles basemap, IOptions<ServerOptions> options)
{
    private readonly ConcurrentDictionary<(string Source, string Version, TileAddress Tile), CachedTile> _cache = new();
    private IReadOnlyDictionary<string, ITileSource>? _sources;

    /// <summary>Every source by id, in the order <c>GET /tiles</c> lists them.</summary>
    public async Task<IReadOnlyDictionary<string, ITileSource>> SourcesAsync(CancellationToken cancellationToken)
    {
        if (_sources is { } sources) return sources;
        var store = await access.GetAsync(cancellationToken);
        ITileSource[] all = [new MbTilesSource("basemap", basemap.File), StoreTileSources.Parcels(store)];
        return _sources = all.ToDictionary(s => s.Id, StringComparer.Ordinal);
    }

    /// <summary>The tile of <paramref name="source"/> at <paramref name="tile"/>, from the cache when <paramref name="version"/> is cached.</summary>
    public async Task<CachedTile> GetAsync(ITileSource source, string? version, TileAddress tile, CancellationToken cancellationToken)
    {
        if (version is not null && _cache.TryGetValue((source.Id, version, tile), out var cached)) return cached;
        var result = await source.GetTileAsync(tile, cancellationToken);
        // A source without a version cannot be cached; the tile is filed under the version it was built at.
        if (result.Version is null || options.Value.TileCacheSize <= 0) return new CachedTile(result);
        if (_cache.Count >= options.Value.TileCacheSize) _cache.Clear();
        return _cache[(source.Id, result.Version, tile)] = new CachedTile(result);
    }
}

/// <summary>A tile as sources hand it over, with its gzip form made once, when a client first takes gzip.</summary>
internal sealed class CachedTile(TileResult result)
{
    private byte[]? _gzip = result.IsGzip ? result.Data : null;
    private byte[]? _plain = result.IsGzip ? null : result.Data;

    public TileResult Result => result;

    public byte[] Gzip => _gzip ??= MvtEncoder.Gzip(result.Data);

    public byte[] Plain => _plain ??= result.Uncompressed();
}
