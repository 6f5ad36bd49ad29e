namespace LandMap.Tiles.Print;

/// <summary>ISO 216 paper sizes a bureau prints on.</summary>
public enum PaperSize
{
    /// <summary>210 × 297 mm: parcel sheets, case files.</summary>
    A4,
    /// <summary>297 × 420 mm: district maps for meetings.</summary>
    A3,
}

/// <summary>Which way up the page is.</summary>
public enum PaperOrientation
{
    /// <summary>Taller than wide.</summary>
    Portrait,
    /// <summary>Wider than tall.</summary>
    Landscape,
}

/// <summary>A sheet of paper: its size in millimetres and in PDF points (1/72 inch).</summary>
public readonly record struct Paper(PaperSize Size, PaperOrientation Orientation = PaperOrientation.Portrait)
{
    /// <summary>PDF points per millimetre.</summary>
    public const float PointsPerMm = 72f / 25.4f;

    /// <summary>Width in millimetres.</summary>
    public float WidthMm => Orientation == PaperOrientation.Portrait ? ShortMm : LongMm;

    /// <summary>Height in millimetres.</summary>
    public float HeightMm => Orientation == PaperOrientation.Portrait ? LongMm : ShortMm;

    /// <summary>Width in PDF points.</summary>
    public float WidthPt => WidthMm * PointsPerMm;

    /// <summary>Height in PDF points.</summary>
    public float HeightPt => HeightMm * PointsPerMm;

    private float ShortMm => Size == PaperSize.A4 ? 210 : 297;

    private float LongMm => Size == PaperSize.A4 ? 297 : 420;

    /// <summary>Reads A4 or A3 (any case); null for anything else.</summary>
    public static PaperSize? ParseSize(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        "A4" => PaperSize.A4,
        "A3" => PaperSize.A3,
        _ => null,
    };

    /// <summary>Reads portrait or landscape (any case); null for anything else.</summary>
    public static PaperOrientation? ParseOrientation(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "portrait" => PaperOrientation.Portrait,
        "landscape" => PaperOrientation.Landscape,
        _ => null,
    };

    /// <inheritdoc />
    public override string ToString() => $"{Size} {(Orientation == PaperOrientation.Portrait ? "portrait" : "landscape")}";
}
