using System.Globalization;
using System.Web;

namespace LandMap.Server.Tests.Browser;

/// <summary>导出地图: the page asks the server for the PDF of exactly its view (extent, plan year, district, layers shown).</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class PrintMapPageTests(BrowserFixture fixture) : MapPageTest(fixture)
{
    [Fact]
    public async Task ExportMapDownloadsAOnePageA3PdfOfTheView()
    {
        if (Page is null) return;
        await Page.ClickAsync("#plan-year button[data-year='2023']");
        await Page.SelectOptionAsync("#district", "卫东区");
        await FitParcels("planYear=2023&district=%E5%8D%AB%E4%B8%9C%E5%8C%BA");
        var view = await Page.EvaluateAsync<double[]>("""
            () => { const v = window.landmap.map.getView(); const e = v.calculateExtent(window.landmap.map.getSize());
              const [a, b] = [ol_toLonLat(e.slice(0, 2)), ol_toLonLat(e.slice(2))]; return [...a, ...b]; }
            """.Replace("ol_toLonLat", "((c) => { const x = c[0] / 6378137 * 180 / Math.PI; const y = (2 * Math.atan(Math.exp(c[1] / 6378137)) - Math.PI / 2) * 180 / Math.PI; return [x, y]; })"));

        var download = await Page.RunAndWaitForDownloadAsync(() => Page.ClickAsync("#export-map"));

        Assert.StartsWith("LandMap专题图-卫东区-2023年-", download.SuggestedFilename);
        Assert.EndsWith(".pdf", download.SuggestedFilename);
        var path = Path.Combine(BrowserFixture.ScreenshotFolder, "export-map.pdf");
        await download.SaveAsAsync(path);
        var (exit, info) = Tools.Run("pdfinfo", path);
        Assert.True(exit == 0, info);
        Assert.Matches(@"Pages:\s+1\b", info);
        Assert.Matches(@"Page size:\s+1190\.\d+ x 841\.\d+ pts \(A3\)", info);
        var (_, text) = Tools.Run("pdftotext", $"{path} -");
        Assert.Contains("卫东区2023年用地保障重点项目分布图", System.Text.RegularExpressions.Regex.Replace(text, @"\s+", ""));

        // The request names the view: its box (WGS 84) within a metre or so, the filters and every layer shown.
        var request = Assert.Single(Requests, u => u.Contains("/api/maps/sheet.pdf", StringComparison.Ordinal));
        var query = HttpUtility.ParseQueryString(new Uri(request).Query);
        Assert.Equal(("2023", "卫东区", "basemap,parcels,labels,projects"), (query["planYear"], query["district"], query["layers"]));
        var bbox = query["bbox"]!.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(4, bbox.Length);
        for (var i = 0; i < 4; i++) Assert.InRange(bbox[i] - view[i], -1e-5, 1e-5);
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task AHiddenLayerIsLeftOutOfTheSheet()
    {
        if (Page is null) return;
        await Page.EvaluateAsync("() => window.landmap.projects.setVisible(false)");

        await Page.RunAndWaitForDownloadAsync(() => Page.ClickAsync("#export-map"));

        var request = Assert.Single(Requests, u => u.Contains("/api/maps/sheet.pdf", StringComparison.Ordinal));
        Assert.Equal("basemap,parcels,labels", HttpUtility.ParseQueryString(new Uri(request).Query)["layers"]);
    }

    [Fact]
    public async Task TheComparisonIsNotPrintedButSaysWhy()
    {
        if (Page is null) return;
        await Page.ClickAsync("#compare-button");
        await Page.WaitForFunctionAsync("() => document.querySelector('#compare-counts').textContent.includes('延续')");

        await Page.ClickAsync("#export-map");

        await Page.WaitForFunctionAsync("() => !document.querySelector('#search-message').hidden");
        Assert.Contains("导出 PNG", await Page.TextContentAsync("#search-message"));
        Assert.DoesNotContain(Requests, u => u.Contains("/api/maps/sheet.pdf", StringComparison.Ordinal));
    }
}
