using LandMap.Core.Crs;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;

namespace LandMap.Server.Ogc;

/// <summary>
/// The CRSs <c>/ogc</c> serves (OGC API – Features Part 2): CRS84 (lon, lat; the storage CRS), EPSG:4326 and EPSG:4490
/// (lat, lon, as EPSG orders their axes) and EPSG:4547, the CGCS2000 3° Gauss-Krüger zone of the sample districts
/// (northing X first, easting Y second, as EPSG and Chinese surveying order them). CGCS2000 and WGS 84 are the same at
/// LandMap's precision, so 4490 differs from 4326 only in name.
/// </summary>
public sealed class OgcCrs
{
    private OgcCrs(string uri, string name, Envelope domain, Func<Coordinate, Coordinate> fromCrs84, Func<Coordinate, Coordinate> toCrs84)
    {
        Uri = uri;
        Name = name;
        Domain = domain;
        _fromCrs84 = fromCrs84;
        _toCrs84 = toCrs84;
    }

    private readonly Func<Coordinate, Coordinate> _fromCrs84;
    private readonly Func<Coordinate, Coordinate> _toCrs84;

    public string Uri { get; }

    /// <summary>A readable name for messages and the collection's description.</summary>
    public string Name { get; }

    /// <summary>Where coordinates of this CRS can lie at all, in its axis order: a box outside it is refused before any transform.</summary>
    public Envelope Domain { get; }

    public static OgcCrs Crs84 { get; } = new("http://www.opengis.net/def/crs/OGC/1.3/CRS84", "WGS 84 (lon, lat)", new Envelope(-180, 180, -90, 90), c => c.Copy(), c => c.Copy());

    public static OgcCrs Epsg4326 { get; } = new("http://www.opengis.net/def/crs/EPSG/0/4326", "WGS 84 (lat, lon)", new Envelope(-90, 90, -180, 180), Swap, Swap);

    public static OgcCrs Epsg4490 { get; } = new("http://www.opengis.net/def/crs/EPSG/0/4490", "CGCS2000 (lat, lon)", new Envelope(-90, 90, -180, 180), Swap, Swap);

    public static OgcCrs Epsg4547 { get; } = new("http://www.opengis.net/def/crs/EPSG/0/4547", "CGCS2000 / 3° Gauss-Krüger CM 114°E (X north, Y east, m)",
        // The zone's band: northings of China, eastings within ~3° of the meridian (false easting 500 km).
        new Envelope(0, 6_500_000, 150_000, 850_000),
        c => { var (e, n) = MetricPlane.Gk114.ToPlane(c.X, c.Y); return new Coordinate(n, e); },
        c => { var (lon, lat) = MetricPlane.Gk114.ToWgs84(c.Y, c.X); return new Coordinate(lon, lat); });

    public static IReadOnlyList<OgcCrs> All { get; } = [Crs84, Epsg4326, Epsg4490, Epsg4547];

    /// <summary>The CRS a <c>crs</c> or <c>bbox-crs</c> value names: its URI, or the safe CURIE <c>[EPSG:4547]</c>; null when not served.</summary>
    public static OgcCrs? Parse(string text)
    {
        var value = text.Trim();
        if (value.StartsWith('[') && value.EndsWith(']')) value = value[1..^1];
        return All.FirstOrDefault(c => string.Equals(c.Uri, value, StringComparison.Ordinal)
            || string.Equals(Curie(c), value, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A WGS 84 geometry in this CRS, axes in this CRS's order.</summary>
    public Geometry FromCrs84(Geometry geometry) => ReferenceEquals(this, Crs84) ? geometry : new Mapper(_fromCrs84).Transform(geometry);

    /// <summary>
    /// A geometry given in this CRS (its axis order) in CRS84, or null when a coordinate lies outside the CRS's domain. Edges
    /// of a projected geometry are densified to 100 m first, as a straight projected edge curves in lon/lat.
    /// </summary>
    public Geometry? ToCrs84(Geometry geometry)
    {
        if (geometry.Coordinates.Any(c => !Domain.Contains(c))) return null;
        if (ReferenceEquals(this, Crs84)) return geometry;
        var dense = Domain.MaxX > 1000 && geometry.Length > 100 ? NetTopologySuite.Densify.Densifier.Densify(geometry, Math.Max(100, geometry.Length / 10_000)) : geometry;
        var mapped = new Mapper(_toCrs84).Transform(dense);
        return mapped.Coordinates.All(c => double.IsFinite(c.X) && double.IsFinite(c.Y) && c.X is >= -180 and <= 180 && c.Y is >= -90 and <= 90) ? mapped : null;
    }

    /// <summary>A box given in this CRS as the CRS84 box that covers it (edges sampled, as a projected edge curves).</summary>
    public Envelope ToCrs84(Envelope box)
    {
        if (ReferenceEquals(this, Crs84)) return box;
        var result = new Envelope();
        const int steps = 8;
        for (var i = 0; i <= steps; i++)
        {
            var t = i / (double)steps;
            foreach (var c in (Coordinate[])[new(box.MinX + t * box.Width, box.MinY), new(box.MinX + t * box.Width, box.MaxY),
                         new(box.MinX, box.MinY + t * box.Height), new(box.MaxX, box.MinY + t * box.Height)])
                result.ExpandToInclude(_toCrs84(c));
        }
        return result;
    }

    private static string Curie(OgcCrs crs) => crs.Uri.EndsWith("CRS84", StringComparison.Ordinal) ? "OGC:CRS84" : "EPSG:" + crs.Uri[(crs.Uri.LastIndexOf('/') + 1)..];

    private static Coordinate Swap(Coordinate c) => new(c.Y, c.X);

    private sealed class Mapper(Func<Coordinate, Coordinate> map) : GeometryTransformer
    {
        protected override CoordinateSequence TransformCoordinates(CoordinateSequence coords, Geometry parent)
        {
            var copy = Factory.CoordinateSequenceFactory.Create(coords.Count, 2, 0);
            for (var i = 0; i < coords.Count; i++)
            {
                var c = map(coords.GetCoordinate(i));
                copy.SetX(i, c.X);
                copy.SetY(i, c.Y);
            }
            return copy;
        }
    }
}
