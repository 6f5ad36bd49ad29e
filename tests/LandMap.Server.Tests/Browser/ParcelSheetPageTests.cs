using LandMap.Tests.Shared;

namespace LandMap.Server.Tests.Browser;

/// <summary>打印宗地图 in the parcel panel downloads the parcel's sheet, a one-page A4 PDF that poppler opens.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class ParcelSheetPageTests(BrowserFixture fixture) : MapPageTest(fixture)
{
    private const long Parcel = 410403202300004;

    [Fact]
    public async Task PrintParcelSheetDownloadsAnA4PdfOfThatParcel()
    {
        if (Page is null) return;
        await Page.EvaluateAsync($"() => window.landmap.select({Parcel}, {{ zoom: true }})");
        await Page.WaitForSelectorAsync("#panel:not([hidden]) .print-sheet a");
        await Settle();
        await Page.Locator(".print-sheet").ScrollIntoViewIfNeededAsync();
        await Screenshot("parcel-panel-print-sheet");

        var download = await Page.RunAndWaitForDownloadAsync(() => Page.ClickAsync(".print-sheet a"));

        Assert.Equal($"宗地图-{Parcel}.pdf", download.SuggestedFilename);
        var pdf = (await download.PathAsync())!;
        var info = ExternalTools.Run("pdfinfo", [pdf]);
        Assert.Matches(@"Pages:\s+1\b", info);
        Assert.Contains("(A4)", info);
        Assert.Contains(Parcel.ToString(System.Globalization.CultureInfo.InvariantCulture), ExternalTools.Run("pdftotext", [pdf, "-"]));
        Assert.Empty(ConsoleErrors);
    }
}
