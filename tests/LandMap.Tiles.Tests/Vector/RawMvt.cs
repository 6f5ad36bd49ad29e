using NetTopologySuite.Geometries;

namespace LandMap.Tiles.Tests.Vector;

/// <summary>
/// A plain MVT 2.1 decoder for assertions, independent of both writers: per feature its id, geometry type, tags with their
/// protobuf value type (string, float, double, int, uint, sint, bool), and geometry in tile units (y down) as written.
/// </summary>
internal static class RawMvt
{
    public sealed record Feature(string Layer, ulong? Id, int Type, Dictionary<string, (int Kind, object Value)> Tags, Geometry Geometry, List<Coordinate[]> Rings);

    public static List<Feature> Decode(byte[] tile)
    {
        var features = new List<Feature>();
        var p = 0;
        while (p < tile.Length)
        {
            var (field, wire) = Key(tile, ref p);
            if (field == 3 && wire == 2) DecodeLayer(Slice(tile, ref p), features);
            else Skip(tile, ref p, wire);
        }
        return features;
    }

    private static void DecodeLayer(byte[] layer, List<Feature> into)
    {
        string name = "";
        var keys = new List<string>();
        var values = new List<(int, object)>();
        var raw = new List<byte[]>();
        var p = 0;
        while (p < layer.Length)
        {
            var (field, wire) = Key(layer, ref p);
            switch (field)
            {
                case 1: name = System.Text.Encoding.UTF8.GetString(Slice(layer, ref p)); break;
                case 2: raw.Add(Slice(layer, ref p)); break;
                case 3: keys.Add(System.Text.Encoding.UTF8.GetString(Slice(layer, ref p))); break;
                case 4: values.Add(DecodeValue(Slice(layer, ref p))); break;
                default: Skip(layer, ref p, wire); break;
            }
        }
        foreach (var f in raw)
        {
            ulong? id = null;
            var type = 0;
            var tags = new List<uint>();
            var geometry = new List<uint>();
            var p2 = 0;
            while (p2 < f.Length)
            {
                var (field, wire) = Key(f, ref p2);
                switch (field)
                {
                    case 1: id = Varint(f, ref p2); break;
                    case 2: tags.AddRange(Packed(Slice(f, ref p2))); break;
                    case 3: type = (int)Varint(f, ref p2); break;
                    case 4: geometry.AddRange(Packed(Slice(f, ref p2))); break;
                    default: Skip(f, ref p2, wire); break;
                }
            }
            var dict = new Dictionary<string, (int, object)>();
            for (var i = 0; i < tags.Count; i += 2)
                if (!dict.TryAdd(keys[(int)tags[i]], values[(int)tags[i + 1]])) throw new InvalidDataException($"key {keys[(int)tags[i]]} twice in one feature");
            var (g, rings) = Geometry(type, geometry);
            into.Add(new Feature(name, id, type, dict, g, rings));
        }
    }

    private static (Geometry, List<Coordinate[]>) Geometry(int type, List<uint> commands)
    {
        var factory = NetTopologySuite.Geometries.Geometry.DefaultFactory;
        var parts = new List<List<Coordinate>>();
        int x = 0, y = 0, i = 0;
        while (i < commands.Count)
        {
            var id = commands[i] & 7;
            var count = (int)(commands[i] >> 3);
            i++;
            if (id == 7) { parts[^1].Add(parts[^1][0].Copy()); continue; }
            for (var k = 0; k < count; k++)
            {
                x += ZigZag(commands[i++]);
                y += ZigZag(commands[i++]);
                if (id == 1 && (type != 1 || parts.Count == 0)) parts.Add([]);
                parts[^1].Add(new Coordinate(x, y));
            }
        }
        var rings = parts.Select(p => p.ToArray()).ToList();
        Geometry geometry = type switch
        {
            1 => factory.CreateMultiPointFromCoords(rings.SelectMany(r => r).ToArray()),
            2 => factory.CreateMultiLineString(rings.Select(r => factory.CreateLineString(r)).ToArray()),
            3 => Polygons(factory, rings),
            _ => factory.CreateGeometryCollection(),
        };
        return (geometry, rings);
    }

    /// <summary>Twice the signed area of a ring in tile units (positive: clockwise on screen, an MVT shell).</summary>
    public static double TwiceArea(Coordinate[] ring)
    {
        double sum = 0;
        for (var i = 0; i + 1 < ring.Length; i++) sum += ring[i].X * ring[i + 1].Y - ring[i + 1].X * ring[i].Y;
        return sum;
    }

    // MVT 2.1 §4.3.4.4: a positive ring opens a polygon, the negative ones after it are its holes.
    private static Geometry Polygons(GeometryFactory factory, List<Coordinate[]> rings)
    {
        var polygons = new List<Polygon>();
        LinearRing? shell = null;
        var holes = new List<LinearRing>();
        foreach (var ring in rings)
        {
            if (TwiceArea(ring) > 0)
            {
                if (shell is not null) polygons.Add(factory.CreatePolygon(shell, holes.ToArray()));
                shell = factory.CreateLinearRing(ring);
                holes.Clear();
            }
            else holes.Add(factory.CreateLinearRing(ring));
        }
        if (shell is not null) polygons.Add(factory.CreatePolygon(shell, holes.ToArray()));
        return factory.CreateMultiPolygon(polygons.ToArray());
    }

    private static (int, object) DecodeValue(byte[] value)
    {
        var p = 0;
        var (field, _) = Key(value, ref p);
        return field switch
        {
            1 => (1, System.Text.Encoding.UTF8.GetString(Slice(value, ref p))),
            2 => (2, BitConverter.ToSingle(value, p)),
            3 => (3, BitConverter.ToDouble(value, p)),
            4 => (4, (long)Varint(value, ref p)),
            5 => (5, Varint(value, ref p)),
            6 => (6, (long)ZigZag64(Varint(value, ref p))),
            7 => (7, Varint(value, ref p) != 0),
            _ => throw new InvalidDataException($"value field {field}"),
        };
    }

    private static IEnumerable<uint> Packed(byte[] data)
    {
        var p = 0;
        while (p < data.Length) yield return (uint)Varint(data, ref p);
    }

    private static int ZigZag(uint v) => (int)(v >> 1) ^ -(int)(v & 1);

    private static long ZigZag64(ulong v) => (long)(v >> 1) ^ -(long)(v & 1);

    private static byte[] Slice(byte[] data, ref int p)
    {
        var length = (int)Varint(data, ref p);
        var slice = data.AsSpan(p, length).ToArray();
        p += length;
        return slice;
    }

    private static (int Field, int Wire) Key(byte[] data, ref int p)
    {
        var key = Varint(data, ref p);
        return ((int)(key >> 3), (int)(key & 7));
    }

    private static ulong Varint(byte[] data, ref int p)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = data[p++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80) return value;
        }
    }

    private static void Skip(byte[] data, ref int p, int wire)
    {
        switch (wire)
        {
            case 0: Varint(data, ref p); break;
            case 1: p += 8; break;
            case 2: var n = (int)Varint(data, ref p); p += n; break;
            case 5: p += 4; break;
            default: throw new InvalidDataException($"wire type {wire}");
        }
    }
}
