using System.Text.Json;
using LandMap.Core.Linking;
using LandMap.Data;
using LandMap.Data.Review;

namespace LandMap.Cli.Tests;

public sealed class CommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("landmap-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void ExtractPrintsTheContractAndNamesAFileItCannotRead()
    {
        var empty = Path.Combine(_folder, "empty.txt");
        File.WriteAllText(empty, "");

        var (exit, stdout, stderr) = Landmap.Run("extract", "gis-data/reports/000_3754bd8aaca57094.txt", empty, "--format", "json");

        Assert.Equal(1, exit);
        Assert.Contains("empty.txt: empty file", stderr);
        using var json = JsonDocument.Parse(stdout);
        var report = Assert.Single(json.RootElement.GetProperty("reports").EnumerateArray());
        Assert.Equal("卫东区", report.GetProperty("district").GetString());
        Assert.Equal(25, report.GetProperty("landEntries").GetArrayLength());
        Assert.Equal(1014.27, report.GetProperty("landEntries")[0].GetProperty("areaMu").GetDouble());
    }

    [Fact]
    public void ExtractTableIsReadableChinese()
    {
        var (exit, stdout, _) = Landmap.Run("extract", "gis-data/reports/001_187e19a5026d8d3e.txt", "--format", "table");

        Assert.Equal(0, exit);
        Assert.Contains("用地保障重点项目（35个） 声明 35 / 提取 35", stdout);
        Assert.Contains("平顶山工业静脉产业园", stdout);
    }

    [Fact]
    public void UnknownFormatIsAUsageError()
    {
        var (exit, _, stderr) = Landmap.Run("extract", "x.txt", "--format", "xml");

        Assert.NotEqual(0, exit);
        Assert.Contains("xml", stderr);
    }

    [Fact]
    public void GeocodeTextPrintsALocatedFeature()
    {
        var (exit, stdout, stderr) = Landmap.Run("geocode", "--text", "位于平安大道与八矿路交叉口东北侧，占地面积70亩", "--district", "卫东区");

        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var feature = Assert.Single(json.RootElement.GetProperty("features").EnumerateArray());
        Assert.Equal("located", feature.GetProperty("properties").GetProperty("status").GetString());
        Assert.Equal(70, feature.GetProperty("properties").GetProperty("areaMuComputed").GetDouble(), 0);
    }

    [Fact]
    public void RenderWritesAPng()
    {
        var png = Path.Combine(_folder, "map.png");

        var (exit, stdout, stderr) = Landmap.Run("render", "--out", png, "--plan-year", "2023", "--district", "卫东区", "--width", "800", "--height", "600");

        Assert.True(exit == 0, stderr);
        Assert.Contains("25 of 25 parcels drawn", stdout);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(png).Take(4));
    }

    [Fact]
    public async Task DiffAppliesTheReviewersDecisionsOfTheStore()
    {
        var db = Path.Combine(_folder, "landmap.db");
        string[] reports = ["gis-data/reports/001_187e19a5026d8d3e.txt", "gis-data/reports/000_3754bd8aaca57094.txt"];
        var (imported, _, importErrors) = Landmap.Run(["import", .. reports, "--db", db]);
        Assert.True(imported == 0, importErrors);
        await using (var store = await ParcelStoreFactory.OpenAsync(db))
        {
            var decided = await IReviewStore.Of(store).DecideLinkAsync(new LinkDecisionChange("卫东区", 2021, 22, 2023, 17, LinkVerdict.Broken, "li.wei", "两期用地"));
            Assert.Equal(LinkDecisionOutcome.Saved, decided.Outcome);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        string[] diff = ["diff", .. reports, "--from", "2021", "--to", "2023", "--district", "卫东区"];
        var (plainExit, plain, _) = Landmap.Run([.. diff, "--format", "json"]);
        var (reviewedExit, reviewed, _) = Landmap.Run([.. diff, "--db", db, "--format", "json"]);
        var (tableExit, table, _) = Landmap.Run([.. diff, "--db", db]);

        Assert.Equal((0, 0, 0), (plainExit, reviewedExit, tableExit));
        Assert.Equal("carried", ClassOf(plain, 22));
        Assert.Equal("dropped", ClassOf(reviewed, 22));
        using var json = JsonDocument.Parse(reviewed);
        Assert.Equal("li.wei", Assert.Single(json.RootElement.GetProperty("brokenLinks").EnumerateArray()).GetProperty("decidedBy").GetString());
        Assert.Contains("已断开：2021 年第 22 项", table);
    }

    [Fact]
    public async Task ImportInOneTransactionStoresTheReportsTogether()
    {
        var db = Path.Combine(_folder, "one.db");
        var hello = Path.Combine(_folder, "hello.txt");
        await File.WriteAllTextAsync(hello, "hello\n");

        var (exit, stdout, stderr) = Landmap.Run("import", "gis-data/reports/001_187e19a5026d8d3e.txt", hello, "gis-data/reports/000_3754bd8aaca57094.txt",
            "--db", db, "--one-transaction");

        // The file without a report fails alone, before the store sees it; the two reports are stored together.
        Assert.Equal(1, exit);
        Assert.Contains("hello.txt: no report found", stderr);
        Assert.Contains("import done files=3 imported=2 superseded=0 unchanged=0 failed=1", stdout);
        Assert.Equal(2, stdout.Split('\n').Count(l => l.StartsWith("import file=", StringComparison.Ordinal) && l.Contains("status=imported", StringComparison.Ordinal)));
        await using (var store = await ParcelStoreFactory.OpenAsync(db))
        {
            Assert.Equal(2, (await store.ListReportsAsync()).Count);
            // Every placed parcel is found through the spatial index the import built after its rows.
            var placed = (await store.QueryParcelsAsync(new ParcelQuery { Limit = 1000 })).Count(p => p.Geometry is not null);
            Assert.True(placed > 40, $"{placed} parcels placed");
            Assert.Equal(placed, await store.CountParcelsAsync(new ParcelQuery { BoundingBox = new NetTopologySuite.Geometries.Envelope(112, 114, 33, 35) }));
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    private static string? ClassOf(string diffJson, int fromSeq)
    {
        using var json = JsonDocument.Parse(diffJson);
        return json.RootElement.GetProperty("entries").EnumerateArray()
            .Single(e => e.GetProperty("from").ValueKind != JsonValueKind.Null && e.GetProperty("from").GetProperty("seq").GetInt32() == fromSeq)
            .GetProperty("class").GetString();
    }
}
