using LandMap.Core.Gazetteer;

namespace LandMap.Core.Tests.Gazetteer;

/// <summary>
/// The shipped gazetteer's features copied to a temp folder with 卫东区's official list (410403.csv) of the test's own,
/// for tests of what a list holds; deleted on dispose.
/// </summary>
internal sealed class ShippedGazetteerCopy : IDisposable
{
    public static readonly string Shipped = System.IO.Path.Combine(TestPaths.RepositoryRoot, "gis-data", "gazetteer");

    /// <summary>The shipped 卫东区 list's lines.</summary>
    public static string[] ShippedWeidongList => File.ReadAllLines(System.IO.Path.Combine(Shipped, VillageRegistry.FolderName, "410403.csv"));

    private ShippedGazetteerCopy(IEnumerable<string> weidongList)
    {
        foreach (var file in Directory.GetFiles(Shipped, "*.geojson")) File.Copy(file, System.IO.Path.Combine(Path, System.IO.Path.GetFileName(file)));
        var divisions = Directory.CreateDirectory(System.IO.Path.Combine(Path, VillageRegistry.FolderName)).FullName;
        File.WriteAllLines(System.IO.Path.Combine(divisions, "410403.csv"), weidongList);
    }

    /// <summary>The folder.</summary>
    public string Path { get; } = Directory.CreateTempSubdirectory("landmap-gazetteer-").FullName;

    /// <summary>A copy whose 卫东区 list is <paramref name="lines"/>.</summary>
    public static ShippedGazetteerCopy WithWeidongList(params IEnumerable<string> lines) => new(lines);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
