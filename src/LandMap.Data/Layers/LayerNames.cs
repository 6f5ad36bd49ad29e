namespace LandMap.Data.Layers;

/// <summary>What a layer name may be: it is a path segment of the tile and OGC URLs (<c>/tiles/layer-NAME</c>,
/// <c>/ogc/collections/layer-NAME</c>) and a key of the OGC OpenAPI paths, so the characters that break those are refused.</summary>
public static class LayerNames
{
    /// <summary>The longest name.</summary>
    public const int MaxLength = 200;

    private static readonly char[] UrlReserved = ['/', '\\', '?', '#', '%', '{', '}'];

    /// <summary>Why <paramref name="name"/> cannot name a layer, or null when it can.</summary>
    public static string? Problem(string name) =>
        string.IsNullOrWhiteSpace(name) || name.Length > MaxLength || name.Any(char.IsControl) || name != name.Trim() || name.IndexOfAny(UrlReserved) >= 0
            ? $"A layer name is 1 to {MaxLength} characters without control characters, surrounding spaces or any of / \\ ? # % {{ }} " +
              $"(it is part of URLs: /tiles/layer-NAME, /ogc/collections/layer-NAME); given '{name}'."
            : null;
}
