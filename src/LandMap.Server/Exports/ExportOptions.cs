using System.ComponentModel.DataAnnotations;

namespace LandMap.Server.Exports;

/// <summary>Settings of the table exports (configuration section <c>LandMap:Export</c>).</summary>
public sealed class ExportOptions
{
    public const string Section = "LandMap:Export";

    /// <summary>
    /// The most parcels one export writes (default 50,000: an XLSX of that size is built in memory in about a second).
    /// A query that matches more gets the first this many, in its order, and the file says so (sheet 说明; the CSV's
    /// last line), as do the response headers <c>LandMap-Number-Matched</c> and <c>LandMap-Number-Exported</c>.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxRows { get; set; } = 50_000;
}
