using LandMap.Data;
using LandMap.Tiles.Vector;
using NetTopologySuite.Features;

namespace LandMap.Tiles.Sources;

/// <summary>
/// The published parcels of a store as vector tiles, built on request: one MVT layer <c>parcels</c> whose feature ids
/// are the parcels' public ids. The store streams the parcels meeting the tile's clip box through its spatial index
/// (SQLite R*Tree, PostGIS GiST) and <see cref="MvtEncoder"/> encodes them; a PostGIS store can instead encode the tile in
/// the database (<see cref="IParcelTileEncoder"/>, <c>ST_AsMVT</c>) when asked to. Either way polygons under the zoom's
/// pixel are left out in SQL, and at most <see cref="MaxFeatures"/> parcels, the largest, are drawn — <see cref="OverviewMaxFeatures"/> in an
/// overview tile (zoom ≤ <see cref="OverviewMaxZoom"/>), whose largest parcels SQLite finds through its area R*Tree
/// instead of ranking every parcel of the box.
/// The source's version is the store's change counter; a tile's version is the <see cref="ParcelFingerprint"/> of the
/// parcels it selects, so every server on the store agrees on both, and a write changes only the tiles it touched.
/// Thread-safe (the store is).
/// </summary>
public sealed class ParcelTileSource : ITileSource
{
    /// <summary>The MVT layer name, also the source's default id.</summary>
    public const string LayerName = "parcels";

    /// <summary>
    /// The most parcels one tile holds, the largest kept: what a 500 KB tile can carry at about 50 bytes a parcel, and a
    /// bound on what a low-zoom tile over a dense city reads (a z10 tile may cover hundreds of thousands).
    /// </summary>
    public const int MaxFeatures = ParcelQuery.MaxLimit;

    /// <summary>The deepest zoom that is generalised as an overview (a z12 tile spans about 8 km here).</summary>
    public const int OverviewMaxZoom = 12;

    /// <summary>
    /// The most parcels an overview tile (zoom ≤ <see cref="OverviewMaxZoom"/>) holds, the largest: a z12 tile of a city
    /// core with 1,000 parcels is already a dense pattern at 256 px, and reading and encoding up to 10,000 was what made
    /// those tiles slow (docs/benchmarks.md: z10–z12 median 558 ms with 10,000, 85 ms with 2,000, 49–53 ms with 1,000).
    /// </summary>
    public const int OverviewMaxFeatures = 1_000;

    private const double MercatorWorldMetres = 40_075_016.685_578_49;
    private const double SquareMetresPerMu = 10_000.0 / 15;

    private readonly IParcelStore _store;
    private readonly int _maxFeatures;
    private readonly bool _encodeInDatabase;
    private readonly MvtEncoder _encoder;

    /// <summary>A source over a store's parcels.</summary>
    /// <param name="store">The store (its parcels, its change counter).</param>
    /// <param name="options">Generalisation and byte cap; <see cref="MvtEncoderOptions.Default"/> when null.</param>
    /// <param name="id">The source's id in URLs.</param>
    /// <param name="maxFeatures">The most parcels a tile holds (1 to <see cref="MaxFeatures"/>).</param>
    /// <param name="encodeInDatabase">
    /// Whether a store that can encode tiles itself (<see cref="IParcelTileEncoder"/>, PostGIS <c>ST_AsMVT</c>) does so. Off by
    /// default: its rows are read and <see cref="MvtEncoder"/> encodes them, as for SQLite, which is faster than <c>ST_AsMVT</c>
    /// at z14–z16 (docs/benchmarks.md, City scale, run 11) and makes the same tile on both stores.
    /// </param>
    public ParcelTileSource(IParcelStore store, MvtEncoderOptions? options = null, string id = LayerName, int maxFeatures = MaxFeatures,
        bool encodeInDatabase = false)
    {
        _encodeInDatabase = encodeInDatabase;
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFeatures, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxFeatures, MaxFeatures);
        _maxFeatures = maxFeatures;
        _store = store;
        _encoder = new MvtEncoder(options ?? MvtEncoderOptions.Default);
        Id = id;
    }

    /// <inheritdoc />
    public string Id { get; }

    /// <inheritdoc />
    public TileJson TileJson { get; } = new()
    {
        Name = "地块",
        Description = "用地保障重点项目地块（已发布，WGS 84 经纬度，Web Mercator 瓦片）",
        Attribution = "LandMap：由规划报告文字推算，非测绘成果",
        MinZoom = 0,
        MaxZoom = TileAddress.MaxZoom,
        VectorLayers =
        [
            new TileJsonVectorLayer
            {
                Id = LayerName,
                Description = "One feature per parcel; the feature id is the public parcel id.",
                Fields = new Dictionary<string, string>
                {
                    ["id"] = "Number: public parcel id (district code, plan year, seq)", ["name"] = "String", ["seq"] = "Number",
                    ["status"] = "String: located | approximate | reviewed", ["confidence"] = "Number: 0–1", ["planYear"] = "Number",
                    ["district"] = "String", ["landUse"] = "String: land-use code", ["reviewStatus"] = "String: candidate | reviewed | surveyed",
                    ["areaMu"] = "Number: stated area (亩)", ["areaMuComputed"] = "Number: area of the outline (亩)",
                    ["projectStage"] = "String: stage key of the key project on the parcel",
                },
            },
        ],
    };

    /// <inheritdoc />
    public async Task<string?> GetVersionAsync(CancellationToken ct) =>
        (await _store.GetChangeSeqAsync(ct).ConfigureAwait(false)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public async Task<string?> GetTileVersionAsync(TileAddress tile, CancellationToken ct) =>
        TileJson.CoversZoom(tile.Z) ? await _store.FingerprintParcelsAsync(Filter(tile), ct).ConfigureAwait(false) : ParcelFingerprint.Empty;

    /// <inheritdoc />
    public async Task<TileResult> GetTileAsync(TileAddress tile, CancellationToken ct)
    {
        if (!TileJson.CoversZoom(tile.Z)) return TileResult.Empty(ParcelFingerprint.Empty);
        var options = _encoder.Options;
        var filter = Filter(tile);
        if (_encodeInDatabase && _store is IParcelTileEncoder database)
        {
            var encoded = await database.EncodeParcelTileAsync(new ParcelTileRequest(tile.Z, tile.X, tile.Y, filter, LayerName,
                (int)Math.Round(options.BufferPixels * 16), options.MinPolygonAreaPixels, options.MaxBytes), ct).ConfigureAwait(false);
            return encoded.Mvt.Length == 0 ? TileResult.Empty(encoded.Fingerprint) : new TileResult(encoded.Mvt, false, encoded.Fingerprint);
        }

        var parcels = await _store.QueryParcelsAsync(filter, ct).ConfigureAwait(false);
        var version = ParcelFingerprint.Of(parcels);
        if (parcels.Count == 0) return TileResult.Empty(version);
        var bytes = _encoder.EncodeTile(tile, [new TileLayer(LayerName, parcels.Select(p => (IFeature)new ParcelTileFeature(p)).ToList())]).Bytes;
        return bytes.Length == 0 ? TileResult.Empty(version) : new TileResult(bytes, false, version);
    }

    /// <summary>
    /// The parcels a tile draws: published, placed, meeting its clip box, not under the zoom's pixel, and at most
    /// the source's limit of them (<see cref="MaxFeatures"/> at most), the largest; what a map reads of them.
    /// </summary>
    public ParcelQuery Filter(TileAddress tile) => new()
    {
        BoundingBox = MvtEncoder.ClipEnvelope(tile, _encoder.Options), ExcludeRejected = true, IncludeUnresolved = false,
        MapFieldsOnly = true, Sort = ParcelSort.OutlineAreaDescending,
        Limit = tile.Z <= OverviewMaxZoom ? Math.Min(_maxFeatures, OverviewMaxFeatures) : _maxFeatures,
        // An overview's box holds far more parcels than it draws: find the largest through the store's area index.
        LargestThroughAreaIndex = tile.Z <= OverviewMaxZoom,
        MinAreaMuComputed = AreaFloorMu(tile, _encoder.Options.MinPolygonAreaPixels),
    };

    /// <summary>
    /// The stored-area floor (亩) under which a polygon cannot reach <paramref name="minPixels"/> px² anywhere in the tile:
    /// a pixel's ground size at the tile's edge farthest from the equator (the smallest), halved, so the SQL filter only
    /// removes what the encoder would drop and the encoder's own test stays the one that decides. Null when it drops nothing.
    /// </summary>
    internal static double? AreaFloorMu(TileAddress tile, double minPixels)
    {
        if (minPixels <= 0) return null;
        var bounds = tile.Bounds;
        var farthest = Math.Min(89.0, Math.Max(Math.Abs(bounds.MinY), Math.Abs(bounds.MaxY)));
        var pixelMetres = MercatorWorldMetres / Math.Pow(2, tile.Z) / 256 * Math.Cos(farthest * Math.PI / 180);
        return minPixels * pixelMetres * pixelMetres / SquareMetresPerMu * 0.5;
    }
}
