using LandMap.Data;
using LandMap.Tiles.Vector;
using NetTopologySuite.Features;

namespace LandMap.Tiles.Sources;

/// <summary>
/// The published parcels of a store as vector tiles, built on request: one MVT layer <c>parcels</c> whose feature ids
/// are the parcels' public ids. A PostGIS store encodes the tile in the database (<see cref="IParcelTileEncoder"/>,
/// <c>ST_AsMVT</c>); any other store streams the parcels meeting the tile's clip box through its spatial index
/// (SQLite R*Tree) and <see cref="MvtEncoder"/> encodes them. Either way polygons under the zoom's pixel are left out
/// in SQL, before they are read, so a low-zoom tile of a city reads the parcels it can show and not the rest.
/// The version is the store's change counter, read before the parcels, so every server on the store agrees on it.
/// Thread-safe (the store is).
/// </summary>
public sealed class ParcelTileSource : ITileSource
{
    /// <summary>The MVT layer name, also the source's default id.</summary>
    public const string LayerName = "parcels";

    private const double MercatorWorldMetres = 40_075_016.685_578_49;
    private const double SquareMetresPerMu = 10_000.0 / 15;

    private readonly IParcelStore _store;
    private readonly MvtEncoder _encoder;

    /// <summary>A source over <paramref name="store"/>; <paramref name="options"/> default to <see cref="MvtEncoderOptions.Default"/>.</summary>
    public ParcelTileSource(IParcelStore store, MvtEncoderOptions? options = null, string id = LayerName)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrEmpty(id);
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
    public async Task<TileResult> GetTileAsync(TileAddress tile, CancellationToken ct)
    {
        // Read before the parcels: a write landing between the two leaves the tile tagged older, so caches refetch it.
        var version = await GetVersionAsync(ct).ConfigureAwait(false);
        if (!TileJson.CoversZoom(tile.Z)) return TileResult.Empty(version);

        var options = _encoder.Options;
        var filter = new ParcelQuery
        {
            BoundingBox = MvtEncoder.ClipEnvelope(tile, options), ExcludeRejected = true, IncludeUnresolved = false,
            MapFieldsOnly = true, Sort = ParcelSort.None, MinAreaMuComputed = AreaFloorMu(tile, options.MinPolygonAreaPixels),
        };
        byte[] bytes;
        if (_store is IParcelTileEncoder database)
        {
            bytes = await database.EncodeParcelTileAsync(new ParcelTileRequest(tile.Z, tile.X, tile.Y, filter, LayerName,
                (int)Math.Round(options.BufferPixels * 16), options.MinPolygonAreaPixels, options.MaxBytes), ct).ConfigureAwait(false);
        }
        else
        {
            var features = new List<IFeature>();
            await foreach (var parcel in _store.StreamParcelsAsync(filter, ct).ConfigureAwait(false))
                features.Add(new Feature(parcel.Geometry, Attributes(parcel)));
            if (features.Count == 0) return TileResult.Empty(version);
            bytes = _encoder.EncodeTile(tile, [new TileLayer(LayerName, features)]).Bytes;
        }
        return bytes.Length == 0 ? TileResult.Empty(version) : new TileResult(bytes, false, version);
    }

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

    /// <summary>What the page styles and filters by; MVT has no null, so absent values are left out.</summary>
    private static AttributesTable Attributes(ParcelRecord p)
    {
        var attributes = new AttributesTable
        {
            { "id", p.PublicId }, { "name", p.Name }, { "seq", p.Seq }, { "status", p.Status }, { "confidence", Math.Round(p.Confidence, 3) },
            { "planYear", p.PlanYear ?? 0 }, { "district", p.District ?? "" }, { "landUse", p.LandUse }, { "reviewStatus", p.ReviewStatus },
        };
        if (p.AreaMu is { } area) attributes.Add("areaMu", area);
        if (p.AreaMuComputed is { } computed) attributes.Add("areaMuComputed", Math.Round(computed, 2));
        if (p.ProjectStage is { } stage) attributes.Add("projectStage", stage);
        return attributes;
    }
}
