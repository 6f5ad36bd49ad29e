using System.IO.Compression;
using LandMap.Core.Gazetteer.Import;

namespace LandMap.Core.Layers.Sources;

/// <summary>
/// Extracts one Shapefile from a zip into a private temporary folder, after the gazetteer's checks of the central
/// directory (entry count, declared sizes, compression ratio, <c>../</c> names). The files are written under names
/// LandMap chooses (<c>layer.shp</c>…), never under an entry's name, and each copy stops one byte past its declared size.
/// </summary>
internal static class LayerArchive
{
    /// <summary>The extracted .shp and the label for messages (<c>dltb.zip/DLTB.shp</c>), or null after recording why not.</summary>
    public static (string Shp, string Label)? Extract(string zipPath, string folder, LayerReadOptions options, ImportProblems problems)
    {
        var file = Path.GetFileName(zipPath);
        try
        {
            using var zip = ZipFile.OpenRead(zipPath);
            var limits = new GazetteerImportOptions
            {
                MaxFileBytes = options.MaxArchiveBytes, MaxArchiveEntries = options.MaxArchiveEntries, MaxCompressionRatio = options.MaxCompressionRatio,
            };
            if (!ShapefileArchive.IsSafe(zip, file, limits, problems)) return null;
            var groups = ShapefileArchive.ShapefileGroups(zip);
            var all = string.Join(", ", groups.Select(g => Path.GetFileName(g.Key)));
            if (options.Layer is { } layer) groups = groups.Where(g => string.Equals(Path.GetFileName(g.Key), layer, StringComparison.OrdinalIgnoreCase)).ToList();
            if (groups.Count != 1)
            {
                problems.FileProblem(ImportProblemCode.LayerNotFound, file, groups.Count == 0
                    ? options.Layer is null ? "The zip holds no .shp; is it a zipped Shapefile?" : $"The zip holds no Shapefile '{options.Layer}'; it holds: {(all.Length > 0 ? all : "none")}."
                    : $"The zip holds several Shapefiles ({all}); pass --layer NAME to pick one.");
                return null;
            }
            var entries = groups[0].GroupBy(Ext).ToDictionary(g => g.Key, g => g.First());
            foreach (var (ext, entry) in entries)
            {
                if (!Copy(entry, Path.Combine(folder, "layer" + ext), $"{file}/{entry.FullName}", problems)) return null;
            }
            return (Path.Combine(folder, "layer.shp"), $"{file}/{entries[".shp"].FullName}");
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            problems.FileProblem(ImportProblemCode.ReadFailed, file, $"Cannot read the zip: {e.Message}");
            return null;
        }
    }

    private static bool Copy(ZipArchiveEntry entry, string target, string label, ImportProblems problems)
    {
        using var source = entry.Open();
        using var output = File.Create(target);
        var chunk = new byte[1 << 16];
        long total = 0;
        int read;
        while ((read = source.Read(chunk, 0, chunk.Length)) > 0)
        {
            total += read;
            if (total > entry.Length)
                return problems.FileProblem(ImportProblemCode.UnsafeArchive, label, "The entry is larger than it declares; the zip is rejected.");
            output.Write(chunk, 0, read);
        }
        return true;
    }

    private static string Ext(ZipArchiveEntry e) => Path.GetExtension(e.Name).ToLowerInvariant();
}
