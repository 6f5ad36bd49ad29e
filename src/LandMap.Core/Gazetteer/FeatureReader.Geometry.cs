using System.Globalization;
using System.Text.Json;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using NetTopologySuite.Operation.Valid;

namespace LandMap.Core.Gazetteer;

/// <summary>The geometry half of <see cref="FeatureReader"/>: checks positions, then builds and validates with NTS.</summary>
internal sealed partial class FeatureReader
{
    private static readonly JsonSerializerOptions GeoJson = new()
    {
        Converters = { new GeoJsonConverterFactory(NtsGeometryServices.Instance.CreateGeometryFactory(4326)) },
    };

    // Array levels above a position for each geometry type.
    private static readonly Dictionary<string, int> CoordinateDepth = new(StringComparer.Ordinal)
    {
        ["Point"] = 0, ["MultiPoint"] = 1, ["LineString"] = 1,
        ["Polygon"] = 2, ["MultiLineString"] = 2, ["MultiPolygon"] = 3,
    };

    private int _vertices;

    private Geometry? ReadGeometry(JsonElement feature)
    {
        if (!feature.TryGetProperty("geometry", out var g) || g.ValueKind == JsonValueKind.Null)
        {
            Problem(GazetteerProblemCode.EmptyGeometry, "geometry", "The feature has no geometry; every gazetteer place needs one.");
            return null;
        }

        _vertices = 0;
        if (!CheckGeometry(g, "geometry"))
        {
            return null;
        }

        Geometry? geometry;
        try
        {
            geometry = g.Deserialize<Geometry>(GeoJson);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or FormatException)
        {
            // NTS throws ArgumentException for unclosed rings and too-short lines.
            Problem(GazetteerProblemCode.InvalidGeometry, "geometry", $"Cannot build the geometry: {e.Message}");
            return null;
        }

        if (geometry is null || geometry.IsEmpty)
        {
            Problem(GazetteerProblemCode.EmptyGeometry, "geometry", "The geometry is empty.");
            return null;
        }

        if (new IsValidOp(geometry).ValidationError is { } error)
        {
            var at = error.Coordinate is { } c ? string.Create(CultureInfo.InvariantCulture, $" at ({c.X}, {c.Y})") : "";
            Problem(GazetteerProblemCode.InvalidGeometry, "geometry",
                $"{error.Message}{at}; fix the geometry in a GIS (e.g. QGIS 'Fix geometries'), do not buffer by 0.");
            return null;
        }

        return geometry;
    }

    /// <summary>Checks types, nesting, finiteness, range and count of positions before NTS sees them.</summary>
    private bool CheckGeometry(JsonElement g, string path)
    {
        var type = g.ValueKind == JsonValueKind.Object ? Str(g, "type") : null;
        if (type == "GeometryCollection")
        {
            if (!g.TryGetProperty("geometries", out var parts) || parts.ValueKind != JsonValueKind.Array)
            {
                return Problem(GazetteerProblemCode.InvalidGeometry, path + ".geometries", "A GeometryCollection needs a geometries array.");
            }

            var i = 0;
            foreach (var part in parts.EnumerateArray())
            {
                if (!CheckGeometry(part, $"{path}.geometries[{i++}]"))
                {
                    return false;
                }
            }

            return true;
        }

        if (type is null || !CoordinateDepth.TryGetValue(type, out var depth))
        {
            return Problem(GazetteerProblemCode.InvalidGeometry, path + ".type", $"'{type}' is not a GeoJSON geometry type.");
        }

        return g.TryGetProperty("coordinates", out var coordinates)
            ? CheckCoordinates(coordinates, depth, path + ".coordinates")
            : Problem(GazetteerProblemCode.InvalidGeometry, path + ".coordinates", "The geometry has no coordinates.");
    }

    private bool CheckCoordinates(JsonElement e, int depth, string path)
    {
        if (e.ValueKind != JsonValueKind.Array)
        {
            return Problem(GazetteerProblemCode.InvalidGeometry, path, "Expected an array of coordinates here.");
        }

        if (depth > 0)
        {
            var i = 0;
            foreach (var child in e.EnumerateArray())
            {
                if (!CheckCoordinates(child, depth - 1, $"{path}[{i++}]"))
                {
                    return false;
                }
            }

            return true;
        }

        if (++_vertices > options.MaxVerticesPerFeature)
        {
            return Problem(GazetteerProblemCode.TooManyVertices, "geometry",
                $"More than {options.MaxVerticesPerFeature} vertices; simplify the geometry or split the feature.");
        }

        if (e.GetArrayLength() < 2)
        {
            return Problem(GazetteerProblemCode.InvalidGeometry, path, "A position needs at least [lon, lat].");
        }

        var values = new double[2];
        var n = 0;
        foreach (var v in e.EnumerateArray())
        {
            var finite = v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) && double.IsFinite(d);
            if (!finite)
            {
                return v.ValueKind is JsonValueKind.Number or JsonValueKind.String
                    ? Problem(GazetteerProblemCode.NonFiniteCoordinate, path,
                        $"{v.GetRawText()} is not a finite number; remove or fix the vertex (NaN and Infinity are not JSON).")
                    : Problem(GazetteerProblemCode.InvalidGeometry, path, $"{v.GetRawText()} is not a number.");
            }

            if (n < 2)
            {
                values[n++] = v.GetDouble();
            }
        }

        return Math.Abs(values[0]) <= 180 && Math.Abs(values[1]) <= 90
            || Problem(GazetteerProblemCode.CoordinateOutOfRange, path,
                $"[{values[0]}, {values[1]}] is not WGS 84 lon/lat (projected metres? lat/lon swapped?); gazetteer files are in EPSG:4326.");
    }
}
