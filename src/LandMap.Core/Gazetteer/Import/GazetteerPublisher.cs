using System.Text;

namespace LandMap.Core.Gazetteer.Import;

/// <summary>
/// Puts an import into the gazetteer folder so that it overrides the shipped sketch, and proves the folder
/// still loads. Steps, in order: write a temp file (not *.geojson, so no loader sees it half-written); swap it
/// in by rename, keeping the previous import as a backup; load the whole folder with
/// <see cref="GazetteerLoader"/>; on failure put the backup back (or delete the new file) and report.
/// </summary>
internal static class GazetteerPublisher
{
    /// <summary>Prefix that sorts after digit- and letter-named files under ordinal order, so imports load last.</summary>
    public const string Prefix = "zz-import-";

    public static (string? Path, GazetteerLoadResult? Load) Publish(IReadOnlyList<GazetteerFeature> features, string name, GazetteerImportOptions options,
        ImportProblems problems, List<string> warnings)
    {
        var folder = options.GazetteerDirectory;
        var target = Path.Combine(folder, name);
        var temp = Path.Combine(folder, $".{name}.{Guid.NewGuid():N}.tmp");
        var backup = Path.Combine(folder, $".{name}.bak");
        if (!Directory.Exists(folder))
        {
            // A new folder would hold the import alone: a one-road gazetteer that geocodes nothing.
            problems.FileProblem(ImportProblemCode.WriteFailed, name,
                $"The gazetteer folder {folder} does not exist: an import adds to a gazetteer and never starts one; pass an existing folder such as LandMap's gis-data/gazetteer.");
            return (null, null);
        }

        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                GazetteerFileWriter.Write(features, stream);
                stream.Flush(flushToDisk: true);
            }

            if (File.Exists(target))
            {
                File.Replace(temp, target, backup);
            }
            else
            {
                File.Move(temp, target);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            problems.FileProblem(ImportProblemCode.WriteFailed, name, $"Cannot write into {folder}: {e.Message}");
            return (null, null);
        }

        var load = new GazetteerLoader(new GazetteerLoadOptions { MaxVerticesPerFeature = options.MaxVerticesPerFeature }).LoadAll(folder);
        if (!load.IsSuccess)
        {
            Restore(target, backup);
            foreach (var p in load.Problems)
            {
                problems.FileProblem(ImportProblemCode.GazetteerRejected, name, $"the gazetteer folder does not load with the import ({p}); nothing was kept.");
            }

            return (null, load);
        }

        TryDelete(backup);
        var later = load.Files.Select(f => Path.GetFileName(f)).Where(f => !f.StartsWith(Prefix, StringComparison.Ordinal) && string.CompareOrdinal(f, name) > 0).ToList();
        if (later.Count > 0)
        {
            warnings.Add($"{string.Join(", ", later)} sort(s) after {name} and override it where they share a feature; rename them or the import.");
        }

        return (target, load);
    }

    /// <summary>The output name for an input: <c>zz-import-&lt;stem&gt;.geojson</c>, the stem reduced to safe characters.</summary>
    public static string OutputName(string inputPath)
    {
        var stem = new StringBuilder();
        foreach (var c in GazetteerSources.Stem(inputPath))
        {
            stem.Append(char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '-');
        }

        return Prefix + (stem.Length == 0 ? "data" : stem.ToString()) + ".geojson";
    }

    private static void Restore(string target, string backup)
    {
        try
        {
            if (File.Exists(backup))
            {
                File.Move(backup, target, overwrite: true);
            }
            else
            {
                File.Delete(target);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Leave the files for the user: the error message already says the folder does not load.
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover temp or backup file is not loaded (no .geojson extension) and harmless.
        }
    }
}
