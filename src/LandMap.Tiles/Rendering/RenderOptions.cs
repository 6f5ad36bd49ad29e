namespace LandMap.Tiles.Rendering;

/// <summary>Image size, style and font of a <see cref="MapRenderer"/>.</summary>
public sealed record RenderOptions
{
    /// <summary>Image width in pixels (64 to 16384).</summary>
    public int Width { get; init; } = 2000;

    /// <summary>Image height in pixels (64 to 16384).</summary>
    public int Height { get; init; } = 1600;

    /// <summary>Margin around the scene's bounds, as a fraction of their larger side.</summary>
    public double Margin { get; init; } = 0.06;

    /// <summary>Longest parcel name in a label, in characters, before it is cut with "…".</summary>
    public int LabelNameLength { get; init; } = 10;

    /// <summary>Colours, widths and legend labels.</summary>
    public MapStyle Style { get; init; } = MapStyle.Default;

    /// <summary>A font file with CJK glyphs to use instead of searching (see <see cref="CjkFont"/>).</summary>
    public string? FontPath { get; init; }

    /// <summary>Throws when a value is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size, the margin or the label length is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Width, 64, nameof(Width));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Width, 16384, nameof(Width));
        ArgumentOutOfRangeException.ThrowIfLessThan(Height, 64, nameof(Height));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Height, 16384, nameof(Height));
        if (!(Margin is >= 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Margin), Margin, "The margin is a fraction from 0 to below 1.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(LabelNameLength, 1, nameof(LabelNameLength));
        ArgumentNullException.ThrowIfNull(Style, nameof(Style));
    }
}
