using System.Globalization;
using System.Text.RegularExpressions;
using LandMap.Core.Crs;
using LandMap.Data;
using LandMap.Data.Review;
using LandMap.Tests.Shared;
using NetTopologySuite.Geometries;

namespace LandMap.Cli.Tests;

/// <summary>
/// <c>landmap sheet</c> on a store imported from a sample report, read back as a user's tools read it: pdftotext for the
/// words and the 界址点坐标表, pdffonts for the embedded font, pdftoppm for the page, GDAL's gdaltransform for the coordinates.
/// </summary>
public sealed partial class SheetCommandTests : IDisposable
{
    // Two parts (一站、二站), so the table lists each part's ring.
    private const long TwoPartParcel = 410403202300004;
    private const double SquareMetresPerMu = 10_000.0 / 15;

    private readonly string _folder = Directory.CreateTempSubdirectory("landmap-sheet-").FullName;
    private readonly string _db;

    public SheetCommandTests()
    {
        _db = Path.Combine(_folder, "store.db");
        var (exit, _, stderr) = Landmap.Run("import", "gis-data/reports/000_3754bd8aaca57094.txt", "--db", _db);
        Assert.True(exit == 0, stderr);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task SheetOfASampleParcelListsEveryVertexWhereGdalProjectsIt()
    {
        var parcel = await ParcelAsync(TwoPartParcel);
        var pdf = Sheet(TwoPartParcel, "sheet.pdf");

        var text = ExternalTools.Run("pdftotext", ["-layout", pdf, "-"]);
        Assert.Contains(parcel.Name, text);
        Assert.Contains(TwoPartParcel.ToString(CultureInfo.InvariantCulture), text);
        var squareMetres = MetricPlane.Gk114.AreaM2(parcel.Geometry!);
        Assert.Contains($"{squareMetres.ToString("N2", CultureInfo.InvariantCulture)} 平方米（{squareMetres / SquareMetresPerMu:0.00} 亩）", text);
        Assert.Contains($"{parcel.AreaMu:0.##} 亩", text);
        Assert.Contains("由规划报告文字推算，非测绘成果", text);
        Assert.Contains("EPSG:4547", text);
        Assert.Contains("未检查：本库尚未导入永久基本农田", text);

        AssertTableMatchesGdal(text, parcel.Geometry!);

        var fonts = ExternalTools.Run("pdffonts", [pdf]);
        Assert.Matches(@"CID TrueType\s+Identity-H\s+yes\s+yes\s+yes", fonts);
        var info = ExternalTools.Run("pdfinfo", [pdf]);
        Assert.Matches(@"Pages:\s+1\b", info);
        Assert.Contains("(A4)", info);

        // The page renders: a person looks at this PNG (tests/…/bin/…/screenshots in CI artefacts) before calling it done.
        var page = Path.Combine(_folder, "page");
        ExternalTools.Run("pdftoppm", ["-png", "-r", "60", "-singlefile", pdf, page]);
        Assert.True(new FileInfo(page + ".png").Length > 20_000, "pdftoppm drew an empty page");
    }

    [Fact]
    public async Task AfterAReviewersEditTheSheetShowsTheEditedOutlineAndSaysSo()
    {
        var before = await ParcelAsync(TwoPartParcel);
        // A 150 m × 100 m rectangle beside the geocoded outline, drawn in EPSG:4547 and stored in WGS 84 as an edit is.
        var centre = MetricPlane.Gk114.ToPlane(before.Geometry!).Centroid.Coordinate;
        var factory = new GeometryFactory();
        var plane = factory.CreatePolygon([
            new(centre.X + 300, centre.Y), new(centre.X + 450, centre.Y), new(centre.X + 450, centre.Y + 100), new(centre.X + 300, centre.Y + 100),
            new(centre.X + 300, centre.Y),
        ]);
        var edited = MetricPlane.Gk114.ToWgs84(plane);
        await using (var store = await ParcelStoreFactory.OpenExistingAsync(_db))
        {
            var saved = await IReviewStore.Of(store).SaveReviewedGeometryAsync(new ReviewedGeometry(before.Id, before.Version, edited, "王审核", "按现场踏勘修正"));
            Assert.Equal(SaveOutcome.Saved, saved.Outcome);
        }

        var text = ExternalTools.Run("pdftotext", ["-layout", Sheet(TwoPartParcel, "edited.pdf"), "-"]);

        Assert.Contains("审核员修改", text);
        Assert.DoesNotContain("由规划报告文字推算", text);
        Assert.Contains("已审核（王审核，", text);
        var squareMetres = MetricPlane.Gk114.AreaM2(edited);
        Assert.Equal(15_000, squareMetres, 1);
        Assert.Contains($"{squareMetres.ToString("N2", CultureInfo.InvariantCulture)} 平方米", text);
        Assert.Equal(4, AssertTableMatchesGdal(text, edited));
    }

    [Fact]
    public async Task AnImportedFarmlandLayerUnderTheParcelIsDrawnAndNamed()
    {
        // A 永久基本农田 patch north-east of the parcel's centre, overlapping its northern part.
        var parcel = await ParcelAsync(TwoPartParcel);
        var c = parcel.Geometry!.Centroid.Coordinate;
        var farmland = Path.Combine(_folder, "farmland.geojson");
        string Ring(double dx, double dy) => string.Create(CultureInfo.InvariantCulture, $"[{c.X + dx},{c.Y + dy}]");
        var ring = string.Join(",", Ring(0, 0), Ring(0.004, 0), Ring(0.004, 0.003), Ring(0, 0.003), Ring(0, 0));
        File.WriteAllText(farmland, "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"JBNTTBBH\":\"4104030001\",\"DLMC\":\"旱地\"}," +
            "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[" + ring + "]]}}]}");
        var imported = Landmap.Run("layer", "import", farmland, "--name", "卫东区基本农田", "--kind", "farmland", "--db", _db);
        Assert.True(imported.ExitCode == 0, imported.Stderr);

        var text = ExternalTools.Run("pdftotext", ["-layout", Sheet(TwoPartParcel, "farmland.pdf"), "-"]);

        Assert.Contains("永久基本农田：卫东区基本农田", text);
        Assert.Contains("图框内有：永久基本农田（卫东区基本农田，1 个图斑）", text);
        Assert.DoesNotContain("未检查", text);
        // The overlap the store computed when the layer came in, as the sheet prints it.
        var stored = Data.Conflicts.ConflictText.Summary((await ParcelAsync(TwoPartParcel)).ConflictsJson);
        Assert.StartsWith("占用永久基本农田 ", stored);
        Assert.Contains($"× {stored}（卫东区基本农田）", text);
    }

    [Fact]
    public void MistakesAreNamedAndWriteNothing()
    {
        var output = Path.Combine(_folder, "x.pdf");

        var unknown = Landmap.Run("sheet", "--db", _db, "--parcel", "410403209900001", "--out", output);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("No parcel has id 410403209900001", unknown.Stderr);

        var format = Landmap.Run("sheet", "--db", _db, "--parcel", TwoPartParcel.ToString(CultureInfo.InvariantCulture), "--out", Path.Combine(_folder, "x.svg"));
        Assert.NotEqual(0, format.ExitCode);
        Assert.Contains("--out must end in .pdf or .png", format.Stderr);

        var scale = Landmap.Run("sheet", "--db", _db, "--parcel", TwoPartParcel.ToString(CultureInfo.InvariantCulture), "--out", output, "--scale", "1:10");
        Assert.NotEqual(0, scale.ExitCode);
        Assert.Contains("--scale must be 1:N", scale.Stderr);

        var paper = Landmap.Run("sheet", "--db", _db, "--parcel", TwoPartParcel.ToString(CultureInfo.InvariantCulture), "--out", output, "--paper", "B5");
        Assert.NotEqual(0, paper.ExitCode);
        Assert.Contains("--paper must be A4 or A3", paper.Stderr);

        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task AnUnresolvedParcelHasNoSheetAndTheErrorSaysWhatToDo()
    {
        // The sample report with entry 2 moved to roads no gazetteer knows: the geocoder leaves it unresolved.
        var report = Path.Combine(_folder, "000_unknown_roads.txt");
        var text = File.ReadAllText(Path.Combine(Checkout.Root, "gis-data/reports/000_3754bd8aaca57094.txt"));
        File.WriteAllText(report, text.Replace("位于平安大道东段北侧程庄村，面积约 112 亩", "位于无名甲路与无名乙街交叉口，面积约 112 亩"));
        var db = Path.Combine(_folder, "unresolved.db");
        var imported = Landmap.Run("import", report, "--db", db);
        Assert.True(imported.ExitCode == 0, imported.Stderr);
        await using var store = await ParcelStoreFactory.OpenExistingAsync(db);
        var unresolved = Assert.Single(await store.QueryParcelsAsync(new ParcelQuery()), p => p.Geometry is null);

        var (exit, _, stderr) = Landmap.Run("sheet", "--db", db, "--parcel", unresolved.PublicId.ToString(CultureInfo.InvariantCulture), "--out",
            Path.Combine(_folder, "none.pdf"));

        Assert.Equal(1, exit);
        Assert.Contains($"Parcel {unresolved.PublicId} ({unresolved.Name}) is unresolved", stderr);
        Assert.Contains("审核", stderr);
        Assert.False(File.Exists(Path.Combine(_folder, "none.pdf")));
    }

    [Fact]
    public void A3AndAFixedScaleArePrintedAsAsked()
    {
        var pdf = Path.Combine(_folder, "a3.pdf");
        var (exit, stdout, stderr) = Landmap.Run("sheet", "--db", _db, "--parcel", TwoPartParcel.ToString(CultureInfo.InvariantCulture), "--out", pdf,
            "--paper", "A3", "--scale", "1:2000");

        Assert.True(exit == 0, stderr);
        Assert.Contains("1:2000", stdout);
        Assert.Contains("(A3)", ExternalTools.Run("pdfinfo", [pdf]));
        Assert.Contains("比例尺 1:2000", ExternalTools.Run("pdftotext", ["-layout", pdf, "-"]));
    }

    private string Sheet(long parcel, string name)
    {
        var pdf = Path.Combine(_folder, name);
        var (exit, _, stderr) = Landmap.Run("sheet", "--db", _db, "--parcel", parcel.ToString(CultureInfo.InvariantCulture), "--out", pdf);
        Assert.True(exit == 0, stderr);
        return pdf;
    }

    private async Task<ParcelRecord> ParcelAsync(long publicId)
    {
        await using var store = await ParcelStoreFactory.OpenExistingAsync(_db);
        var parcel = Assert.Single(await store.QueryParcelsAsync(new ParcelQuery { PublicIds = [publicId] }));
        Assert.NotNull(parcel.Geometry);
        return parcel;
    }

    /// <summary>
    /// Every row of the printed table is a vertex of <paramref name="wgs84"/> as gdaltransform puts it in EPSG:4547 (X north,
    /// Y east) within 1 mm, every vertex has exactly one row, and J1 is the ring's north-west point. Returns the row count.
    /// </summary>
    private static int AssertTableMatchesGdal(string text, Geometry wgs84)
    {
        var rows = TableRow().Matches(text)
            .Select(m => (Label: int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), X: Number(m.Groups[2]), Y: Number(m.Groups[3])))
            .ToList();
        var vertices = Vertices(wgs84);
        Assert.Equal(vertices.Count, rows.Count);
        Assert.Equal(Enumerable.Range(1, rows.Count), rows.Select(r => r.Label));

        var input = string.Join('\n', vertices.Select(v => string.Create(CultureInfo.InvariantCulture, $"{v.X:R} {v.Y:R}"))) + "\n";
        var projected = ExternalTools.Run("gdaltransform", ["-s_srs", "EPSG:4326", "-t_srs", "EPSG:4547", "-output_xy"], input)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())
            .Select(v => (E: v[0], N: v[1]))
            .ToList();
        var unmatched = projected.ToList();
        foreach (var row in rows)
        {
            var nearest = unmatched.MinBy(p => Math.Max(Math.Abs(p.N - row.X), Math.Abs(p.E - row.Y)));
            Assert.True(Math.Abs(nearest.N - row.X) <= 0.001 && Math.Abs(nearest.E - row.Y) <= 0.001,
                $"J{row.Label} X={row.X} Y={row.Y}: GDAL's nearest vertex is X={nearest.N:F4} Y={nearest.E:F4}");
            unmatched.Remove(nearest);
        }

        var first = rows[0];
        var firstRing = projected.Take(RingLengths(wgs84)[0]).ToList();
        var corner = (E: firstRing.Min(p => p.E), N: firstRing.Max(p => p.N));
        var northWest = firstRing.MinBy(p => Math.Pow(p.E - corner.E, 2) + Math.Pow(p.N - corner.N, 2));
        Assert.True(Math.Abs(northWest.N - first.X) <= 0.001 && Math.Abs(northWest.E - first.Y) <= 0.001, "J1 is not the north-west point");
        return rows.Count;
    }

    private static double Number(Group group) => double.Parse(group.Value, CultureInfo.InvariantCulture);

    // Distinct vertices of every ring, without the closing repeat, in the geometry's own order.
    private static List<Coordinate> Vertices(Geometry g) =>
        Rings(g).SelectMany(ring => ring.Coordinates.Take(ring.NumPoints - 1)).ToList();

    private static List<int> RingLengths(Geometry g) => Rings(g).Select(r => r.NumPoints - 1).ToList();

    private static IEnumerable<LineString> Rings(Geometry g) =>
        Enumerable.Range(0, g.NumGeometries).Select(i => (Polygon)g.GetGeometryN(i))
            .SelectMany(p => new[] { p.ExteriorRing }.Concat(p.InteriorRings));

    [GeneratedRegex(@"\bJ(\d+)\s+(\d{6,8}\.\d{3})\s+(\d{5,8}\.\d{3})\s+\d+\.\d{2}")]
    private static partial Regex TableRow();
}
