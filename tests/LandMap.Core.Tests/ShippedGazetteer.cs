using LandMap.Core.Gazetteer;

namespace LandMap.Core.Tests;

/// <summary>
/// The shipped gazetteer folder (<c>gis-data/gazetteer</c>), loaded once for the test assembly: the geocoder shares one
/// index between parallel columns, so tests may too. A load problem fails every test that asks for it.
/// </summary>
internal static class ShippedGazetteer
{
    private static readonly Lazy<GazetteerIndex> Loaded = new(() =>
    {
        var (gazetteer, load) = GazetteerIndex.LoadDirectory(Path.Combine(TestPaths.RepositoryRoot, "gis-data", "gazetteer"));
        Assert.True(load.IsSuccess, string.Join("\n", load.Problems));
        return gazetteer!;
    });

    /// <summary>The loaded index.</summary>
    public static GazetteerIndex Index => Loaded.Value;
}
