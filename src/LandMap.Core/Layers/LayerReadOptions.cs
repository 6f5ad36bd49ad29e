using LandMap.Core.Crs;

namespace LandMap.Core.Layers;

/// <summary>How to read one layer file; the CLI sets these from <c>landmap layer import</c>.</summary>
public sealed record LayerReadOptions
{
    /// <summary>The layer's kind: names the key field (BSM, JBNTTBBH, ZDDM).</summary>
    public LayerKind Kind { get; init; } = LayerKind.Other;

    /// <summary><c>--crs</c>: wins over what the file declares (with a warning when they differ).</summary>
    public SourceCrs? Crs { get; init; }

    /// <summary>The bureau's parameters for Xi'an 1980 / Beijing 1954 data (<c>--towgs84</c>); without them such data is refused.</summary>
    public IReadOnlyList<DatumShift> DatumShifts { get; init; } = [];

    /// <summary><c>--layer</c>: the GeoPackage table, zipped Shapefile stem or File Geodatabase layer; needed when there are several.</summary>
    public string? Layer { get; init; }

    /// <summary><c>--encoding</c>: the DBF encoding when no .cpg says it (default: detected UTF-8, else GBK).</summary>
    public string? Encoding { get; init; }

    /// <summary>Vertices allowed per feature: validity checks take ~0.6 s at 100k, ~28 s at 1M.</summary>
    public int MaxVerticesPerFeature { get; init; } = 100_000;

    /// <summary>GeometryCollection nesting allowed in WKB (GDAL's cap); deeper blobs overflow the stack inside NTS.</summary>
    public int MaxNestingDepth { get; init; } = 32;

    /// <summary>Largest sum of declared entry sizes in a zipped Shapefile, in bytes.</summary>
    public long MaxArchiveBytes { get; init; } = 16L * 1024 * 1024 * 1024;

    /// <summary>Most entries a zip may hold.</summary>
    public int MaxArchiveEntries { get; init; } = 1_000;

    /// <summary>Highest uncompressed/compressed ratio of a zip entry over 1 MiB.</summary>
    public double MaxCompressionRatio { get; init; } = 200;

    /// <summary>Largest GeoJSON feature, in bytes (the reader holds one feature at a time).</summary>
    public int MaxFeatureBytes { get; init; } = 256 * 1024 * 1024;

    /// <summary>Problems listed before the rest are only counted.</summary>
    public int MaxProblems { get; init; } = 20;
}
