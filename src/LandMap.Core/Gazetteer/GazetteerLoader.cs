using System.Text.Json;
using System.Text.Unicode;

namespace LandMap.Core.Gazetteer;

/// <summary>
/// Loads gazetteer GeoJSON FeatureCollections (WGS 84 lon/lat) with System.Text.Json and
/// NetTopologySuite.IO.GeoJSON4STJ, checking every feature before anything is returned.
/// </summary>
/// <remarks>
/// <para>Each feature needs <c>properties.name</c> and <c>properties.kind</c> (a <see cref="PlaceKind"/> in lower
/// case); <c>aliases</c> (array of strings), <c>district</c>, <c>precisionM</c> (metres, &gt; 0) and <c>source</c>
/// are optional but checked when present. Geometries must be non-empty, valid (NTS IsValidOp), finite,
/// within lon/lat range and under the vertex cap.</para>
/// <para>All or nothing: one bad feature fails its file, one bad file fails a directory load; the result lists
/// up to <see cref="GazetteerLoadOptions.MaxProblems"/> problems, each naming file, feature index and field.</para>
/// <para>Directory loads read *.geojson in ordinal file-name order; a feature with the same name, kind and
/// district (after <see cref="PlaceNames.Normalize"/>) as one of an earlier file replaces it, so authoritative
/// data in a later file (e.g. <c>50_surveyed.geojson</c>) overrides a sketch (<c>10_sketch.geojson</c>). Within
/// one file such a repeat is an error.</para>
/// </remarks>
public sealed class GazetteerLoader(GazetteerLoadOptions? options = null)
{
    private readonly GazetteerLoadOptions _options = options ?? new GazetteerLoadOptions();

    /// <summary>Loads one file with default options.</summary>
    public static GazetteerLoadResult LoadFile(string path) => new GazetteerLoader().Load(path);

    /// <summary>Loads every *.geojson of a directory with default options.</summary>
    public static GazetteerLoadResult LoadDirectory(string directory) => new GazetteerLoader().LoadAll(directory);

    /// <summary>Loads one file.</summary>
    public GazetteerLoadResult Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var problems = new ProblemList(_options.MaxProblems);
        var features = ReadFile(path, Path.GetFileName(path), problems);
        return problems.Count > 0
            ? Failed(problems, [path])
            : new GazetteerLoadResult { Features = features, Files = [path] };
    }

    /// <summary>Loads every *.geojson of <paramref name="directory"/>, later files overriding earlier ones.</summary>
    public GazetteerLoadResult LoadAll(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var problems = new ProblemList(_options.MaxProblems);
        if (!Directory.Exists(directory))
        {
            problems.Add(GazetteerProblemCode.ReadFailed, directory, null, null, "The gazetteer directory does not exist.");
            return Failed(problems, []);
        }

        var files = Directory.EnumerateFiles(directory, "*.geojson")
            .Where(f => f.EndsWith(".geojson", StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            problems.Add(GazetteerProblemCode.ReadFailed, directory, null, null, "The directory holds no *.geojson files; is this the gazetteer directory?");
            return Failed(problems, []);
        }

        var merged = new List<GazetteerFeature>();
        var positions = new Dictionary<(string, PlaceKind, string), int>();
        var overrides = new List<GazetteerOverride>();
        foreach (var file in files)
        {
            foreach (var feature in ReadFile(file, Path.GetFileName(file), problems))
            {
                if (positions.TryGetValue(feature.Key, out var at))
                {
                    overrides.Add(new GazetteerOverride(merged[at], feature));
                    merged[at] = feature;
                }
                else
                {
                    positions[feature.Key] = merged.Count;
                    merged.Add(feature);
                }
            }
        }

        return problems.Count > 0
            ? Failed(problems, files)
            : new GazetteerLoadResult { Features = merged, Overrides = overrides, Files = files };
    }

    private List<GazetteerFeature> ReadFile(string path, string fileName, ProblemList problems)
    {
        byte[] bytes;
        try
        {
            var length = new FileInfo(path).Length;
            if (length > _options.MaxFileBytes)
            {
                problems.Add(GazetteerProblemCode.FileTooLarge, fileName, null, null,
                    $"The file has {length} bytes, over the {_options.MaxFileBytes}-byte limit; split it or simplify the geometries.");
                return [];
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add(GazetteerProblemCode.ReadFailed, fileName, null, null, $"Cannot read the file: {e.Message}");
            return [];
        }

        using var document = Parse(bytes, fileName, problems);
        if (document is null)
        {
            return [];
        }

        var before = problems.Count;
        var features = new FeatureReader(fileName, _options, problems).ReadCollection(document.RootElement);
        return problems.Count > before ? [] : features;
    }

    // A lone surrogate escape ("\ud800") parses but throws wherever the string is read: refuse the file, naming the member.
    private static JsonDocument? Checked(JsonDocument document, ReadOnlySpan<byte> json, string fileName, ProblemList problems)
    {
        if (Json.JsonStrings.FindInvalid(json) is not { } member)
        {
            return document;
        }

        document.Dispose();
        problems.Add(GazetteerProblemCode.InvalidJson, fileName, null, null,
            $"'{member}' is not valid Unicode text (a lone surrogate escape such as \\ud800); fix or remove it.");
        return null;
    }

    private static JsonDocument? Parse(byte[] bytes, string fileName, ProblemList problems)
    {
        ReadOnlyMemory<byte> json = bytes;
        if (json.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            json = json[3..];
        }

        if (!Utf8.IsValid(json.Span))
        {
            problems.Add(GazetteerProblemCode.InvalidJson, fileName, null, null,
                "The file is not UTF-8 (GBK?); GeoJSON must be UTF-8: save it again as UTF-8.");
            return null;
        }

        try
        {
            return Checked(JsonDocument.Parse(json), json.Span, fileName, problems);
        }
        catch (JsonException first)
        {
            // Bare NaN/Infinity (Python's json.dumps default) is invalid JSON; quote them so the feature
            // reader can name the feature and coordinate instead of only a line number.
            var quoted = NonFiniteLiterals.Quote(json.Span);
            if (quoted is not null)
            {
                try
                {
                    return Checked(JsonDocument.Parse(quoted), quoted, fileName, problems);
                }
                catch (JsonException)
                {
                    // Report the error of the original text below.
                }
            }

            problems.Add(GazetteerProblemCode.InvalidJson, fileName, null, null,
                $"Not valid JSON at line {first.LineNumber + 1}, byte {first.BytePositionInLine + 1}: {first.Message}");
            return null;
        }
    }

    private static GazetteerLoadResult Failed(ProblemList problems, IReadOnlyList<string> files) =>
        new() { Problems = problems.Items, OmittedProblems = problems.Omitted, Files = files };
}
