using System.Buffers.Binary;

namespace LandMap.Core.Gazetteer.Import;

/// <summary>
/// Walks a WKB (ISO or EWKB) geometry without recursion and without building it, so that a blob nested
/// 40 000 GeometryCollections deep, which overflows the stack inside NTS's WKBReader (uncatchable), or one
/// declaring billions of vertices, is rejected before NTS sees it. Checks nesting depth, vertex count,
/// declared counts against the bytes left, and that every X and Y is finite.
/// </summary>
internal static class WkbScanner
{
    /// <summary>Null when the blob may be given to NTS; otherwise the code and message.</summary>
    public static (ImportProblemCode Code, string Message)? Scan(ReadOnlySpan<byte> wkb, int maxDepth, int maxVertices)
    {
        var pos = 0;
        var vertices = 0L;

        // Children still to read at each open collection level.
        var pending = new Stack<uint>();
        while (true)
        {
            if (wkb.Length - pos < 5)
            {
                return Bad("the WKB ends inside a geometry header");
            }

            var little = wkb[pos] switch { 1 => true, 0 => false, _ => (bool?)null };
            if (little is null)
            {
                return Bad($"byte {pos} is not a WKB byte-order mark (0 or 1)");
            }

            var type = ReadUInt32(wkb, pos + 1, little.Value);
            pos += 5;
            var ordinates = 2 + ((type & 0x80000000) != 0 ? 1 : 0) + ((type & 0x40000000) != 0 ? 1 : 0);
            if ((type & 0x20000000) != 0)
            {
                pos += 4; // EWKB SRID
            }

            type &= 0x0FFFFFFF;
            ordinates += (type / 1000) switch { 1 or 2 => 1, 3 => 2, _ => 0 };
            var baseType = type % 1000;
            if (type / 1000 > 3 || baseType is 0 or > 7)
            {
                return Bad($"WKB type {type} is not Point..GeometryCollection (curves and surfaces are not supported)");
            }

            if (baseType >= 4)
            {
                if (!TryCount(wkb, ref pos, little.Value, 5, out var parts))
                {
                    return Bad("a collection declares more parts than the blob has bytes");
                }

                if (pending.Count + 1 > maxDepth)
                {
                    return (ImportProblemCode.NestingTooDeep,
                        $"Geometry collections are nested more than {maxDepth} levels deep; no real gazetteer feature is. Flatten it.");
                }

                if (parts > 0)
                {
                    pending.Push(parts);
                    continue;
                }
            }
            else
            {
                var rings = 1u;
                if (baseType == 3 && !TryCount(wkb, ref pos, little.Value, 4, out rings))
                {
                    return Bad("a polygon declares more rings than the blob has bytes");
                }

                for (var r = 0; r < rings; r++)
                {
                    var points = 1u;
                    if (baseType != 1 && !TryCount(wkb, ref pos, little.Value, ordinates * 8, out points))
                    {
                        return Bad("a line or ring declares more points than the blob has bytes");
                    }

                    if (wkb.Length - pos < (long)points * ordinates * 8)
                    {
                        return Bad("the WKB ends inside a coordinate list");
                    }

                    vertices += points;
                    if (vertices > maxVertices)
                    {
                        return (ImportProblemCode.TooManyVertices,
                            $"More than {maxVertices} vertices; simplify the geometry or split the feature.");
                    }

                    for (var p = 0; p < points; p++, pos += ordinates * 8)
                    {
                        var x = ReadDouble(wkb, pos, little.Value);
                        var y = ReadDouble(wkb, pos + 8, little.Value);

                        // An all-NaN point is how WKB writes POINT EMPTY; anywhere else NaN is a broken vertex.
                        var emptyPoint = baseType == 1 && double.IsNaN(x) && double.IsNaN(y) && pending.Count == 0;
                        if ((!double.IsFinite(x) || !double.IsFinite(y)) && !emptyPoint)
                        {
                            return (ImportProblemCode.NonFiniteCoordinate, $"Vertex {vertices - points + p} is NaN or infinite; remove or fix it.");
                        }
                    }
                }
            }

            // A leaf (or empty collection) is done: close every collection whose last child this was.
            while (pending.Count > 0)
            {
                var left = pending.Pop() - 1;
                if (left > 0)
                {
                    pending.Push(left);
                    break;
                }
            }

            if (pending.Count == 0)
            {
                return null;
            }
        }
    }

    private static bool TryCount(ReadOnlySpan<byte> wkb, ref int pos, bool little, int minBytesEach, out uint count)
    {
        count = 0;
        if (wkb.Length - pos < 4)
        {
            return false;
        }

        count = ReadUInt32(wkb, pos, little);
        pos += 4;
        return (long)count * minBytesEach <= wkb.Length - pos;
    }

    private static uint ReadUInt32(ReadOnlySpan<byte> b, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(b[at..]) : BinaryPrimitives.ReadUInt32BigEndian(b[at..]);

    private static double ReadDouble(ReadOnlySpan<byte> b, int at, bool little) =>
        little ? BinaryPrimitives.ReadDoubleLittleEndian(b[at..]) : BinaryPrimitives.ReadDoubleBigEndian(b[at..]);

    private static (ImportProblemCode, string) Bad(string why) => (ImportProblemCode.InvalidGeometry, $"Corrupt geometry blob: {why}.");
}
