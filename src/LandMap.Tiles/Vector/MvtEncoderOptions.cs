namespace LandMap.Tiles.Vector;

/// <summary>
/// How <see cref="MvtEncoder"/> generalises a tile. Lengths and areas are in screen pixels of a 256 px
/// tile at the tile's own zoom (one pixel is 16 units of the 4096 MVT extent), so one rule holds at every
/// zoom: the same parcel is a speck at z10 and a field at z16.
/// </summary>
public sealed record MvtEncoderOptions
{
    /// <summary>The defaults: 1 px² minimum polygon area, a 4 px buffer, 1/16 px simplification, a 500 KB cap.</summary>
    public static MvtEncoderOptions Default { get; } = new();

    /// <summary>
    /// Polygonal features whose whole area (before clipping) is below this many square pixels are left out
    /// of the tile. Measured on the whole feature, so a parcel is in every tile of a zoom or in none.
    /// Default 1 px²: a polygon smaller than one screen pixel would be drawn as a smudge, if at all.
    /// </summary>
    public double MinPolygonAreaPixels { get; init; } = 1;

    /// <summary>
    /// Pixels kept around the tile when clipping, so strokes and labels join across tile edges.
    /// Default 4 px (64 of the 4096 extent units).
    /// </summary>
    public double BufferPixels { get; init; } = 4;

    /// <summary>
    /// Douglas–Peucker tolerance (topology preserving) in pixels. Default 1/16 px: one unit of the 4096
    /// grid the writer snaps vertices to anyway, so no visible detail is lost, even overzoomed ×4.
    /// </summary>
    public double SimplifyTolerancePixels { get; init; } = 1.0 / 16;

    /// <summary>
    /// The largest uncompressed tile, in bytes. A tile over the cap loses its smallest features first
    /// until it fits (see <see cref="MvtEncodeResult.DroppedForSize"/>). Default 500 KB (512,000 bytes).
    /// </summary>
    public int MaxBytes { get; init; } = 500 * 1024;

    /// <summary>The attribute whose non-negative integer value becomes the MVT feature id (uint64). Default <c>id</c>.</summary>
    public string IdAttribute { get; init; } = "id";

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when a value cannot describe a tile.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(MinPolygonAreaPixels);
        ArgumentOutOfRangeException.ThrowIfNegative(BufferPixels);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(BufferPixels, 256);
        ArgumentOutOfRangeException.ThrowIfNegative(SimplifyTolerancePixels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxBytes);
        ArgumentException.ThrowIfNullOrEmpty(IdAttribute);
    }
}

/// <summary>One encoded tile and what generalisation left out of it.</summary>
/// <param name="Bytes">The uncompressed MVT bytes; empty (length 0) when no feature is left.</param>
/// <param name="FeatureCount">Features written, over all layers.</param>
/// <param name="DroppedAsTiny">Polygons left out for an area below <see cref="MvtEncoderOptions.MinPolygonAreaPixels"/>.</param>
/// <param name="DroppedForSize">The smallest features left out so the tile fits <see cref="MvtEncoderOptions.MaxBytes"/>.</param>
public sealed record MvtEncodeResult(byte[] Bytes, int FeatureCount, int DroppedAsTiny, int DroppedForSize)
{
    /// <summary>True when the tile holds no feature.</summary>
    public bool IsEmpty => Bytes.Length == 0;
}
