using System.Buffers.Binary;

namespace LandMap.Core.Gazetteer.Import;

/// <summary>
/// Checks a .shp against its own length before the NTS reader sees it. The reader allocates from the counts a record
/// declares (parts, points) and reads past a cut file's end, so a truncated or forged .shp could make it allocate
/// gigabytes. Every record must fit the file, every part and point count must fit its record, and no record may hold
/// more points than <see cref="GazetteerImportOptions.MaxVerticesPerFeature"/>: what one record can allocate is
/// bounded by the file's size and that cap.
/// </summary>
internal static class ShpLayout
{
    private const int HeaderBytes = 100;

    /// <summary>Why <paramref name="shp"/> cannot be read safely, or null.</summary>
    public static (ImportProblemCode Code, int? Record, string Message)? Check(byte[] shp, int maxVertices)
    {
        if (shp.Length < HeaderBytes)
            return (ImportProblemCode.ReadFailed, null, $"The .shp is {shp.Length} bytes, shorter than its 100-byte header: the file is truncated; copy it again.");
        var declared = 2L * BinaryPrimitives.ReadInt32BigEndian(shp.AsSpan(24));
        if (declared > shp.Length)
            return (ImportProblemCode.ReadFailed, null, $"The .shp header says {declared} bytes but the file has {shp.Length}: the file is truncated; copy it again.");

        long offset = HeaderBytes;
        for (var record = 0; offset < shp.Length; record++)
        {
            if (offset + 8 > shp.Length)
                return Truncated(record, offset, 8, shp.Length);
            var content = 2L * BinaryPrimitives.ReadInt32BigEndian(shp.AsSpan((int)offset + 4));
            if (content < 4 || offset + 8 + content > shp.Length)
                return Truncated(record, offset, content, shp.Length);
            if (Counts(shp.AsSpan((int)offset + 8, (int)content)) is { } bad)
                return bad.Points > maxVertices && bad.Fits
                    ? (ImportProblemCode.TooManyVertices, record, $"The record declares {bad.Points} points, more than {maxVertices}; simplify or split the feature.")
                    : bad.Fits ? null : (ImportProblemCode.ReadFailed, record,
                        $"The record declares {bad.Parts} parts and {bad.Points} points, which do not fit its {content} bytes: the .shp is corrupt; export it again.");
            offset += 8 + content;
        }
        return null;
    }

    private static (ImportProblemCode, int?, string) Truncated(int record, long offset, long needed, long length) =>
        (ImportProblemCode.ReadFailed, record, $"The record at byte {offset} needs {needed} bytes more but the file ends at byte {length}: the .shp is truncated; copy it again.");

    /// <summary>The counts of a record that declares parts or points, with whether they fit it and the vertex cap; null for other shapes.</summary>
    private static (long Parts, long Points, bool Fits)? Counts(ReadOnlySpan<byte> content)
    {
        var type = BinaryPrimitives.ReadInt32LittleEndian(content);
        switch (type)
        {
            case 3 or 5 or 13 or 15 or 23 or 25 or 31: // PolyLine, Polygon (Z, M) and MultiPatch: box, parts, points, part starts, points
            {
                if (content.Length < 44) return (0, 0, false);
                long parts = BinaryPrimitives.ReadInt32LittleEndian(content[36..]);
                long points = BinaryPrimitives.ReadInt32LittleEndian(content[40..]);
                var partBytes = type == 31 ? 8 : 4;
                var fits = parts >= 0 && points >= 0 && 44 + partBytes * parts + 16 * points <= content.Length;
                return (parts, points, fits);
            }
            case 8 or 18 or 28: // MultiPoint (Z, M): box, points
            {
                if (content.Length < 40) return (0, 0, false);
                long points = BinaryPrimitives.ReadInt32LittleEndian(content[36..]);
                return (0, points, points >= 0 && 40 + 16 * points <= content.Length);
            }
            default:
                return null;
        }
    }
}
