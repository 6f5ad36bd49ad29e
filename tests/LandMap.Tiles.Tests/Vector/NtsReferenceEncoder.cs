using LandMap.Tiles.Vector;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.VectorTiles;
using NetTopologySuite.IO.VectorTiles.Mapbox;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Simplify;

namespace LandMap.Tiles.Tests.Vector;

/// <summary>
/// The tile encoding LandMap used before its own writer (kept here as the reference the new one is compared with):
/// clip with NetTopologySuite's overlay in WGS 84, simplify topology preserving to 1/16 px, write with
/// NetTopologySuite.IO.VectorTiles. Default options, no byte cap.
/// </summary>
internal static class NtsReferenceEncoder
{
    public static byte[] Encode(TileAddress tile, string layerName, IEnumerable<IFeature> features)
    {
        var options = MvtEncoderOptions.Default;
        var bounds = tile.Bounds;
        var pixelWidth = bounds.Width / 256;
        var pixelHeight = bounds.Height / 256;
        var clip = MvtEncoder.ClipEnvelope(tile, options);
        var clipGeometry = Geometry.DefaultFactory.ToGeometry(clip);
        var tolerance = pixelWidth * options.SimplifyTolerancePixels;
        var layer = new Layer { Name = layerName };
        foreach (var feature in features)
        {
            if (feature.Geometry is not { IsEmpty: false } geometry || !clip.Intersects(geometry.EnvelopeInternal)) continue;
            if (geometry is IPolygonal && geometry.Area / (pixelWidth * pixelHeight) < options.MinPolygonAreaPixels) continue;
            // OverlayNGRobust where the old code called Intersection (whose overlay threw on a line doubling back on itself).
            var clipped = clip.Contains(geometry.EnvelopeInternal) ? geometry : OverlayNGRobust.Overlay(geometry, clipGeometry, SpatialFunction.Intersection);
            if (clipped.IsEmpty) continue;
            var simplified = clipped is Point or MultiPoint ? clipped : TopologyPreservingSimplifier.Simplify(clipped, tolerance);
            if (simplified.IsEmpty || Homogeneous(simplified) is not { } written) continue;
            layer.Features.Add(new Feature(written, WithFeatureId(feature.Attributes, options.IdAttribute)));
        }
        var vectorTile = new VectorTile { TileId = new NetTopologySuite.IO.VectorTiles.Tiles.Tile(tile.X, tile.Y, tile.Z).Id };
        if (layer.Features.Count == 0) return [];
        vectorTile.Layers.Add(layer);
        using var stream = new MemoryStream();
        vectorTile.Write(stream, MapboxTileWriter.DefaultMinLinealExtent, MapboxTileWriter.DefaultMinPolygonalExtent, 4096, options.IdAttribute);
        return stream.ToArray();
    }

    private static IAttributesTable WithFeatureId(IAttributesTable? attributes, string name)
    {
        if (attributes is null) return new AttributesTable();
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
