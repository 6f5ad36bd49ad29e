using LandMap.Tiles.Vector;

namespace LandMap.Tiles.Sources;

/// <summary>
/// A named set of vector tiles the server publishes (as martin's <c>Source</c>): an MBTiles file, a store's
/// parcels, a store's layer. One folder or file per backend; the server only sees this seam.
/// Implementations are safe to call from concurrent requests.
/// </summary>
public interface ITileSource
{
    /// <summary>The source's id in URLs (<c>/tiles/{id}/{z}/{x}/{y}.pbf</c>), e.g. <c>basemap</c>, <c>parcels</c>.</summary>
    string Id { get; }

    /// <summary>The source's TileJSON 3.0.0 without the tiles URL, which the server fills in with <see cref="TileJson.WithTiles"/>.</summary>
    TileJson TileJson { get; }

    /// <summary>The tile at <paramref name="tile"/>; <see cref="TileResult.IsEmpty"/> when the source holds nothing there.</summary>
    Task<TileResult> GetTileAsync(TileAddress tile, CancellationToken ct);

    /// <summary>
    /// The version its next tiles will carry (<see cref="TileResult.Version"/>), read without building a tile, so a server
    /// can answer from its cache or with 304; null when the source cannot tell.
    /// </summary>
    Task<string?> GetVersionAsync(CancellationToken ct) => Task.FromResult<string?>(null);
}

/// <summary>One tile as a source hands it over.</summary>
/// <param name="Data">The MVT bytes, compressed when <paramref name="IsGzip"/>; length 0 for an empty tile.</param>
/// <param name="IsGzip">True when <paramref name="Data"/> is gzip-compressed already (MBTiles stores it so).</param>
/// <param name="Version">
/// What the source knows of the tile's version (a store change counter, a file stamp), readable by every
/// process over the same store, so a server can use it in an ETag; null when the source cannot tell.
/// </param>
public sealed record TileResult(byte[] Data, bool IsGzip, string? Version = null)
{
    /// <summary>An empty tile (length 0), carrying the source's version when it knows one.</summary>
    public static TileResult Empty(string? version = null) => new([], false, version);

    /// <summary>The length of <see cref="Data"/> in bytes.</summary>
    public int Length => Data.Length;

    /// <summary>True when the tile holds nothing (length 0): the server answers 204.</summary>
    public bool IsEmpty => Data.Length == 0;

    /// <summary>The uncompressed MVT bytes, inflating them when they are gzip-compressed.</summary>
    public byte[] Uncompressed() => IsGzip ? MvtEncoder.Gunzip(Data) : Data;
}
