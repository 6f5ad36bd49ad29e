using LandMap.Core.Crs;

namespace LandMap.Core.Gazetteer.Import;

/// <summary>
/// How to read, map and write one import. Every member has an in-code default; the CLI sets them from
/// <c>landmap gazetteer import</c> options of the same names.
/// </summary>
public sealed record GazetteerImportOptions
{
    /// <summary>The CRS of the input (<c>--crs</c>); overrides a .prj / <c>crs</c> member / srs_id, with a warning when they differ.</summary>
    public CrsDefinition? Crs { get; init; }

    /// <summary>
    /// The input is lon/lat in GCJ-02 (高德, 腾讯) or BD-09 (百度), which no file can declare (<c>--crs GCJ02|BD09</c>): read as
    /// lon/lat, then converted to WGS 84 with <see cref="ChinaWebDatums"/>. Null for every other CRS.
    /// </summary>
    public WebDatum? WebDatum { get; init; }

    /// <summary>Local parameters for Xi'an 1980 / Beijing 1954 input; without them such input fails.</summary>
    public IReadOnlyList<DatumShift> DatumShifts { get; init; } = [];

    /// <summary>The GeoPackage table or zipped Shapefile (by stem) to read; null reads every layer.</summary>
    public string? Layer { get; init; }

    /// <summary>The name attribute; null takes the first of name, NAME, 名称, MC, Name that a feature has.</summary>
    public string? NameField { get; init; }

    /// <summary>An attribute of other names, split on 、 , ; | (an array in GeoJSON); null looks for <c>aliases</c>.</summary>
    public string? AliasField { get; init; }

    /// <summary>One kind for every feature; wins over <see cref="KindField"/>.</summary>
    public PlaceKind? Kind { get; init; }

    /// <summary>The kind attribute (road, 道路, 村庄...); null looks for <c>kind</c>, then what the format says (OSM tags).</summary>
    public string? KindField { get; init; }

    /// <summary>One district for every feature (卫东区); wins over <see cref="DistrictField"/>.</summary>
    public string? District { get; init; }

    /// <summary>The district attribute; null looks for <c>district</c>.</summary>
    public string? DistrictField { get; init; }

    /// <summary>How far, in metres, the geometries may be from the real places: 5 for surveyed data.</summary>
    public double PrecisionM { get; init; } = 5;

    /// <summary>The <c>source</c> property written; null writes <c>import: &lt;file name&gt;</c>.</summary>
    public string? Source { get; init; }

    /// <summary>The gazetteer folder the result is written into and loaded from.</summary>
    public string GazetteerDirectory { get; init; } = Path.Combine("gis-data", "gazetteer");

    /// <summary>Vertices allowed per feature (before and after merging): validity checks take ~0.6 s at 100k, ~28 s at 1M.</summary>
    public int MaxVerticesPerFeature { get; init; } = 100_000;

    /// <summary>GeometryCollection nesting allowed in WKB (GDAL's cap); deeper blobs overflow the stack inside NTS.</summary>
    public int MaxNestingDepth { get; init; } = 32;

    /// <summary>Largest input file (or sum of declared sizes in a zip), in bytes.</summary>
    public long MaxFileBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Most entries a zip may hold.</summary>
    public int MaxArchiveEntries { get; init; } = 1_000;

    /// <summary>Highest uncompressed/compressed ratio of a zip entry over 1 MiB (deflate bombs reach ~1000).</summary>
    public double MaxCompressionRatio { get; init; } = 200;

    /// <summary>Problems listed before the rest are only counted.</summary>
    public int MaxProblems { get; init; } = 20;
}
