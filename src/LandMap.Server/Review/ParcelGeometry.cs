using System.Globalization;
using System.Text.Json;
using LandMap.Core.Gazetteer.Registry;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Valid;

namespace LandMap.Server.Review;

/// <summary>Why a submitted geometry was refused; the code is part of the 400 body.</summary>
public enum GeometryProblem
{
    NotPolygon, Empty, Malformed, NotANumber, UnclosedRing, TooFewPoints, TooManyVertices, OutOfRange, FarFromDistricts, Invalid, TooSmall,
}

/// <summary>A checked geometry, or the problem with it and, for an invalid but fixable polygon, GeometryFixer's repair.</summary>
public sealed record GeometryCheck(Geometry? Geometry, GeometryProblem? Problem = null, string? Message = null, Geometry? Fixed = null)
{
    public bool IsValid => Problem is null;

    public static GeometryCheck Fail(GeometryProblem problem, string message, Geometry? fixedGeometry = null) => new(null, problem, message, fixedGeometry);
}

/// <summary>
/// Reads a GeoJSON (Multi)Polygon from JSON and checks it, in order: type, structure and vertex cap (before any
/// geometry is built, so a million vertices cost one pass), finite numbers, ring closure and size, WGS 84 range,
/// nearness to a district of the registry (swapped or projected coordinates land far away), validity, then a minimum area. An
/// invalid polygon is repaired with GeometryFixer — never Buffer(0), which silently drops half a bow-tie — and the
/// repair is returned for the reviewer to accept, never saved on its own.
/// </summary>
public static class ParcelGeometry
{
    private static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);

    /// <summary>The smallest outline accepted, in m² (0.015 亩): smaller is a slip of the mouse or of the numbers.</summary>
    public const double MinAreaM2 = 10;

    public static GeometryCheck Read(JsonElement geometry, int maxVertices, DistrictRegistry districts)
    {
        if (geometry.ValueKind != JsonValueKind.Object || !geometry.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            return GeometryCheck.Fail(GeometryProblem.Malformed, "'geometry' must be a GeoJSON geometry object with a 'type'.");
        if (!geometry.TryGetProperty("coordinates", out var coordinates) || coordinates.ValueKind != JsonValueKind.Array)
            return GeometryCheck.Fail(GeometryProblem.Malformed, "'geometry.coordinates' must be an array.");
        var vertices = 0;
        var kind = type.GetString();
        var polygons = new List<Polygon>();
        var error = kind switch
        {
            "Polygon" => ReadPolygon(coordinates, polygons, ref vertices, maxVertices),
            "MultiPolygon" => ReadEach(coordinates, polygons, ref vertices, maxVertices),
            _ => (GeometryProblem.NotPolygon, $"A parcel is a Polygon or MultiPolygon, not {Truncate(kind)}."),
        };
        if (error is { } e) return GeometryCheck.Fail(e.Item1, e.Item2);
        if (polygons.Count == 0) return GeometryCheck.Fail(GeometryProblem.Empty, "The geometry has no polygons.");
        return Check(kind == "Polygon" ? polygons[0] : Wgs84.CreateMultiPolygon([.. polygons]), maxVertices, districts);
    }

    /// <summary>Checks a WGS 84 geometry already built (from a survey or GIS file); it must lie near a district of <paramref name="districts"/>.</summary>
    public static GeometryCheck Check(Geometry geometry, int maxVertices, DistrictRegistry districts)
    {
        if (geometry is not (Polygon or MultiPolygon)) return GeometryCheck.Fail(GeometryProblem.NotPolygon, $"A parcel is a Polygon or MultiPolygon, not {geometry.GeometryType}.");
        if (geometry.IsEmpty) return GeometryCheck.Fail(GeometryProblem.Empty, "The geometry is empty.");
        if (geometry.NumPoints > maxVertices) return GeometryCheck.Fail(GeometryProblem.TooManyVertices, $"The geometry has {geometry.NumPoints} vertices; at most {maxVertices} are accepted.");
        if (geometry.Coordinates.Any(c => !double.IsFinite(c.X) || !double.IsFinite(c.Y))) return GeometryCheck.Fail(GeometryProblem.NotANumber, "A coordinate is NaN or infinite.");
        var envelope = geometry.EnvelopeInternal;
        if (envelope.MinX < -180 || envelope.MaxX > 180 || envelope.MinY < -90 || envelope.MaxY > 90)
            return GeometryCheck.Fail(GeometryProblem.OutOfRange, $"Coordinates span {envelope}: not WGS 84 longitude/latitude (projected metres?).");
        if (!districts.IsNearADistrict(envelope))
            return GeometryCheck.Fail(GeometryProblem.FarFromDistricts,
                $"The geometry lies at {envelope}, more than 0.5° from every district of the registry ({districts.DescribeOutlined()}): are longitude and latitude swapped?");
        geometry.SRID = 4326;
        var validity = new IsValidOp(geometry).ValidationError;
        if (validity is null)
        {
            // A valid but microscopic outline (a double click, a 1e-12° square) is no land parcel.
            var areaM2 = Core.Crs.MetricPlane.For(geometry).AreaM2(geometry);
            return areaM2 < MinAreaM2
                ? GeometryCheck.Fail(GeometryProblem.TooSmall, string.Create(CultureInfo.InvariantCulture,
                    $"The outline covers {areaM2:G3} m²; a parcel needs at least {MinAreaM2} m² (about {MinAreaM2 / 666.67:0.###} 亩)."))
                : new GeometryCheck(geometry);
        }
        var repaired = GeometryFixer.Fix(geometry);
        return GeometryCheck.Fail(GeometryProblem.Invalid, $"{validity.Message} at ({validity.Coordinate.X}, {validity.Coordinate.Y})",
            repaired is (Polygon or MultiPolygon) && !repaired.IsEmpty ? repaired : null);
    }

    private static (GeometryProblem, string)? ReadEach(JsonElement array, List<Polygon> polygons, ref int vertices, int maxVertices)
    {
        foreach (var polygon in array.EnumerateArray())
            if (ReadPolygon(polygon, polygons, ref vertices, maxVertices) is { } error) return error;
        return null;
    }

    private static (GeometryProblem, string)? ReadPolygon(JsonElement rings, List<Polygon> polygons, ref int vertices, int maxVertices)
    {
        if (rings.ValueKind != JsonValueKind.Array) return (GeometryProblem.Malformed, "A polygon must be an array of rings.");
        var read = new List<LinearRing>();
        foreach (var ring in rings.EnumerateArray())
        {
            if (ring.ValueKind != JsonValueKind.Array) return (GeometryProblem.Malformed, "A ring must be an array of positions.");
            vertices += ring.GetArrayLength();
            if (vertices > maxVertices) return (GeometryProblem.TooManyVertices, $"The geometry has more than {maxVertices} vertices.");
            var coordinates = new List<Coordinate>();
            foreach (var position in ring.EnumerateArray())
            {
                if (position.ValueKind != JsonValueKind.Array || position.GetArrayLength() < 2)
                    return (GeometryProblem.Malformed, "A position must be [longitude, latitude].");
                if (!Finite(position[0], out var x) || !Finite(position[1], out var y))
                    return (GeometryProblem.NotANumber, $"Position {coordinates.Count} of ring {read.Count} is not a pair of finite numbers (NaN and Infinity are refused).");
                coordinates.Add(new Coordinate(x, y));
            }
            if (coordinates.Count < 4) return (GeometryProblem.TooFewPoints, $"Ring {read.Count} has {coordinates.Count} positions; a closed ring needs at least 4.");
            if (!coordinates[0].Equals2D(coordinates[^1]))
                return (GeometryProblem.UnclosedRing, $"Ring {read.Count} is not closed: its last position must repeat the first.");
            read.Add(Wgs84.CreateLinearRing([.. coordinates]));
        }
        if (read.Count == 0) return (GeometryProblem.Empty, "A polygon needs an outer ring.");
        polygons.Add(Wgs84.CreatePolygon(read[0], [.. read.Skip(1)]));
        return null;
    }

    private static bool Finite(JsonElement value, out double number)
    {
        number = 0;
        return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out number) && double.IsFinite(number);
    }

    private static string Truncate(string? text) => text is null ? "null" : text.Length > 40 ? text[..40] + "…" : text;
}
