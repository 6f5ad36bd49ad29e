namespace LandMap.Core.Gazetteer.Import;

/// <summary>Size-capped file reads shared by the sources.</summary>
internal static class SourceFiles
{
    /// <summary>The bytes of <paramref name="path"/>, or null after recording why not.</summary>
    public static byte[]? ReadAll(string path, string label, long maxBytes, ImportProblems problems)
    {
        try
        {
            var length = new FileInfo(path).Length;
            if (length > maxBytes)
            {
                problems.FileProblem(ImportProblemCode.FileTooLarge, label,
                    $"{length} bytes, over the {maxBytes}-byte limit; split the file or simplify the geometries.");
                return null;
            }

            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.FileProblem(ImportProblemCode.ReadFailed, label, $"Cannot read the file: {e.Message}");
            return null;
        }
    }

    /// <summary>The sibling of <paramref name="path"/> with <paramref name="extension"/>, in any letter case; null when none.</summary>
    public static string? Sibling(string path, string extension)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var stem = Path.GetFileNameWithoutExtension(path);
        var exact = Path.Combine(folder, stem + extension);
        if (File.Exists(exact))
        {
            return exact;
        }

        // Shapefiles from Windows tools mix cases (ROADS.SHP beside roads.dbf); Linux file names do not fold.
        return Directory.EnumerateFiles(folder, "*", SearchOption.TopDirectoryOnly)
            .FirstOrDefault(f => string.Equals(Path.GetFileName(f), stem + extension, StringComparison.OrdinalIgnoreCase));
    }
}
