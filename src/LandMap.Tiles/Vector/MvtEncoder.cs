using System.IO.Compression;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using LandMap.Tiles.Vector.Mvt;
using NetTopologySuite.Simplify;

namespace LandMap.Tiles.Vector;

/// <summary>A named layer of features (WGS 84 geometries, attribute values string, number or bool) for one tile.</summary>
/// <param name="Name">The MVT layer name.</param>
/// <param name="Features">The features; geometries outside the tile are clipped away.</param>
public sealed record TileLayer(string Name, IEnumerable<IFeature> Features);

/// <summary>
/// Encodes features as one Mapbox Vector Tile (MVT 2.1, extent 4096), generalised for the tile's zoom
/// (<see cref="MvtEncoderOptions"/>), in this order:
/// <list type="number">
/// <item>polygons whose whole area is below <see cref="MvtEncoderOptions.MinPolygonAreaPixels"/> are left out;</item>
/// <item>the rest are projected straight to tile units, clipped to the tile plus <see cref="MvtEncoderOptions.BufferPixels"/>
/// (only features whose envelope leaves that box), rounded to the 4096 grid with repeated vertices dropped — which is
/// the default 1/16 px simplification; a coarser <see cref="MvtEncoderOptions.SimplifyTolerancePixels"/> simplifies
/// (topology preserving) before — and what collapses on the grid is left out (<see cref="Mvt.TileGeometryEncoder"/>);</item>
/// <item>attributes go straight into the layer's key and value tables, each distinct value once; a
/// <see cref="JsonAttributesFeature"/>'s from its JSON without an attribute table;</item>
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
    private const double GridPixels = TilePixels / Extent;

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
        // The grid of 4096 units is a 1/16 px simplification in itself; a coarser tolerance asks for Douglas–Peucker first.
        var tolerance = Options.SimplifyTolerancePixels > GridPixels ? pixelWidth * Options.SimplifyTolerancePixels : 0;
        var geometries = new TileGeometryEncoder(tile, (int)Extent, Options.BufferPixels * Extent / TilePixels);

        var names = new List<string>();
        var candidates = new List<Candidate>();
        var commands = new List<uint>(16 * 1024);
        var tiny = 0;
        foreach (var layer in layers)
        {
            var layerIndex = names.Count;
            names.Add(layer.Name);
            foreach (var feature in layer.Features)
            {
                if (feature.Geometry is not { IsEmpty: false } geometry || !clip.Intersects(geometry.EnvelopeInternal)) continue;
                var size = SizeInPixels(geometry, pixelWidth, pixelHeight);
                if (geometry is IPolygonal && size < Options.MinPolygonAreaPixels)
                {
                    tiny++;
                    continue;
                }
                if (tolerance > 0 && geometry is not (Point or MultiPoint)) geometry = TopologyPreservingSimplifier.Simplify(geometry, tolerance);
                var start = commands.Count;
                var type = geometries.Encode(geometry, clip: !clip.Contains(geometry.EnvelopeInternal), commands);
                if (type == MvtGeometryType.Unknown)
                {
                    // Nothing of it left on the grid: a polygon too small to draw; a line or point beyond the clip box.
                    if (geometry is IPolygonal) tiny++;
                    continue;
                }
                candidates.Add(new Candidate(layerIndex, feature, type, start, commands.Count - start, size));
            }
        }

        var keep = candidates.Count;
        var bytes = Write(names, candidates, commands, keep);
        if (bytes.Length > Options.MaxBytes)
        {
            // Rank every feature of the tile by size, largest first: the byte cap keeps a prefix of this order.
            var ranked = Enumerable.Range(0, candidates.Count).OrderByDescending(i => candidates[i].Size).ToArray();
            for (var r = 0; r < ranked.Length; r++) candidates[ranked[r]] = candidates[ranked[r]] with { Rank = r };
            while (bytes.Length > Options.MaxBytes && keep > 0)
            {
                // Bytes grow about linearly with features: aim a little under the cap, and drop at least one.
                var estimate = (int)(keep * (Options.MaxBytes / (double)bytes.Length) * 0.95);
                keep = Math.Max(0, Math.Min(keep - 1, estimate));
                bytes = Write(names, candidates, commands, keep);
            }
        }
        return new MvtEncodeResult(bytes, keep, tiny, candidates.Count - keep);
    }

    private byte[] Write(List<string> names, List<Candidate> candidates, List<uint> commands, int keep)
    {
        if (keep == 0) return [];
        var all = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(commands);
        var attributes = new MvtAttributeWriter(Options.IdAttribute);
        var tags = new List<uint>(64);
        var tile = new ProtoBuffer(Math.Min(Options.MaxBytes, commands.Count * 2 + candidates.Count * 48 + 256));
        for (var layerIndex = 0; layerIndex < names.Count; layerIndex++)
        {
            var layer = new MvtLayerWriter();
            foreach (var c in candidates)
            {
                if (c.Layer != layerIndex || c.Rank >= keep) continue;
                tags.Clear();
                var id = c.Feature switch
                {
                    IMvtTags direct => direct.AppendTags(layer, tags),
                    JsonAttributesFeature { AttributesReplaced: false } json => attributes.Append(layer, json.AttributesJson, tags),
                    var other => attributes.Append(layer, other.Attributes, tags),
                };
                layer.Feature(id, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(tags), c.Type, all.Slice(c.Start, c.Length));
            }
            if (layer.FeatureCount > 0) layer.WriteTo(tile, names[layerIndex], Extent);
        }
        return tile.ToArray();
    }

    /// <summary>Polygons by area (px²), lines by length (px, as if one pixel wide), points as nothing: the order the byte cap drops in.</summary>
    private static double SizeInPixels(Geometry geometry, double pixelWidth, double pixelHeight) => geometry switch
    {
        IPolygonal => geometry.Area / (pixelWidth * pixelHeight),
        ILineal => geometry.Length / pixelWidth,
        _ => 0,
    };

    /// <summary>A feature ready to write: its layer, its commands in the tile's command list, its size; ranked only when the tile is over the cap.</summary>
    private readonly record struct Candidate(int Layer, IFeature Feature, MvtGeometryType Type, int Start, int Length, double Size)
    {
        public int Rank { get; init; } = -1;
    }
}
