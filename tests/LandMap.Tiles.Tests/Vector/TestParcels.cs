using LandMap.Tiles.Vector;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.VectorTiles.Mapbox;

namespace LandMap.Tiles.Tests.Vector;

/// <summary>Synthetic parcels near Pingdingshan and an MVT decoder for assertions.</summary>
internal static class TestParcels
{
    /// <summary>A point in Pingdingshan (卫东区), where LandMap's parcels lie.</summary>
    public const double Lon = 113.33, Lat = 33.74;

    /// <summary>One 亩 in square metres.</summary>
    public const double SquareMetresPerMu = 10000.0 / 15;

    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    /// <summary>A square of <paramref name="sideMetres"/> centred on (<paramref name="lon"/>, <paramref name="lat"/>).</summary>
    public static Polygon Square(double lon, double lat, double sideMetres) => Polygon(lon, lat, sideMetres / 2, 4, 0);

    /// <summary>A ring of <paramref name="vertices"/> around a centre, radius in metres, rotated by <paramref name="phase"/>.</summary>
    public static Polygon Polygon(double lon, double lat, double radiusMetres, int vertices, double phase)
    {
        var metresPerDegreeLat = 111_320.0;
        var metresPerDegreeLon = metresPerDegreeLat * Math.Cos(lat * Math.PI / 180);
        var coordinates = new Coordinate[vertices + 1];
        for (var i = 0; i < vertices; i++)
        {
            // A square-ish outline with wobble, so it has real vertices to simplify.
            var angle = phase + Math.PI / 4 + 2 * Math.PI * i / vertices;
            var r = radiusMetres * (vertices == 4 ? Math.Sqrt(2) : 1 + 0.08 * Math.Sin(5 * angle));
            coordinates[i] = new Coordinate(lon + r * Math.Cos(angle) / metresPerDegreeLon, lat + r * Math.Sin(angle) / metresPerDegreeLat);
        }
        coordinates[vertices] = coordinates[0].Copy();
        return Factory.CreatePolygon(coordinates);
    }

    /// <summary>A parcel feature with the attributes the server writes.</summary>
    public static IFeature Parcel(long id, Geometry geometry) => new Feature(geometry, new AttributesTable
    {
        { "id", id }, { "name", $"地块 {id % 100000}" }, { "status", "Located" }, { "planYear", 2023 },
    });

    /// <summary>
    /// <paramref name="count"/> parcels of 1–500 亩 (deterministic, log-uniform), <paramref name="vertices"/> vertices each, spread over
    /// <paramref name="tile"/> with ids of the public 15-digit shape.
    /// </summary>
    public static List<IFeature> City(TileAddress tile, int count, int seed = 7, int vertices = 24)
    {
        var random = new Random(seed);
        var bounds = tile.Bounds;
        var features = new List<IFeature>(count);
        for (var i = 0; i < count; i++)
        {
            var mu = Math.Exp(random.NextDouble() * Math.Log(500));
            var radius = Math.Sqrt(mu * SquareMetresPerMu / Math.PI);
            var lon = bounds.MinX + random.NextDouble() * bounds.Width;
            var lat = bounds.MinY + random.NextDouble() * bounds.Height;
            features.Add(Parcel(410403202300000 + i, Polygon(lon, lat, radius, vertices, random.NextDouble())));
        }
        return features;
    }

    /// <summary>Decodes MVT bytes; the MVT feature id is read into the attribute <c>mvt_id</c>, apart from the <c>id</c> property.</summary>
    public static NetTopologySuite.IO.VectorTiles.VectorTile Decode(TileAddress tile, byte[] mvt)
    {
        using var stream = new MemoryStream(MvtEncoder.Gunzip(mvt));
        return new MapboxTileReader().Read(stream, new NetTopologySuite.IO.VectorTiles.Tiles.Tile(tile.X, tile.Y, tile.Z), "mvt_id");
    }

    /// <summary>The decoded features of every layer.</summary>
    public static List<IFeature> DecodeFeatures(TileAddress tile, byte[] mvt) =>
        mvt.Length == 0 ? [] : Decode(tile, mvt).Layers.SelectMany(l => l.Features).ToList();
}
