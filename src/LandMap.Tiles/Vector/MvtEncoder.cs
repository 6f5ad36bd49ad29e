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
/// Encodes features as one Mapbox Vector Tile (MVT 2.1, extent 4096) with NetTopologySuite.IO.VectorTiles.
/// The writer only rescales coordinates, so features are clipped here to the tile plus a small buffer
/// (strokes and labels then join across tile edges) and simplified to a fraction of a tile pixel.
/// </summary>
public static class MvtEncoder
{
    /// <summary>Tile pixels kept around the tile when clipping: wide enough for a stroke, small enough to stay cheap.</summary>
    private const double BufferPixels = 64;
    private const double Extent = 4096;

    /// <summary>The uncompressed MVT bytes of <paramref name="layers"/> in <paramref name="tile"/>; empty layers are left out.</summary>
    public static byte[] Encode(TileAddress tile, IEnumerable<TileLayer> layers)
    {
        var vectorTile = new VectorTile { TileId = new NetTopologySuite.IO.VectorTiles.Tiles.Tile(tile.X, tile.Y, tile.Z).Id };
        var bounds = tile.Bounds;
        var clip = ClipEnvelope(tile);
        var clipGeometry = Geometry.DefaultFactory.ToGeometry(clip);
        var tolerance = bounds.Width / Extent / 2;

        foreach (var layer in layers)
        {
            var mvtLayer = new Layer { Name = layer.Name };
            foreach (var feature in layer.Features)
            {
                var geometry = ClipAndSimplify(feature.Geometry, clip, clipGeometry, tolerance);
                if (geometry is not null) mvtLayer.Features.Add(new Feature(geometry, feature.Attributes));
            }
            if (mvtLayer.Features.Count > 0) vectorTile.Layers.Add(mvtLayer);
        }

        using var stream = new MemoryStream();
        vectorTile.Write(stream, MapboxTileWriter.DefaultMinLinealExtent, MapboxTileWriter.DefaultMinPolygonalExtent);
        return stream.ToArray();
    }

    /// <summary>The area features are clipped to: the tile plus a buffer of 64 of its 4096 units on each side.</summary>
    public static Envelope ClipEnvelope(TileAddress tile)
    {
        var bounds = tile.Bounds;
        var clip = new Envelope(bounds);
        clip.ExpandBy(bounds.Width * BufferPixels / Extent, bounds.Height * BufferPixels / Extent);
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
        if (tile.Length < 2 || tile[0] != 0x1f || tile[1] != 0x8b) return tile;
        using var input = new GZipStream(new MemoryStream(tile), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    private static Geometry? ClipAndSimplify(Geometry? geometry, Envelope clip, Geometry clipGeometry, double tolerance)
    {
        if (geometry is null || geometry.IsEmpty || !clip.Intersects(geometry.EnvelopeInternal)) return null;
        var clipped = clip.Contains(geometry.EnvelopeInternal) ? geometry : geometry.Intersection(clipGeometry);
        if (clipped.IsEmpty) return null;
        // Points carry no detail to drop; lines and polygons lose vertices closer than half a tile pixel.
        var simplified = clipped is Point or MultiPoint ? clipped : TopologyPreservingSimplifier.Simplify(clipped, tolerance);
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
}
