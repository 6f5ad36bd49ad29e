using System.Buffers.Binary;
using LandMap.Core.Gazetteer.Import;

namespace LandMap.Core.Layers.Sources;

/// <summary>
/// The streaming form of the gazetteer's <c>ShpLayout</c> check: walks the .shp record headers on disk, without
/// reading the points, and fails when a record does not fit the file (truncated), its part and point counts do not fit
/// the record (forged), or it holds more points than the cap. Reads 52 bytes per record.
/// </summary>
internal static class ShpScan
{
    private const int HeaderBytes = 100;

    public static (ImportProblemCode Code, int? Record, string Message)? Check(string shp, int maxVertices)
    {
        using var stream = new FileStream(shp, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var length = stream.Length;
        Span<byte> head = stackalloc byte[HeaderBytes];
        if (length < HeaderBytes || stream.ReadAtLeast(head, HeaderBytes, false) < HeaderBytes)
            return (ImportProblemCode.ReadFailed, null, $"The .shp is {length} bytes, shorter than its 100-byte header: the file is truncated; copy it again.");
        var declared = 2L * BinaryPrimitives.ReadInt32BigEndian(head[24..]);
        if (declared > length)
            return (ImportProblemCode.ReadFailed, null, $"The .shp header says {declared} bytes but the file has {length}: the file is truncated; copy it again.");
        Span<byte> record = stackalloc byte[52];
        long offset = HeaderBytes;
        for (var index = 0; offset < length; index++)
        {
            stream.Position = offset;
            var got = stream.ReadAtLeast(record, record.Length, false);
            if (got < 12) return Truncated(index, offset, length);
            var content = 2L * BinaryPrimitives.ReadInt32BigEndian(record[4..]);
            if (content < 4 || offset + 8 + content > length) return Truncated(index, offset, length);
            var type = BinaryPrimitives.ReadInt32LittleEndian(record[8..]);
            if (type is 3 or 5 or 13 or 15 or 23 or 25 or 31 or 8 or 18 or 28)
            {
                var multipoint = type is 8 or 18 or 28;
                var need = multipoint ? 40 : 44;
                if (content < need || got < 8 + need)
                    return (ImportProblemCode.ReadFailed, index, $"Record {index} is {content} bytes, too short for its shape type {type}: the .shp is corrupt; export it again.");
                long parts = multipoint ? 0 : BinaryPrimitives.ReadInt32LittleEndian(record[(8 + 36)..]);
                long points = BinaryPrimitives.ReadInt32LittleEndian(record[(8 + (multipoint ? 36 : 40))..]);
                var partBytes = type == 31 ? 8 : 4;
                if (parts < 0 || points < 0 || need + partBytes * parts + 16 * points > content)
                    return (ImportProblemCode.ReadFailed, index,
                        $"Record {index} declares {parts} parts and {points} points, which do not fit its {content} bytes: the .shp is corrupt; export it again.");
                if (points > maxVertices)
                    return (ImportProblemCode.TooManyVertices, index, $"Record {index} has {points} points, more than {maxVertices}; simplify or split the feature.");
                if (parts > 0 && !PartStartsFit(stream, offset + 8 + 44, (int)parts, points))
                    return (ImportProblemCode.ReadFailed, index,
                        $"Record {index} has part start indexes outside its {points} points or out of order: the .shp is corrupt; export it again.");
            }
            offset += 8 + content;
        }
        return null;
    }

    // The NTS reader trusts part starts; one out of range or out of order makes it loop or read past the record.
    private static bool PartStartsFit(FileStream stream, long at, int parts, long points)
    {
        stream.Position = at;
        Span<byte> four = stackalloc byte[4];
        var previous = -1;
        for (var i = 0; i < parts; i++)
        {
            if (stream.ReadAtLeast(four, 4, false) < 4) return false;
            var start = BinaryPrimitives.ReadInt32LittleEndian(four);
            if ((i == 0 && start != 0) || start <= previous || start >= points) return false;
            previous = start;
        }
        return true;
    }

    private static (ImportProblemCode, int?, string) Truncated(int record, long offset, long length) =>
        (ImportProblemCode.ReadFailed, record, $"Record {record} at byte {offset} runs past the end of the file ({length} bytes): the .shp is truncated; copy it again.");
}
