using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using LandMap.Tiles.MbTiles;
using LandMap.Tiles.Vector;

namespace LandMap.Tiles.Sources;

/// <summary>
/// Tiles of an MBTiles file (the prebuilt basemap), handed over as stored: gzip-compressed when the file
/// holds gzip. The TileJSON comes from the file's metadata table: <c>name</c>, <c>description</c>,
/// <c>attribution</c>, <c>bounds</c>, <c>center</c>, <c>minzoom</c>, <c>maxzoom</c> and the
/// <c>vector_layers</c> of <c>json</c>; a value that does not parse is left out. The version is the file's
/// last write time and length, so processes reading one file agree and a rebuilt file changes it.
/// Thread-safe: every read takes its own pooled read-only connection (<see cref="MbTilesFile"/>).
/// </summary>
public sealed class MbTilesSource : ITileSource
{
    private readonly MbTilesFile _file;
    private readonly string _version;

    /// <summary>A source named <paramref name="id"/> over an opened MBTiles file.</summary>
    public MbTilesSource(string id, MbTilesFile file)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(file);
        Id = id;
        _file = file;
        TileJson = FromMetadata(id, file);
        var info = new FileInfo(file.Path);
        _version = $"{info.LastWriteTimeUtc.Ticks:x}-{info.Length:x}";
    }

    /// <summary>Opens the MBTiles file at <paramref name="path"/>; throws <see cref="FileNotFoundException"/> when it is missing.</summary>
    public static MbTilesSource Open(string id, string path) => new(id, new MbTilesFile(path));

    /// <inheritdoc />
    public string Id { get; }

    /// <inheritdoc />
    public TileJson TileJson { get; }

    /// <inheritdoc />
    public Task<string?> GetVersionAsync(CancellationToken ct) => Task.FromResult<string?>(_version);

    /// <inheritdoc />
    public Task<TileResult> GetTileAsync(TileAddress tile, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        // A point read on an indexed table: cheaper done inline than handed to another thread.
        var data = _file.ReadTile(tile);
        return Task.FromResult(data is null || data.Length == 0
            ? TileResult.Empty(_version)
            : new TileResult(data, MvtEncoder.IsGzip(data), _version));
    }

    /// <summary>The TileJSON of an MBTiles metadata table.</summary>
    internal static TileJson FromMetadata(string id, MbTilesFile file)
    {
        var metadata = file.Metadata;
        string? Text(string name) => metadata.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

        return new TileJson
        {
            Name = Text("name") ?? id,
            Description = Text("description"),
            Attribution = Text("attribution"),
            Bounds = Numbers(Text("bounds"), 4),
            Center = Numbers(Text("center"), 3) ?? Numbers(Text("center"), 2),
            MinZoom = Zoom(Text("minzoom")),
            MaxZoom = Zoom(Text("maxzoom")),
            VectorLayers = VectorLayers(Text("json"), file.Path),
        };
    }

    private static double[]? Numbers(string? text, int count)
    {
        if (text is null) return null;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != count) return null;
        var numbers = new double[count];
        for (var i = 0; i < count; i++)
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]) || !double.IsFinite(numbers[i])) return null;
        return numbers;
    }

    private static int? Zoom(string? text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var zoom) && zoom is >= 0 and <= 30 ? zoom : null;

    private static IReadOnlyList<TileJsonVectorLayer> VectorLayers(string? json, string path)
    {
        if (json is null) return [];
        try
        {
            return JsonSerializer.Deserialize<MetadataJson>(json)?.VectorLayers ?? [];
        }
        catch (JsonException e)
        {
            throw new InvalidDataException(
                $"The 'json' metadata of {path} is not the MBTiles JSON object ({e.Message}); rebuild the file (landmap tiles build) or fix its metadata table.", e);
        }
    }

    /// <summary>The part of MBTiles' <c>json</c> metadata a TileJSON takes.</summary>
    private sealed record MetadataJson([property: JsonPropertyName("vector_layers")] IReadOnlyList<TileJsonVectorLayer>? VectorLayers);
}
