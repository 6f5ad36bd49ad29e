using System.IO.Compression;

namespace LandMap.Core.Gazetteer.Import;

/// <summary>The files of one Shapefile, read into memory from a folder or a zip.</summary>
/// <param name="Label">For messages: <c>roads.shp</c> or <c>roads.zip/data/roads.shp</c>.</param>
/// <param name="Shp">The .shp bytes.</param>
/// <param name="Dbf">The .dbf bytes; null when missing.</param>
/// <param name="Prj">The .prj text; null when missing.</param>
/// <param name="Cpg">The .cpg text; null when missing.</param>
internal sealed record ShapefileParts(string Label, byte[] Shp, byte[]? Dbf, string? Prj, string? Cpg);

/// <summary>
/// Opens a zipped Shapefile without trusting the zip. Before any entry is decompressed it checks the
/// central directory: entry count, sum of declared sizes, compression ratio of large entries, and entry
/// names (<c>../</c>, absolute paths, drive letters reject the whole archive). Entries are then read into
/// memory, each stopped one byte past its declared size, so nothing is ever written to disk and no entry
/// name is ever used as a path.
/// </summary>
internal static class ShapefileArchive
{
    private static readonly string[] Parts = [".shp", ".dbf", ".prj", ".cpg"];

    // Small entries (a .prj, a DBF of blanks) can compress far better than bombs without being dangerous.
    private const long RatioCheckFromBytes = 1L << 20;

    public static List<ShapefileParts> Open(string path, GazetteerImportOptions options, ImportProblems problems)
    {
        var file = Path.GetFileName(path);
        try
        {
            if (new FileInfo(path).Length > options.MaxFileBytes)
            {
                problems.FileProblem(ImportProblemCode.FileTooLarge, file, $"The zip is over the {options.MaxFileBytes}-byte limit.");
                return [];
            }

            using var zip = ZipFile.OpenRead(path);
            if (!IsSafe(zip, file, options, problems))
            {
                return [];
            }

            var groups = ShapefileGroups(zip);
            if (options.Layer is { } layer)
            {
                groups = groups.Where(g => string.Equals(Path.GetFileName(g.Key), layer, StringComparison.OrdinalIgnoreCase)).ToList();
            }

            if (groups.Count == 0)
            {
                var which = options.Layer is null ? "no .shp" : $"no Shapefile named '{options.Layer}'";
                problems.FileProblem(ImportProblemCode.LayerNotFound, file, $"The zip holds {which}; is it a zipped Shapefile?");
                return [];
            }

            var result = new List<ShapefileParts>();
            foreach (var group in groups)
            {
                var entries = group.GroupBy(Ext).ToDictionary(g => g.Key, g => g.First());
                var label = $"{file}/{entries[".shp"].FullName}";
                var shp = ReadEntry(entries[".shp"], label, problems);
                var dbf = entries.TryGetValue(".dbf", out var d) ? ReadEntry(d, label, problems) : null;
                var prj = entries.TryGetValue(".prj", out var p) ? ReadEntry(p, label, problems) : null;
                var cpg = entries.TryGetValue(".cpg", out var c) ? ReadEntry(c, label, problems) : null;
                if (shp is not null)
                {
                    result.Add(new ShapefileParts(label, shp, dbf, Text(prj), Text(cpg)));
                }
            }

            return problems.Any ? [] : result;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            problems.FileProblem(ImportProblemCode.ReadFailed, file, $"Cannot read the zip: {e.Message}");
            return [];
        }
    }

    /// <summary>The zip's Shapefiles: entries grouped by path without extension, each group holding a .shp (macOS debris left out).</summary>
    internal static List<IGrouping<string, ZipArchiveEntry>> ShapefileGroups(ZipArchive zip) =>
        zip.Entries
            .Where(e => e.Name.Length > 0 && !e.FullName.StartsWith("__MACOSX/", StringComparison.Ordinal) && !e.Name.StartsWith("._", StringComparison.Ordinal))
            .Where(e => Parts.Contains(Path.GetExtension(e.Name).ToLowerInvariant()))
            .GroupBy(e => e.FullName[..^Path.GetExtension(e.Name).Length], StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Any(e => Ext(e) == ".shp"))
            .ToList();

    internal static bool IsSafe(ZipArchive zip, string file, GazetteerImportOptions options, ImportProblems problems)
    {
        if (zip.Entries.Count > options.MaxArchiveEntries)
        {
            return problems.FileProblem(ImportProblemCode.UnsafeArchive, file,
                $"The zip has {zip.Entries.Count} entries, over the limit of {options.MaxArchiveEntries}; zip only the Shapefile.");
        }

        long total = 0;
        foreach (var entry in zip.Entries)
        {
            if (IsTraversal(entry.FullName))
            {
                return problems.FileProblem(ImportProblemCode.UnsafeArchive, file,
                    $"Entry '{entry.FullName}' points outside the archive (../ or an absolute path); the zip is rejected.");
            }

            total += entry.Length;
            if (total > options.MaxFileBytes)
            {
                return problems.FileProblem(ImportProblemCode.UnsafeArchive, file,
                    $"The entries declare more than {options.MaxFileBytes} bytes uncompressed; a gazetteer layer is far smaller (zip bomb?).");
            }

            var ratio = entry.CompressedLength == 0 ? double.PositiveInfinity : (double)entry.Length / entry.CompressedLength;
            if (entry.Length > RatioCheckFromBytes && ratio > options.MaxCompressionRatio)
            {
                return problems.FileProblem(ImportProblemCode.UnsafeArchive, file,
                    $"Entry '{entry.FullName}' expands {ratio:0}-fold ({entry.CompressedLength} → {entry.Length} bytes), over {options.MaxCompressionRatio}: a zip bomb?");
            }
        }

        return true;
    }

    private static bool IsTraversal(string name)
    {
        var normalized = name.Replace('\\', '/');
        return normalized.StartsWith('/') || normalized.Contains(':', StringComparison.Ordinal)
            || normalized.Split('/').Any(segment => segment == "..");
    }

    private static byte[]? ReadEntry(ZipArchiveEntry entry, string label, ImportProblems problems)
    {
        using var stream = entry.Open();
        using var buffer = new MemoryStream((int)Math.Min(entry.Length, int.MaxValue));

        // Stop one byte past the declared size: an entry that lies about its size is rejected, not trusted.
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > entry.Length)
            {
                problems.FileProblem(ImportProblemCode.UnsafeArchive, label, $"Entry '{entry.FullName}' is larger than it declares; the zip is rejected.");
                return null;
            }
        }

        return buffer.ToArray();
    }

    private static string Ext(ZipArchiveEntry e) => Path.GetExtension(e.Name).ToLowerInvariant();

    private static string? Text(byte[]? bytes) => bytes is null ? null : System.Text.Encoding.UTF8.GetString(bytes);
}
