using System.Text;

namespace LandMap.Cli.Tests;

/// <summary>Hostile files given to the CLI (issue #16): each ends in exit 1 and one clean error line that names the file, never a stack trace.</summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("landmap-cli-hostile-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void GazetteerImportOfALoneSurrogateNamesTheMember()
    {
        var path = Write("surrogate.geojson", """
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"\ud800路","kind":"road"},
             "geometry":{"type":"LineString","coordinates":[[113.35,33.77],[113.36,33.77]]}}]}
            """);
        var (exit, stdout, stderr) = Landmap.Run("gazetteer", "import", path, "--gazetteer", Path.Combine(_folder, "gazetteer"), "--dry-run");
        AssertCleanFailure(exit, stdout, stderr, "surrogate.geojson");
        Assert.Contains("features[0].properties.name", stdout + stderr, StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    internal static void AssertCleanFailure(int exit, string stdout, string stderr, string file)
    {
        var output = stdout + stderr;
        Assert.True(exit == 1, $"exit {exit}\n{output}");
        Assert.Contains(file, output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }
}
