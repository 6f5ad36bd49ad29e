using SkiaSharp;

namespace LandMap.Tiles.Print;

/// <summary>Document information written into a PDF.</summary>
/// <param name="Title">The document title (宗地图 …).</param>
/// <param name="Subject">What it shows.</param>
public sealed record PrintMetadata(string Title, string? Subject = null);

/// <summary>
/// Writes pages drawn in millimetres to a PDF or a PNG. A page is a callback that draws on a canvas whose unit is one
/// millimetre of paper, origin top-left: the same layout code makes the PDF a bureau files and the PNG a reviewer glances at.
/// </summary>
public static class PageWriter
{
    /// <summary>Resolution of PNG output: enough to read 6 pt text.</summary>
    public const int PngDpi = 150;

    /// <summary>Gap between pages stacked in one PNG, in millimetres.</summary>
    private const float PngPageGapMm = 6;

    /// <summary>Draws <paramref name="pages"/> on <paramref name="paper"/> and returns the file's bytes.</summary>
    public static byte[] Write(PrintFormat format, Paper paper, IReadOnlyList<Action<SKCanvas>> pages, PrintMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(pages);
        ArgumentOutOfRangeException.ThrowIfZero(pages.Count);
        return format == PrintFormat.Pdf ? Pdf(paper, pages, metadata) : Png(paper, pages);
    }

    private static byte[] Pdf(Paper paper, IReadOnlyList<Action<SKCanvas>> pages, PrintMetadata metadata)
    {
        using var stream = new MemoryStream();
        using (var managed = new SKManagedWStream(stream))
        {
            var info = new SKDocumentPdfMetadata
            {
                Title = metadata.Title, Subject = metadata.Subject ?? "", Creator = "LandMap", Producer = "LandMap (SkiaSharp)",
                // Vector output throughout; the raster DPI only applies to effects Skia cannot write as vectors.
                RasterDpi = 300, Creation = DateTime.Now, Modified = DateTime.Now,
            };
            using var document = SKDocument.CreatePdf(managed, info);
            foreach (var page in pages)
            {
                var canvas = document.BeginPage(paper.WidthPt, paper.HeightPt);
                canvas.Scale(Paper.PointsPerMm);
                page(canvas);
                document.EndPage();
            }

            document.Close();
        }

        return stream.ToArray();
    }

    private static byte[] Png(Paper paper, IReadOnlyList<Action<SKCanvas>> pages)
    {
        var pxPerMm = PngDpi / 25.4f;
        var width = (int)Math.Ceiling(paper.WidthMm * pxPerMm);
        var pageHeight = (int)Math.Ceiling(paper.HeightMm * pxPerMm);
        var gap = (int)Math.Ceiling(PngPageGapMm * pxPerMm);
        using var bitmap = new SKBitmap(new SKImageInfo(width, pages.Count * pageHeight + (pages.Count - 1) * gap, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(0xC8, 0xC8, 0xC8));
            for (var i = 0; i < pages.Count; i++)
            {
                canvas.Save();
                canvas.Translate(0, i * (pageHeight + gap));
                canvas.ClipRect(new SKRect(0, 0, width, pageHeight));
                canvas.Clear(SKColors.White);
                canvas.Scale(pxPerMm);
                pages[i](canvas);
                canvas.Restore();
            }
        }

        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }
}
