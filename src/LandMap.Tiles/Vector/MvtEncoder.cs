using System.IO.Compression;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.VectorTiles;
using NetTopologySuite.IO.VectorTiles.Mapbox;
using NetTopologySuite.Simplify;

namespace LandMap.Tiles.Vector;

/// <summary>A named layer of features (WGS 84 geometries, attribute values string, number or bool) for one tile.</summary>
/// <param name="Name">The MVT layer name.</param>
/// <param name="Features">The features; geometries outside the tile are clipped away.</param>
public sealed record TileLayer(string Name, IEnumerable<IFeature> Features);

/// <summary>
/// Encodes features as one Mapbox Vector Tile (MVT 2.1, extent 4096) with NetTopologySuite.IO.VectorTiles,
/// generalised for the tile's zoom (<see cref="MvtEncoderOptions"/>), in this order:
/// <list type="number">
/// <item>polygons whose whole area is below <see cref="MvtEncoderOptions.MinPolygonAreaPixels"/> are left out;</item>
/// <item>the rest are clipped to the tile plus <see cref="MvtEncoderOptions.BufferPixels"/> (the writer only
/// rescales coordinates) and simplified to <see cref="MvtEncoderOptions.SimplifyTolerancePixels"/>;</item>
/// <item>a feature whose <see cref="MvtEncoderOptions.IdAttribute"/> holds a non-negative integer gets it as
/// its MVT feature id (uint64, never truncated);</item>
/// <item>when the tile is over <see cref="MvtEncoderOptions.MaxBytes"/>, the smallest features (polygons by area,
/// lines by length, points first) are left out until it fits.</item>
/// </list>
/// The static <see cref="Encode(TileAddress, IEnumerable{TileLayer})"/> uses the defaults; an instance holds options.
/// Instances are immutable and safe to share between threads.
/// </summary>
public sealed class MvtEncoder
{
    private const uint Extent = 4096;
    private const double TilePixels = 256;

    /// <summary>An encoder with the given options; throws <see cref="ArgumentOutOfRangeException"/> on invalid ones.</summary>
    public MvtEncoder(MvtEncoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    /// <summary>The generalisation rules of this encoder.</summary>
    public MvtEncoderOptions Options { get; }

    /// <summary>The uncompressed MVT bytes of <paramref name="layers"/> in <paramref name="tile"/> with the default options; empty layers are left out.</summary>
    public static byte[] Encode(TileAddress tile, IEnumerable<TileLayer> layers) =>
        Encode(tile, layers, MvtEncoderOptions.Default).Bytes;

    /// <summary>The tile of <paramref name="layers"/> in <paramref name="tile"/> under <paramref name="options"/>, with what was left out.</summary>
    public static MvtEncodeResult Encode(TileAddress tile, IEnumerable<TileLayer> layers, MvtEncoderOptions options) =>
        new MvtEncoder(options).EncodeTile(tile, layers);

    /// <summary>The area features are clipped to with the default options: the tile plus 4 px (64 of its 4096 units) on each side.</summary>
    public static Envelope ClipEnvelope(TileAddress tile) => ClipEnvelope(tile, MvtEncoderOptions.Default);

    /// <summary>The area features are clipped to: the tile plus <see cref="MvtEncoderOptions.BufferPixels"/> on each side.</summary>
    public static Envelope ClipEnvelope(TileAddress tile, MvtEncoderOptions options)
    {
        var bounds = tile.Bounds;
        var clip = new Envelope(bounds);
        clip.ExpandBy(bounds.Width * options.BufferPixels / TilePixels, bounds.Height * options.BufferPixels / TilePixels);
        return clip;
    }

    /// <summary>Gzip-compresses tile bytes, as MBTiles stores them.</summary>
    public static byte[] Gzip(byte[] tile)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal)) gzip.Write(tile);
        return output.ToArray();
    }

    /// <summary>Decompresses tile bytes when they start with the gzip magic number; returns them as they are otherwise.</summary>
    public static byte[] Gunzip(byte[] tile)
    {
        if (!IsGzip(tile)) return tile;
        using var input = new GZipStream(new MemoryStream(tile), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    /// <summary>True when <paramref name="bytes"/> start with the gzip magic number (1f 8b).</summary>
    public static bool IsGzip(ReadOnlySpan<byte> bytes) => bytes.Length >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b;

    /// <summary>Encodes <paramref name="layers"/> in <paramref name="tile"/>; empty layers are left out, and a tile without features is empty.</summary>
    public MvtEncodeResult EncodeTile(TileAddress tile, IEnumerable<TileLayer> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        var bounds = tile.Bounds;
        var pixelWidth = bounds.Width / TilePixels;
        var pixelHeight = bounds.Height / TilePixels;
        var clip = ClipEnvelope(tile, Options);
        var clipGeometry = Geometry.DefaultFactory.ToGeometry(clip);
        var tolerance = pixelWidth * Options.SimplifyTolerancePixels;

        var prepared = new List<(string Name, List<Candidate> Features)>();
        var tiny = 0;
        foreach (var layer in layers)
        {
            var candidates = new List<Candidate>();
            foreach (var feature in layer.Features)
            {
                if (feature.Geometry is not { IsEmpty: false } geometry || !clip.Intersects(geometry.EnvelopeInternal)) continue;
                var size = SizeInPixels(geometry, pixelWidth, pixelHeight);
                if (geometry is IPolygonal && size < Options.MinPolygonAreaPixels)
                {
                    tiny++;
                    continue;
                }
                if (ClipAndSimplify(geometry, clip, clipGeometry, tolerance) is not { } clipped) continue;
                candidates.Add(new Candidate(new Feature(clipped, WithFeatureId(feature.Attributes)), size));
            }
            if (candidates.Count > 0) prepared.Add((layer.Name, candidates));
        }

        // Rank every feature of the tile by size, largest first: the byte cap keeps a prefix of this order.
        var ranked = prepared.SelectMany(l => l.Features).OrderByDescending(c => c.Size).ToList();
        for (var i = 0; i < ranked.Count; i++) ranked[i].Rank = i;

        var keep = ranked.Count;
        var bytes = Write(tile, prepared, keep);
        while (bytes.Length > Options.MaxBytes && keep > 0)
        {
            // Bytes grow about linearly with features: aim a little under the cap, and drop at least one.
            var estimate = (int)(keep * (Options.MaxBytes / (double)bytes.Length) * 0.95);
            keep = Math.Max(0, Math.Min(keep - 1, estimate));
            bytes = Write(tile, prepared, keep);
        }
        return new MvtEncodeResult(bytes, keep, tiny, ranked.Count - keep);
    }

    private byte[] Write(TileAddress tile, List<(string Name, List<Candidate> Features)> layers, int keep)
    {
        var vectorTile = new VectorTile { TileId = new NetTopologySuite.IO.VectorTiles.Tiles.Tile(tile.X, tile.Y, tile.Z).Id };
        foreach (var (name, features) in layers)
        {
            var mvtLayer = new Layer { Name = name };
            foreach (var candidate in features)
                if (candidate.Rank < keep) mvtLayer.Features.Add(candidate.Feature);
            if (mvtLayer.Features.Count > 0) vectorTile.Layers.Add(mvtLayer);
        }
        if (vectorTile.Layers.Count == 0) return [];

        using var stream = new MemoryStream();
        vectorTile.Write(stream, MapboxTileWriter.DefaultMinLinealExtent, MapboxTileWriter.DefaultMinPolygonalExtent, Extent, Options.IdAttribute);
        return stream.ToArray();
    }

    /// <summary>Polygons by area (px²), lines by length (px, as if one pixel wide), points as nothing: the order the byte cap drops in.</summary>
    private static double SizeInPixels(Geometry geometry, double pixelWidth, double pixelHeight) => geometry switch
    {
        IPolygonal => geometry.Area / (pixelWidth * pixelHeight),
        ILineal => geometry.Length / pixelWidth,
        _ => 0,
    };

    /// <summary>
    /// The writer takes the feature id from the id attribute by parsing its text as an unsigned integer, which
    /// a fractional type (a double or decimal read from JSON or SQL) may fail ("4.1E+14", "17.0"): such values
    /// that hold a whole non-negative number are handed over as <see cref="ulong"/>. Integers pass as they are.
    /// </summary>
    private IAttributesTable WithFeatureId(IAttributesTable? attributes)
    {
        if (attributes is null) return new AttributesTable();
        var name = Options.IdAttribute;
        if (!attributes.Exists(name)) return attributes;
        var id = attributes[name] switch
        {
            double d when d >= 0 && d < 1.8e19 && Math.Floor(d) == d => (ulong)d,
            float f when f >= 0 && f < 1.8e19f && MathF.Floor(f) == f => (ulong)f,
            decimal m when m >= 0 && m <= ulong.MaxValue && decimal.Truncate(m) == m => (ulong)m,
            _ => (ulong?)null,
        };
        if (id is null) return attributes;
        var copy = new AttributesTable();
        foreach (var attribute in attributes.GetNames()) copy.Add(attribute, attribute == name ? id.Value : attributes[attribute]);
        return copy;
    }

    private static Geometry? ClipAndSimplify(Geometry geometry, Envelope clip, Geometry clipGeometry, double tolerance)
    {
        var clipped = clip.Contains(geometry.EnvelopeInternal) ? geometry : geometry.Intersection(clipGeometry);
        if (clipped.IsEmpty) return null;
        // Points carry no detail to drop; lines and polygons lose vertices within the tolerance.
        var simplified = clipped is Point or MultiPoint || tolerance <= 0 ? clipped : TopologyPreservingSimplifier.Simplify(clipped, tolerance);
        return simplified.IsEmpty ? null : Homogeneous(simplified);
    }

    /// <summary>MVT features have one geometry type: a clip may leave a collection, of which the dimension of the whole is kept.</summary>
    private static Geometry? Homogeneous(Geometry geometry)
    {
        if (geometry is not GeometryCollection collection || geometry is MultiPoint or MultiLineString or MultiPolygon) return geometry;
        var parts = Enumerable.Range(0, collection.NumGeometries).Select(collection.GetGeometryN).ToList();
        var polygons = parts.OfType<Polygon>().ToArray();
        if (polygons.Length > 0) return geometry.Factory.CreateMultiPolygon(polygons);
        var lines = parts.OfType<LineString>().ToArray();
        if (lines.Length > 0) return geometry.Factory.CreateMultiLineString(lines);
        var points = parts.OfType<Point>().ToArray();
        return points.Length > 0 ? geometry.Factory.CreateMultiPoint(points) : null;
    }

    private sealed class Candidate(IFeature feature, double size)
    {
        public IFeature Feature { get; } = feature;

        public double Size { get; } = size;

        public int Rank { get; set; }
    }
}
