using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;

namespace LandMap.Tiles.Print;

/// <summary>
/// One 界址点 (boundary point) of a parcel sheet: its number, its plane coordinates in the Chinese surveying order
/// (X = northing, Y = easting, metres of the sheet's Gauss-Krüger zone) and the length of the edge to the next point.
/// </summary>
/// <param name="Label">J1, J2 … numbered on through every ring of the parcel.</param>
/// <param name="X">Northing in metres.</param>
/// <param name="Y">Easting in metres (without zone prefix: false easting 500 000 m, as EPSG:4534–4554).</param>
/// <param name="EdgeToNextM">Length in metres of the edge to the next point of the same ring (the last point closes to the first).</param>
public sealed record BoundaryPoint(string Label, double X, double Y, double EdgeToNextM);

/// <summary>One ring of boundary points: the outer ring of a part, or one of its holes.</summary>
/// <param name="Part">1-based part number (a MultiPolygon lists each part).</param>
/// <param name="IsHole">An inner ring, listed after the outer ring of its part.</param>
/// <param name="Points">The ring's points, without repeating the first.</param>
public sealed record BoundaryRing(int Part, bool IsHole, IReadOnlyList<BoundaryPoint> Points);

/// <summary>
/// The 界址点坐标表 of a polygonal parcel: every ring clockwise from its north-west point, numbered J1…Jn on through
/// the parts, each outer ring followed by its holes (as 宗地图 practice numbers them).
/// </summary>
/// <remarks>
/// "North-west point": the vertex nearest the north-west corner of the ring's envelope. Clockwise as seen on a map with
/// north up. Consecutive repeated vertices are dropped, so no row has a zero-length edge.
/// </remarks>
public static class BoundaryPoints
{
    /// <summary>The rings of <paramref name="gk"/> (E, N metres); empty for points, lines and empty geometries.</summary>
    public static IReadOnlyList<BoundaryRing> Of(Geometry gk)
    {
        ArgumentNullException.ThrowIfNull(gk);
        var rings = new List<BoundaryRing>();
        var number = 0;
        var part = 0;
        foreach (var polygon in Polygons(gk))
        {
            part++;
            rings.Add(Ring(polygon.ExteriorRing, part, isHole: false, ref number));
            foreach (var hole in polygon.InteriorRings)
            {
                rings.Add(Ring(hole, part, isHole: true, ref number));
            }
        }

        return rings.Where(r => r.Points.Count > 0).ToList();
    }

    /// <summary>The ring's distinct vertices in E, N, clockwise from the north-west one.</summary>
    public static IReadOnlyList<Coordinate> ClockwiseFromNorthWest(LineString ring)
    {
        var coordinates = new List<Coordinate>();
        foreach (var c in ring.Coordinates)
        {
            if (coordinates.Count == 0 || !coordinates[^1].Equals2D(c)) coordinates.Add(c);
        }

        if (coordinates.Count > 1 && coordinates[0].Equals2D(coordinates[^1])) coordinates.RemoveAt(coordinates.Count - 1);
        if (coordinates.Count < 3) return coordinates;

        // Counter-clockwise in E, N (y up) is a positive signed area; clockwise is what the sheet wants.
        var closed = coordinates.Append(coordinates[0]).ToArray();
        if (Orientation.IsCCW(closed)) coordinates.Reverse();

        var envelope = ring.EnvelopeInternal;
        var corner = new Coordinate(envelope.MinX, envelope.MaxY);
        var start = 0;
        for (var i = 1; i < coordinates.Count; i++)
        {
            if (coordinates[i].Distance(corner) < coordinates[start].Distance(corner)) start = i;
        }

        return coordinates.Skip(start).Concat(coordinates.Take(start)).ToList();
    }

    private static BoundaryRing Ring(LineString ring, int part, bool isHole, ref int number)
    {
        var coordinates = ClockwiseFromNorthWest(ring);
        var points = new List<BoundaryPoint>(coordinates.Count);
        for (var i = 0; i < coordinates.Count; i++)
        {
            var here = coordinates[i];
            var next = coordinates[(i + 1) % coordinates.Count];
            points.Add(new BoundaryPoint($"J{++number}", X: here.Y, Y: here.X, EdgeToNextM: here.Distance(next)));
        }

        return new BoundaryRing(part, isHole, points);
    }

    private static IEnumerable<Polygon> Polygons(Geometry g) => g switch
    {
        Polygon p when !p.IsEmpty => [p],
        GeometryCollection c => Enumerable.Range(0, c.NumGeometries).SelectMany(i => Polygons(c.GetGeometryN(i))),
        _ => [],
    };
}
