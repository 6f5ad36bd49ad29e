namespace LandMap.Tiles.Print;

/// <summary>What a printed page is written as.</summary>
public enum PrintFormat
{
    /// <summary>A PDF with the CJK font embedded: the file a bureau keeps.</summary>
    Pdf,
    /// <summary>A PNG of the page at <see cref="PageWriter.PngDpi"/>: for a quick look or a chat message.</summary>
    Png,
}

/// <summary>Output formats by file name.</summary>
public static class PrintFormats
{
    /// <summary>The format of <paramref name="path"/> from its extension (.pdf or .png, any case); null for another.</summary>
    public static PrintFormat? FromPath(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".pdf" => PrintFormat.Pdf,
        ".png" => PrintFormat.Png,
        _ => null,
    };
}
