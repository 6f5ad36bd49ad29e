using LandMap.Core.Extraction.Input;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace LandMap.Core.Tests.Extraction.Input;

public class PdfReportReaderTests
{
    // Debian's fonts-arphic-gbsn00lp, listed in .ci/apt-packages.txt. DroidSansFallbackFull.ttf
    // (fonts-droid-fallback) lacks ASCII digits and makes PdfPig 0.1.16's font subsetter throw.
    private const string CjkFontPath = "/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf";
    private const string CjkFontPackage = "fonts-arphic-gbsn00lp";
    internal const double FontSize = 12;

    private readonly PdfReportReader _reader = new();

    [Fact]
    public void ReadsChineseLines()
    {
        string[] expected = ["专栏：用地保障重点项目（2个）", "1、某项目：位于平安大道北侧，面积 40 亩。"];
        var pdf = BuildPdf((page, font) =>
        {
            page.AddText(expected[0], FontSize, new PdfPoint(50, 700), font);
            page.AddText(expected[1], FontSize, new PdfPoint(50, 680), font);
        });

        var result = _reader.Read("report.pdf", pdf);

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal("pdf", result.Text!.Encoding);
        Assert.Equal(expected, result.Text.Lines.Select(line => line.Trim()));
    }

    [Fact]
    public void JoinsGlyphsPlacedOneByOne()
    {
        var pdf = BuildPdf((page, font) => AddGlyphByGlyph(page, font, "1、某项目：面积 40 亩。", 700, extraGap: 0));

        var result = _reader.Read("glyphs.pdf", pdf);

        Assert.Equal(["1、某项目：面积 40 亩。"], result.Text!.Lines);
    }

    [Fact]
    public void SpacedOutChineseHeadingLosesItsSpaces()
    {
        var pdf = BuildPdf((page, font) => AddGlyphByGlyph(page, font, "前言", 700, extraGap: FontSize));

        var result = _reader.Read("heading.pdf", pdf);

        Assert.Equal(["前言"], result.Text!.Lines);
    }

    [Fact]
    public void SeparatesTableColumnsWithTabs()
    {
        var pdf = BuildPdf((page, font) =>
        {
            page.AddText("序号", FontSize, new PdfPoint(50, 700), font);
            page.AddText("项目名称", FontSize, new PdfPoint(120, 700), font);
            page.AddText("面积（亩）", FontSize, new PdfPoint(300, 700), font);
        });

        var result = _reader.Read("table.pdf", pdf);

        Assert.Equal(["序号\t项目名称\t面积（亩）"], result.Text!.Lines);
    }

    [Fact]
    public void SeparatesPagesWithAnEmptyLine()
    {
        var pdf = BuildPdf(
            (page, font) => page.AddText("第一页", FontSize, new PdfPoint(50, 700), font),
            (page, font) => page.AddText("第二页", FontSize, new PdfPoint(50, 700), font));

        var result = _reader.Read("pages.pdf", pdf);

        Assert.Equal(["第一页", "", "第二页"], result.Text!.Lines);
    }

    [Fact]
    public void PageWithoutTextFailsAsScan()
    {
        var pdf = BuildPdf((page, _) => page.DrawRectangle(new PdfPoint(50, 50), 200, 100));

        var result = _reader.Read("scan.pdf", pdf);

        Assert.Equal("PDF has no text layer (a scan?): run OCR first", result.Error!.Reason);
    }

    [Fact]
    public void TruncatedPdfFails()
    {
        var pdf = BuildPdf((page, font) => page.AddText("用地保障", FontSize, new PdfPoint(50, 700), font));

        var result = _reader.Read("cut.pdf", pdf[..(pdf.Length / 2)]);

        Assert.False(result.Succeeded);
        Assert.Contains("truncated", result.Error!.Reason);
    }

    [Fact]
    public void GarbageBetweenHeaderAndEndFails()
    {
        var result = _reader.Read("junk.pdf", "%PDF-1.7\n这不是 PDF 对象\n%%EOF\n"u8.ToArray());

        Assert.False(result.Succeeded);
        Assert.StartsWith("not a valid PDF", result.Error!.Reason);
    }

    [Fact]
    public void TextFileNamedPdfFails()
    {
        var result = _reader.Read("notes.pdf", "用地保障重点项目"u8.ToArray());

        Assert.Equal("not a PDF file (no %PDF- header)", result.Error!.Reason);
    }

    [Fact]
    public void LatinWordsKeepTheirSpaces()
    {
        var pdf = BuildPdf((page, font) => page.AddText("Land area: 40 mu", FontSize, new PdfPoint(50, 700), font));

        var result = _reader.Read("latin.pdf", pdf);

        Assert.Equal(["Land area: 40 mu"], result.Text!.Lines);
    }

    private static void AddGlyphByGlyph(PdfPageBuilder page, PdfDocumentBuilder.AddedFont font, string text, double y, double extraGap)
    {
        var x = 50.0;
        foreach (var glyph in text)
            x = page.AddText(glyph.ToString(), FontSize, new PdfPoint(x, y), font)[^1].EndBaseLine.X + extraGap;
    }

    internal static byte[] BuildPdf(params Action<PdfPageBuilder, PdfDocumentBuilder.AddedFont>[] pages)
    {
        Assert.True(File.Exists(CjkFontPath),
            $"CJK test font {CjkFontPath} is missing: apt-get install {CjkFontPackage} (see .ci/apt-packages.txt)");
        using var builder = new PdfDocumentBuilder();
        var font = builder.AddTrueTypeFont(File.ReadAllBytes(CjkFontPath));
        foreach (var drawPage in pages)
            drawPage(builder.AddPage(PageSize.A4), font);
        return builder.Build();
    }
}
