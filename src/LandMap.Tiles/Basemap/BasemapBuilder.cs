using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using LandMap.Core.Gazetteer;
using LandMap.Tiles.MbTiles;
using LandMap.Tiles.Vector;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.Simplify;

namespace LandMap.Tiles.Basemap;

/// <summary>Zoom range and output of a basemap build.</summary>
/// <param name="MinZoom">First zoom built (default 10: the whole city).</param>
/// <param name="MaxZoom">Last zoom built (default 16: street level; the page over-zooms beyond).</param>
public sealed record BasemapOptions(int MinZoom = 10, int MaxZoom = 16)
{
    /// <summary>Zoom from which only the surroundings of roads, villages and landmarks are tiled, not the whole city.</summary>
    public int DetailZoom { get; init; } = 13;

    /// <summary>The problem with these options, or null when they are usable.</summary>
    public string? Validate() =>
        MinZoom < 0 || MaxZoom > TileAddress.MaxZoom || MinZoom > MaxZoom
            ? $"zoom range {MinZoom}–{MaxZoom} is not within 0–{TileAddress.MaxZoom} with min ≤ max"
            : null;
}

/// <summary>What a basemap build wrote.</summary>
/// <param name="Path">The MBTiles file.</param>
/// <param name="TileCount">Tiles written (empty tiles are not stored).</param>
/// <param name="Elapsed">Build time.</param>
public sealed record BasemapBuildResult(string Path, int TileCount, TimeSpan Elapsed);

/// <summary>
/// Builds the basemap MBTiles from a gazetteer: every tile of <see cref="BasemapOptions.MinZoom"/> to
/// <see cref="BasemapOptions.MaxZoom"/> over the gazetteer, with per-zoom detail from
/// <see cref="BasemapLayers"/> and per-zoom simplification from <see cref="MvtEncoder"/>. Below
/// <see cref="BasemapOptions.DetailZoom"/> the whole extent is tiled; from it on, only the extent of the
/// mapped roads and places (the district polygons alone would make 60,000 tiles of nothing at z16).
/// </summary>
public static class BasemapBuilder
{
    /// <summary>Builds <paramref name="path"/> from <paramref name="gazetteer"/>, replacing any file there.</summary>
    public static BasemapBuildResult Build(GazetteerIndex gazetteer, string path, BasemapOptions? options = null)
    {
        options ??= new BasemapOptions();
        if (options.Validate() is { } problem) throw new ArgumentException(problem, nameof(options));
        var started = System.Diagnostics.Stopwatch.StartNew();

        var index = new STRtree<(string Layer, int MinZoom, IFeature Feature)>();
        var all = new Envelope();
        var detail = new Envelope();
        foreach (var item in gazetteer.Features.SelectMany(BasemapLayers.Features))
        {
            index.Insert(item.Feature.Geometry.EnvelopeInternal, item);
            all.ExpandToInclude(item.Feature.Geometry.EnvelopeInternal);
            if (item.Layer is not "districts" && item.Feature.Attributes["kind"] is not "district") detail.ExpandToInclude(item.Feature.Geometry.EnvelopeInternal);
        }
        index.Build();
        detail.ExpandBy(0.02);

        using var writer = new MbTilesWriter(path);
        for (var z = options.MinZoom; z <= options.MaxZoom; z++)
        {
            var zoomed = new ZoomedFeatures(z);
            // Tiles are independent and encoding is the cost: encode on every core, write in order on this thread.
            var encoded = TileAddress.Covering(z < options.DetailZoom || detail.IsNull ? all : detail, z)
                .AsParallel().AsOrdered()
                .Select(tile => (Tile: tile, Mvt: EncodeTile(tile, index, zoomed)));
            foreach (var (tile, mvt) in encoded)
                if (mvt is { Length: > 0 }) writer.WriteTile(tile, mvt);
        }
        writer.Complete(Metadata(options, all, BasemapStamp.Of(gazetteer)));
        return new BasemapBuildResult(Path.GetFullPath(path), writer.TileCount, started.Elapsed);
    }

    private static byte[]? EncodeTile(TileAddress tile, STRtree<(string Layer, int MinZoom, IFeature Feature)> index, ZoomedFeatures zoomed)
    {
        var hits = index.Query(tile.Bounds).Where(h => h.MinZoom <= tile.Z).ToList();
        if (hits.Count == 0) return null;
        var clip = MvtEncoder.ClipEnvelope(tile);
        return MvtEncoder.Encode(tile, BasemapLayers.Names.Select(name =>
            new TileLayer(name, hits.Where(h => h.Layer == name).Select(h => zoomed.For(h.Feature, clip)))));
    }

    /// <summary>
    /// Features simplified once per zoom (to half a pixel) rather than once per tile, and polygons that
    /// cover a whole tile replaced by the tile's rectangle: district polygons would otherwise be clipped
    /// thousands of times at full detail.
    /// </summary>
    private sealed class ZoomedFeatures(int zoom)
    {
        private readonly ConcurrentDictionary<IFeature, (Geometry Simplified, IPreparedGeometry? Prepared)> _cache = new(ReferenceEqualityComparer.Instance);
        private readonly double _tolerance = 360.0 / (1 << zoom) / 4096 / 2;

        public IFeature For(IFeature feature, Envelope clip)
        {
            var zoomed = _cache.GetOrAdd(feature, f =>
            {
                var geometry = f.Geometry is Point or MultiPoint ? f.Geometry : TopologyPreservingSimplifier.Simplify(f.Geometry, _tolerance);
                var prepared = geometry is IPolygonal ? PreparedGeometryFactory.Prepare(geometry) : null;
                // A first query builds the prepared geometry's lazy indexes here, before threads share it.
                prepared?.Contains(geometry.Factory.ToGeometry(clip));
                return (geometry, prepared);
            });
            var rectangle = zoomed.Simplified.Factory.ToGeometry(clip);
            var geometryForTile = zoomed.Prepared?.Contains(rectangle) == true ? rectangle : zoomed.Simplified;
            return new Feature(geometryForTile, feature.Attributes);
        }
    }

    private static Dictionary<string, string> Metadata(BasemapOptions options, Envelope all, string stamp)
    {
        var inv = CultureInfo.InvariantCulture;
        var vectorLayers = BasemapLayers.Names.Select(name => new
        {
            id = name,
            fields = new Dictionary<string, string> { ["name"] = "String", ["kind"] = "String", ["class"] = "String", ["district"] = "String" },
            minzoom = options.MinZoom,
            maxzoom = options.MaxZoom,
        });
        return new Dictionary<string, string>
        {
            ["name"] = "LandMap basemap",
            ["format"] = "pbf",
            ["type"] = "baselayer",
            ["version"] = "1",
            ["description"] = "Gazetteer of Pingdingshan (sketch): districts, water, landmarks, railways, roads, places; WGS 84",
            ["minzoom"] = options.MinZoom.ToString(inv),
            ["maxzoom"] = options.MaxZoom.ToString(inv),
            ["bounds"] = string.Join(',', new[] { all.MinX, all.MinY, all.MaxX, all.MaxY }.Select(v => v.ToString("0.######", inv))),
            ["center"] = string.Join(',', all.Centre.X.ToString("0.######", inv), all.Centre.Y.ToString("0.######", inv), options.MinZoom.ToString(inv)),
            ["json"] = JsonSerializer.Serialize(new { vector_layers = vectorLayers }),
            [BasemapStamp.MetadataKey] = stamp,
        };
    }
}
