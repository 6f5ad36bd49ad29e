using LandMap.Data;
using LandMap.Tests.Shared;

namespace LandMap.Cli.Tests;

/// <summary>
/// What a user's slip does (issue 16, CLI): a missing or mistyped --db, an unknown option, a file that is no report, a
/// plan year without a land column. Each is one error line naming what is wrong and exit code 1, and nothing is created.
/// </summary>
public sealed class UserMistakeTests : IDisposable
{
    private const string Report2023 = "gis-data/reports/000_3754bd8aaca57094.txt";
    private static readonly Dictionary<string, string> NoSettings = [];
    private readonly string _folder = Directory.CreateTempSubdirectory("landmap-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string InCheckout(string path) => Path.Combine(Checkout.Root, path);

    [Theory]
    [InlineData("export", "--format", "csv", "--out", "parcels.csv")]
    [InlineData("backup", "--out", "copy.db")]
    [InlineData("diff", "--from", "2021", "--to", "2023")]
    public void AMissingStoreIsAnErrorAndNothingIsCreated(params string[] command)
    {
        var (exit, _, stderr) = Landmap.RunIn(_folder, NoSettings, [.. command, "--db", "nothere.db"]);

        Assert.Equal(1, exit);
        Assert.Contains("nothere.db", stderr);
        Assert.Contains("landmap import", stderr);
        Assert.Empty(Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public void ExportWithoutDbInAFolderWithoutAStoreCreatesNone()
    {
        var (exit, stdout, stderr) = Landmap.RunIn(_folder, NoSettings, "export", "--format", "geojson", "--out", "parcels.geojson");

        Assert.Equal(1, exit);
        Assert.Contains("landmap.db", stderr);
        Assert.DoesNotContain("parcels=", stdout);
        Assert.Empty(Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public async Task AnEmptyFileIsNoStore()
    {
        var empty = Path.Combine(_folder, "empty.db");
        await File.WriteAllBytesAsync(empty, []);

        var (exit, _, stderr) = Landmap.RunIn(_folder, NoSettings, "export", "--db", "empty.db", "--format", "csv", "--out", "parcels.csv");

        Assert.Equal(1, exit);
        Assert.Contains("empty.db holds no LandMap store", stderr);
        Assert.Equal(0, new FileInfo(empty).Length);
    }

    [Fact]
    public void ImportCreatesTheStoreAndItsFolder()
    {
        var (exit, _, stderr) = Landmap.RunIn(_folder, NoSettings, "import", InCheckout(Report2023), "--db", "data/sub/landmap.db");

        Assert.True(exit == 0, stderr);
        Assert.True(File.Exists(Path.Combine(_folder, "data", "sub", "landmap.db")));
    }

    [Theory]
    [InlineData("import", "--dbb", "x.db", "--db")]
    [InlineData("extract", "--formt", "table", "--format")]
    [InlineData("gazetteer import", "--gazeteer", "gaz", "--gazetteer")]
    // geocode checks its FILEs and --text together: that check must not read the FILEs before the typo is reported.
    [InlineData("geocode", "--formt", "table", "--format")]
    public void AnUnknownOptionIsAnErrorWithASuggestion(string command, string typo, string value, string meant)
    {
        var (exit, stdout, stderr) = Landmap.RunIn(_folder, NoSettings, [.. command.Split(' '), InCheckout(Report2023), typo, value]);

        Assert.Equal(1, exit);
        Assert.DoesNotContain("Unhandled exception", stderr);
        Assert.Contains($"'{typo}'", stderr);
        Assert.Contains("Did you mean", stderr);
        Assert.Contains(meant, stderr);
        Assert.DoesNotContain("import file=", stdout);
        Assert.Empty(Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public void DiffOfAPlanYearWithoutALandColumnNamesTheYearsThatHaveOne()
    {
        var (exit, stdout, stderr) = Landmap.Run("diff", "--from", "2020", "--to", "2023");

        Assert.Equal(1, exit);
        Assert.Contains("2020", stderr);
        Assert.Contains("2021, 2023", stderr);
        Assert.DoesNotContain("新增", stdout);
    }

    [Fact]
    public async Task AFileWithoutAReportIsRefusedAndNothingIsStored()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "hello.txt"), "hello\n");
        await File.WriteAllBytesAsync(Path.Combine(_folder, "bom.txt"), [0xEF, 0xBB, 0xBF]);
        await File.WriteAllTextAsync(Path.Combine(_folder, "notes.md"), "# 会议纪要\n\n下周二上午九点开会，请各科室准时参加。\n");

        var (exit, stdout, stderr) = Landmap.RunIn(_folder, NoSettings, "import", "hello.txt", "bom.txt", "notes.md", InCheckout(Report2023), "--db", "landmap.db");

        Assert.Equal(1, exit);
        Assert.Contains("hello.txt: no report found", stderr);
        Assert.Contains("bom.txt: empty file", stderr);
        Assert.Contains("notes.md: no report found", stderr);
        Assert.Contains("import done files=4 imported=1", stdout);
        await using var store = await ParcelStoreFactory.OpenAsync(Path.Combine(_folder, "landmap.db"));
        Assert.Equal("卫东区", Assert.Single(await store.ListReportsAsync()).District);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
