using System.Diagnostics;
using LandMap.Core.Crs;
using LandMap.Core.Gazetteer;
using LandMap.Data;
using LandMap.Data.Import;
using LandMap.Data.Review;
using LandMap.Tiles.Print;
using NetTopologySuite.Geometries;
using SkiaSharp;

namespace LandMap.Tiles.Tests.Print;

/// <summary>The sample reports of 卫东区 (2021 and 2023 plans) imported into a real SQLite store, once for the read-only tests.</summary>
public sealed class ImportedStore : IAsyncLifetime
{
    public static readonly string[] Reports = ["001_187e19a5026d8d3e.txt", "000_3754bd8aaca57094.txt"];

    public string Folder { get; } = Directory.CreateTempSubdirectory("landmap-thematic-").FullName;

    public string Db => Path.Combine(Folder, "landmap.db");

    public Task InitializeAsync() => ImportAsync(Db);

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }

    public static async Task ImportAsync(string db)
    {
        var (gazetteer, load) = GazetteerIndex.LoadDirectory(Path.Combine(Checkout.Root, "gis-data", "gazetteer"));
        Assert.True(gazetteer is not null, load.ToString());
        await using var store = await ParcelStoreFactory.OpenAsync(db);
        var results = await new ReportImporter(store, gazetteer).ImportFilesAsync(Reports.Select(r => Path.Combine(Checkout.Root, "gis-data", "reports", r)).ToList());
        Assert.All(results, r => Assert.Null(r.Error));
    }
}

public sealed class ThematicMapTests(ImportedStore imported) : IClassFixture<ImportedStore>
{
    private static readonly ThematicMapRequest Weidong2023 = new() { District = "卫东区", PlanYear = 2023, DrawnAt = new DateTime(2026, 12, 7) };

    [Fact]
    public async Task PdfIsOneA3LandscapePageWithTheCjkFontEmbeddedAndTheNamesAsText()
    {
        var pdf = Path.Combine(imported.Folder, "weidong-2023.pdf");
        await File.WriteAllBytesAsync(pdf, ThematicMap.Render(await LoadAsync(Weidong2023), PrintFormat.Pdf));

        var info = Poppler.Run("pdfinfo", pdf);
        Assert.Matches(@"Pages:\s+1\b", info);
        Assert.Contains("(A3)", info);
        Assert.Matches(@"Page size:\s+1190\.\d+ x 841\.\d+ pts", info);
        // One CJK font, embedded (emb = yes) with a ToUnicode map (uni = yes), so the text can be searched and copied.
        Assert.Matches(@"(?m)^\S*(WenQuanYi|Noto|Droid|AR ?PL|CJK)\S*\s.*\byes\s+yes\s+yes\b", Poppler.Run("pdffonts", pdf));
        var text = Poppler.Squash(Poppler.Run("pdftotext", $"{pdf} -"));
        Assert.Contains("卫东区2023年用地保障重点项目分布图", text);
        Assert.Contains("河南（平顶山）电子半导体产业园", text);
        Assert.Contains("EPSG:4547", text);
        Assert.Contains("比例尺约1:", text);
    }

    [Theory]
    [InlineData(PaperSize.A4, PaperOrientation.Portrait, "595", "841")]
    [InlineData(PaperSize.A4, PaperOrientation.Landscape, "841", "595")]
    public async Task PdfHasThePaperAsked(PaperSize size, PaperOrientation orientation, string width, string height)
    {
        var pdf = Path.Combine(imported.Folder, $"weidong-{size}-{orientation}.pdf");
        await File.WriteAllBytesAsync(pdf, ThematicMap.Render(await LoadAsync(Weidong2023 with { Paper = new Paper(size, orientation) }), PrintFormat.Pdf));

        var info = Poppler.Run("pdfinfo", pdf);
        Assert.Matches(@"Pages:\s+1\b", info);
        Assert.Matches($@"Page size:\s+{width}\.\d+ x {height}\.\d+ pts \(A4\)", info);
    }

    [Fact]
    public async Task EveryParcelOfThePlanYearIsOnTheSheetAndInTheTable()
    {
        var data = await LoadAsync(Weidong2023);
        var layout = new ThematicMapLayout(data);

        Assert.Equal(25, layout.Shown.Count);
        Assert.All(layout.Shown, p => Assert.Equal((2023, "卫东区"), (p.PlanYear, p.District)));
        var text = Poppler.Text(ThematicMap.Render(data, PrintFormat.Pdf), imported.Folder);
        // The table lists every parcel by seq; names are cut to the column, so look for the start of each.
        Assert.All(layout.Shown, p => Assert.Contains(Poppler.Squash(p.Name[..Math.Min(6, p.Name.Length)]), text));
    }

    [Fact]
    public async Task LegendListsOnlyWhatTheMapShows()
    {
        var layout = new ThematicMapLayout(await LoadAsync(Weidong2023));
        var rows = new ThematicMapPanel(layout, new LandMap.Tiles.Rendering.ParcelLayer(
            layout.Shown.Select(p => StoredMapParcels.ToMapParcel(p, ParcelPalette.Default)), layout.Data.Plane)).LegendRows().Select(r => r.Label).ToList();

        var stages = layout.Shown.Select(p => p.ProjectStage).OfType<string>().ToHashSet();
        foreach (var (key, entry) in ParcelPalette.Default.Stages)
        {
            Assert.Equal(stages.Contains(key), rows.Any(r => r.StartsWith(entry.Name + "（", StringComparison.Ordinal)));
        }

        Assert.Contains("2023 年计划", rows);
        Assert.DoesNotContain("2021 年计划", rows);
        Assert.Contains("道路", rows);
    }

    [Fact]
    public async Task LayersLeftOutAreNotDrawnNorInTheLegend()
    {
        var data = await LoadAsync(Weidong2023 with { Layers = MapLayers.Parcels });

        Assert.Empty(data.Places);
        var text = Poppler.Text(ThematicMap.Render(data, PrintFormat.Pdf), imported.Folder);
        Assert.DoesNotContain("道路", text);
        Assert.DoesNotContain("平安大道", text);
        // Without the labels layer the map names no parcel; the table still lists them.
        Assert.Contains("图中地块一览", text);
    }

    [Fact]
    public async Task TheMapFromTheStoreShowsTheReviewersEdit()
    {
        var db = Path.Combine(imported.Folder, "edited.db");
        await ImportedStore.ImportAsync(db);
        await using var store = await ParcelStoreFactory.OpenAsync(db);
        var before = await ThematicMapSource.LoadAsync(store, Weidong2023);
        var beforeLayout = new ThematicMapLayout(before.Data!);
        var parcel = beforeLayout.Shown.OrderBy(p => p.Seq).First(p => p.Geometry is IPolygonal);

        // Move the parcel to a free spot of the district, 600 m × 600 m, where the map drew no parcel before.
        var spot = FreeSpot(beforeLayout, before.Data!.Ground, 600);
        var outline = MetricPlane.Gk114.ToWgs84(spot);
        var saved = await IReviewStore.Of(store).SaveReviewedGeometryAsync(new ReviewedGeometry(parcel.Id, parcel.Version, outline, "li.wei", "按现场踏勘修改"));
        Assert.Equal(SaveOutcome.Saved, saved.Outcome);
        var after = await ThematicMapSource.LoadAsync(store, Weidong2023);
        var afterLayout = new ThematicMapLayout(after.Data!);

        var drawn = afterLayout.Shown.Single(p => p.PublicId == parcel.PublicId);
        Assert.True(drawn.Geometry!.EqualsTopologically(outline), $"expected {outline.AsText()}, drew {drawn.Geometry.AsText()}");
        using var pngBefore = SKBitmap.Decode(ThematicMap.Render(before.Data!, PrintFormat.Png));
        using var pngAfter = SKBitmap.Decode(ThematicMap.Render(after.Data!, PrintFormat.Png));
        // The map keeps its frame (the district's), so one paper position is one place before and after.
        Assert.Equal(before.Data!.Ground, after.Data!.Ground);
        var inNew = Samples(afterLayout, outline).Count(at => Distance(pngBefore.GetPixel(at.X, at.Y), pngAfter.GetPixel(at.X, at.Y)) > 40);
        Assert.True(inNew >= 4, $"only {inNew} of 5 points inside the edited outline changed colour");
        var oldCentre = Samples(afterLayout, parcel.Geometry!).First();
        Assert.True(Distance(pngBefore.GetPixel(oldCentre.X, oldCentre.Y), pngAfter.GetPixel(oldCentre.X, oldCentre.Y)) > 40,
            "the old outline is still drawn where the reviewer moved the parcel from");
        // The footer counts it among the edited outlines.
        Assert.Contains("1块经审核员修改或勘测", Poppler.Text(ThematicMap.Render(after.Data!, PrintFormat.Pdf), imported.Folder));
    }

    [Fact]
    public async Task ARejectedParcelIsNotPrinted()
    {
        var db = Path.Combine(imported.Folder, "rejected.db");
        await ImportedStore.ImportAsync(db);
        await using var store = await ParcelStoreFactory.OpenAsync(db);
        var parcel = new ThematicMapLayout((await ThematicMapSource.LoadAsync(store, Weidong2023)).Data!).Shown.First();

        Assert.True(await IReviewStore.Of(store).SetReviewStatusAsync(new StatusChange(parcel.Id, ReviewStatus.Rejected, "li.wei", "重复条目", "重复")));

        var layout = new ThematicMapLayout((await ThematicMapSource.LoadAsync(store, Weidong2023)).Data!);
        Assert.DoesNotContain(layout.Shown, p => p.PublicId == parcel.PublicId);
        Assert.Equal(24, layout.Shown.Count);
    }

    [Fact]
    public async Task NothingToDrawIsAProblemNamingTheFilters()
    {
        await using var store = await ParcelStoreFactory.OpenExistingAsync(imported.Db);

        var (data, problem) = await ThematicMapSource.LoadAsync(store, new ThematicMapRequest { District = "无此区", PlanYear = 1999 });

        Assert.Null(data);
        Assert.Contains("无此区", problem);
        Assert.Contains("1999", problem);
    }

    [Fact]
    public void PaletteIsThePagesStyle()
    {
        var file = ParcelPalette.Load(Path.Combine(Checkout.Root, "tiles", "style.json"));
        var builtIn = ParcelPalette.Default;

        Assert.Equal(file.Stages, builtIn.Stages);
        Assert.Equal(file.Statuses, builtIn.Statuses);
        Assert.Equal(file.PlanYears.Keys.Order(), builtIn.PlanYears.Keys.Order());
        Assert.All(file.PlanYears, y =>
        {
            Assert.Equal(y.Value.Stroke, builtIn.PlanYears[y.Key].Stroke);
            Assert.Equal(y.Value.Dash, builtIn.PlanYears[y.Key].Dash);
        });
        Assert.Equal(file.FillOpacity, builtIn.FillOpacity);
    }

    [Fact]
    public void ABrokenStyleFileIsRefusedNamingIt()
    {
        var path = Path.Combine(imported.Folder, "style.json");
        File.WriteAllText(path, """{ "parcels": { "stages": {} } }""");

        var error = Assert.Throws<InvalidDataException>(() => ParcelPalette.Load(path));
        Assert.Contains(path, error.Message);
    }

    private async Task<ThematicMapData> LoadAsync(ThematicMapRequest request)
    {
        await using var store = await ParcelStoreFactory.OpenExistingAsync(imported.Db);
        var (data, problem) = await ThematicMapSource.LoadAsync(store, request);
        Assert.True(data is not null, problem);
        return data;
    }

    // A square of side metres inside the district frame, clear of every drawn parcel (with a margin) and of the frame's edges.
    private static Polygon FreeSpot(ThematicMapLayout layout, Envelope ground, double side)
    {
        var factory = new GeometryFactory();
        var taken = layout.Shown.Select(p => MetricPlane.Gk114.ToPlane(p.Geometry!).Buffer(side)).ToList();
        for (var fy = 0.3; fy <= 0.7; fy += 0.05)
        {
            for (var fx = 0.25; fx <= 0.75; fx += 0.05)
            {
                var (x, y) = (ground.MinX + ground.Width * fx, ground.MinY + ground.Height * fy);
                var square = (Polygon)factory.ToGeometry(new Envelope(x, x + side, y, y + side));
                if (!taken.Any(t => t.Intersects(square))) return square;
            }
        }

        throw new InvalidOperationException("no free spot in the frame");
    }

    // The PNG pixels of an outline's interior point and four points around it, a quarter of its box away.
    private static IEnumerable<SKPointI> Samples(ThematicMapLayout layout, Geometry wgs84)
    {
        var centre = wgs84.InteriorPoint.Coordinate;
        var box = wgs84.EnvelopeInternal;
        (double, double)[] offsets = [(0, 0), (-0.25, 0), (0.25, 0), (0, -0.25), (0, 0.25)];
        foreach (var (dx, dy) in offsets)
        {
            var mm = layout.ToPaper(centre.X + dx * box.Width, centre.Y + dy * box.Height);
            var pxPerMm = PageWriter.PngDpi / 25.4f;
            yield return new SKPointI((int)(mm.X * pxPerMm), (int)(mm.Y * pxPerMm));
        }
    }

    private static int Distance(SKColor a, SKColor b) => Math.Abs(a.Red - b.Red) + Math.Abs(a.Green - b.Green) + Math.Abs(a.Blue - b.Blue);
}

/// <summary>poppler-utils (pdfinfo, pdffonts, pdftotext), installed by .ci/apt-packages.txt.</summary>
internal static class Poppler
{
    public static string Run(string tool, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException($"{tool} did not start; install poppler-utils");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), $"{tool} {arguments} did not finish");
        Assert.True(process.ExitCode == 0, $"{tool} {arguments}: {error.Result}");
        return output.Result;
    }

    public static string Text(byte[] pdf, string folder)
    {
        var path = Path.Combine(folder, $"{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        return Squash(Run("pdftotext", $"{path} -"));
    }

    /// <summary>The text without white space: pdftotext spaces out glyphs that Skia places one by one.</summary>
    public static string Squash(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", "");
}
