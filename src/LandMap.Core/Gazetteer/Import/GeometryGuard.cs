using System.Globalization;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Valid;

namespace LandMap.Core.Gazetteer.Import;

/// <summary>
/// The checks every imported geometry passes, cheapest first: non-empty, vertex cap, finite X/Y, then
/// validity (NTS IsValidOp, whose cost the cap bounds). Invalid geometries are reported, never repaired:
/// <c>Buffer(0)</c> silently drops half of a bow-tie, and even GeometryFixer's answer needs a person's eye.
/// </summary>
internal static class GeometryGuard
{
    /// <summary>Null when the geometry passes; otherwise the code and a message saying what to do.</summary>
    public static (ImportProblemCode Code, string Message)? Check(Geometry geometry, int maxVertices)
    {
        if (geometry.IsEmpty)
        {
            return (ImportProblemCode.EmptyGeometry, "The geometry is empty (a null shape?); delete the record or draw it.");
        }

        if (geometry.NumPoints > maxVertices)
        {
            return (ImportProblemCode.TooManyVertices,
                $"{geometry.NumPoints} vertices, over the cap of {maxVertices}; simplify the geometry or split the feature.");
        }

        if (FirstNonFinite(geometry) is { } bad)
        {
            return (ImportProblemCode.NonFiniteCoordinate, $"Vertex {bad} is NaN or infinite; remove or fix it.");
        }

        if (new IsValidOp(geometry).ValidationError is { } error)
        {
            var at = error.Coordinate is { } c ? string.Create(CultureInfo.InvariantCulture, $" at ({c.X}, {c.Y})") : "";
            return (ImportProblemCode.InvalidGeometry,
                $"Invalid {geometry.GeometryType}: {error.Message}{at}. Fix it in a GIS (QGIS 'Fix geometries') and check the result; it is not repaired here.");
        }

        return null;
    }

    /// <summary>
    /// The geometry with X and Y only: Z and M (NaN in many GeoPackage blobs) mean nothing to the gazetteer. A copy when it
    /// has either; the geometry itself when it has neither (a layer import's million features need no copy).
    /// </summary>
    public static Geometry ToXY(Geometry geometry) => IsXY(geometry) ? geometry : new XYTransformer().Transform(geometry);

    private static bool IsXY(Geometry geometry)
    {
        var check = new ZOrMCheck();
        geometry.Apply(check);
        return !check.Done;
    }

    // Done at the first sequence that carries Z or M.
    private sealed class ZOrMCheck : IEntireCoordinateSequenceFilter
    {
        public bool Done { get; private set; }

        public bool GeometryChanged => false;

        public void Filter(CoordinateSequence seq) => Done = seq.HasZ || seq.HasM || seq.Dimension != 2;
    }

    private static int? FirstNonFinite(Geometry geometry)
    {
        var i = 0;
        foreach (var c in geometry.Coordinates)
        {
            if (!double.IsFinite(c.X) || !double.IsFinite(c.Y))
            {
                return i;
            }

            i++;
        }

        return null;
    }

    private sealed class XYTransformer : GeometryTransformer
    {
        protected override CoordinateSequence TransformCoordinates(CoordinateSequence coords, Geometry parent)
        {
            var xy = Factory.CoordinateSequenceFactory.Create(coords.Count, 2, 0);
            for (var i = 0; i < coords.Count; i++)
            {
                xy.SetX(i, coords.GetX(i));
                xy.SetY(i, coords.GetY(i));
            }

            return xy;
        }
    }
}
