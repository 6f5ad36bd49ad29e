using System.Text.Json;
using LandMap.Server.Tests.Api;
using Microsoft.Playwright;
using SkiaSharp;

namespace LandMap.Server.Tests.Browser;

/// <summary>
/// Exports from the page (找地 and the comparison as XLSX/CSV from the server, the map as PNG composed in the browser)
/// and the investor facts of the parcel panel, with the 仅显示可供用地 filter of 找地.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class ExportAndInvestorPageTests(BrowserFixture fixture) : MapPageTest(fixture)
{
    private const long OperatingPark = 410403202300001;

    [Fact]
    public async Task FindLandExportsEveryMatchAsXlsxAndFiltersOnAvailability()
    {
        if (Page is null) return;
        Assert.True(await Page.IsDisabledAsync("#land-export-xlsx"));
        await Page.SelectOptionAsync("#land-use", "industrial-land");
        await Page.FillAsync("#land-min", "100");
        await Page.DispatchEventAsync("#land-min", "change");
        var expected = await ExpectedIds("use=industrial-land&minAreaMu=100&sortby=-areaMu");
        await Page.WaitForFunctionAsync("n => document.querySelectorAll('#land-list li[data-id]').length === n", expected.Count);
        Assert.Contains(OperatingPark, expected);
        Assert.False(await Page.IsDisabledAsync("#land-export-xlsx"));

        var download = await Page.RunAndWaitForDownloadAsync(() => Page.ClickAsync("#land-export-xlsx"));
        Assert.StartsWith("LandMap地块-", download.SuggestedFilename);
        Assert.EndsWith(".xlsx", download.SuggestedFilename);
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.True(bytes.Length > 2000, $"{bytes.Length} bytes");
        Assert.Equal("PK"u8.ToArray(), bytes[..2]);
        var rows = SheetReader.OpenXmlRows(bytes);
        Assert.Equal("编号", rows[0][0]);
        Assert.Equal(expected, rows.Skip(1).Select(r => long.Parse(r[0]!)).ToList());

        // 仅显示可供用地: the park whose project operates leaves the list, and the export follows the list.
        await Page.CheckAsync("#land-available");
        await Page.WaitForFunctionAsync("n => document.querySelectorAll('#land-list li[data-id]').length === n", expected.Count - 1);
        Assert.Contains(Requests, u => u.Contains("available=true"));
        var listed = await Page.EvalOnSelectorAllAsync<long[]>("#land-list li[data-id]", "items => items.map(i => Number(i.dataset.id))");
        Assert.DoesNotContain(OperatingPark, listed);
        var csvDownload = await Page.RunAndWaitForDownloadAsync(() => Page.ClickAsync("#land-export-csv"));
        Assert.EndsWith(".csv", csvDownload.SuggestedFilename);
        var csv = SheetReader.CsvRecords(await File.ReadAllBytesAsync((await csvDownload.PathAsync())!));
        Assert.Equal(expected.Where(id => id != OperatingPark), csv.Skip(1).Select(r => long.Parse(r[0])));
        await Screenshot("find-land-available");

        await Page.ClickAsync("#land-clear");
        await Page.WaitForFunctionAsync("() => document.querySelector('#land-export-xlsx').disabled");
        Assert.False(await Page.IsCheckedAsync("#land-available"));
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task ComparisonCardExportsItsLinesAsCsv()
    {
        if (Page is null) return;
        await Page.ClickAsync("#compare-button");
        await Page.WaitForFunctionAsync("() => document.querySelector('#compare-counts').textContent.includes('延续')");
        var entries = await Page.EvaluateAsync<int>("async () => (await (await fetch('/api/plans/diff?from=2021&to=2023&district=卫东区')).json()).entries.length");
        var download = await Page.RunAndWaitForDownloadAsync(() => Page.ClickAsync("#compare-export-csv"));
        Assert.StartsWith("LandMap两年对比-卫东区-2021-2023年", download.SuggestedFilename);
        var csv = SheetReader.CsvRecords(await File.ReadAllBytesAsync((await download.PathAsync())!));
        Assert.Equal(entries, csv.Count - 1);
        await Settle();
        await Screenshot("compare-export");
        // The map of the comparison as PNG: its caption names the two years.
        var png = await Page.RunAndWaitForDownloadAsync(() => Page.ClickAsync("#export-png"));
        await png.SaveAsAsync(Path.Combine(BrowserFixture.ScreenshotFolder, "export-map-compare.png"));

        // A district without two plan years has nothing to export.
        await Page.SelectOptionAsync("#district", "湛河区");
        await Page.WaitForFunctionAsync("() => document.querySelector('#compare-export-xlsx').disabled");
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task MapExportsAsAPngOfItsSizeWithTheMapDrawn()
    {
        if (Page is null) return;
        await FitParcels("planYear=2023");
        var size = await Page.EvaluateAsync<int[]>("() => window.landmap.map.getSize()");
        var download = await Page.RunAndWaitForDownloadAsync(() => Page.ClickAsync("#export-png"));
        Assert.EndsWith(".png", download.SuggestedFilename);
        var path = Path.Combine(BrowserFixture.ScreenshotFolder, "export-map.png");
        await download.SaveAsAsync(path);
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);

        using var bitmap = SKBitmap.Decode(bytes);
        Assert.Equal((size[0], size[1]), (bitmap.Width, bitmap.Height));
        // Not blank: the basemap, parcels and caption give many colours, spread over the image.
        var colours = new HashSet<uint>();
        for (var y = 0; y < bitmap.Height; y += 7)
            for (var x = 0; x < bitmap.Width; x += 7)
                colours.Add((uint)bitmap.GetPixel(x, y));
        Assert.True(colours.Count > 200, $"only {colours.Count} colours");
        // The caption box (white, bottom left) and the map above it differ.
        Assert.NotEqual(bitmap.GetPixel(size[0] / 2, size[1] / 3), bitmap.GetPixel(20, size[1] - 20));
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task InvestorPanelOfIndustrialLandShowsRoadRailwayParkAndWhetherItIsAvailable()
    {
        if (Page is null) return;
        var facts = await Page.EvaluateAsync<JsonElement>($"async () => (await (await fetch('/api/parcels/{OperatingPark}')).json()).properties.investor");

        await Page.EvaluateAsync($"() => window.landmap.select({OperatingPark}, {{ zoom: true }})");
        await Page.WaitForSelectorAsync("#panel:not([hidden]) .investor");
        Assert.Contains("已投产，非可供用地", await Page.InnerTextAsync(".investor .occupied"));
        var road = await Page.InnerTextAsync(".investor-road");
        Assert.Contains(facts.GetProperty("nearestRoad").GetProperty("name").GetString()!, road);
        Assert.Contains("米", road);
        var railway = await Page.InnerTextAsync(".investor-railway");
        Assert.Contains(facts.GetProperty("nearestRailway").GetProperty("name").GetString()!, railway);
        Assert.Contains(facts.GetProperty("nearestRailway").GetProperty("distanceM").GetDouble().ToString("#,0", System.Globalization.CultureInfo.InvariantCulture), railway);
        Assert.Contains("电子半导体产业园", await Page.InnerTextAsync(".investor-park"));
        Assert.Equal(BrowserFixture.InvestorContact, await Page.InnerTextAsync(".investor-contact"));
        await Page.WaitForTimeoutAsync(500);
        await Settle();
        await Page.Locator(".investor").ScrollIntoViewIfNeededAsync();
        await Screenshot("investor-panel-occupied");

        // Land still to find, in no known park: 是, and 未知 rather than a guess.
        await Page.EvaluateAsync("() => window.landmap.select(410403202300002, { zoom: true })");
        await Page.WaitForSelectorAsync("#panel:not([hidden]) .investor[data-available=true]");
        Assert.Equal(0, await Page.Locator(".investor .occupied").CountAsync());
        Assert.StartsWith("是", await Page.InnerTextAsync(".investor-available"));
        Assert.StartsWith("未知", await Page.InnerTextAsync(".investor-park"));
        await Page.WaitForTimeoutAsync(500);
        await Settle();
        await Screenshot("investor-panel-available");

        // Not industrial land (a hospital): no investor section.
        await Page.EvaluateAsync("() => window.landmap.select(410403202300013)");
        await Page.WaitForFunctionAsync("() => document.querySelector('.parcel-name')?.dataset.id === '410403202300013'");
        Assert.Equal(0, await Page.Locator(".investor").CountAsync());
        Assert.Empty(ConsoleErrors);
    }

    private async Task<List<long>> ExpectedIds(string query) =>
        (await Page!.EvaluateAsync<long[]>($"async () => (await (await fetch('/api/parcels?limit=10000&{query}')).json()).features.map(f => f.id)")).ToList();
}
