using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;

namespace LandMap.Core.Extraction.Input;

/// <summary>
/// Reads the text layer of PDF reports page by page (lines built by <see cref="PdfLineBuilder"/>),
/// with an empty line between pages. Scanned PDFs without a text layer fail with advice to run OCR.
/// </summary>
public sealed class PdfReportReader : IReportReader
{
    // Writers put the header within the first KiB; a file that ends before its last %%EOF was cut short.
    private const int HeaderWindow = 1024;
    private static readonly byte[] Header = "%PDF-"u8.ToArray();
    private static readonly byte[] EndOfFile = "%%EOF"u8.ToArray();

    /// <inheritdoc />
    public IReadOnlyList<string> Extensions { get; } = [".pdf"];

    /// <inheritdoc />
    public ReadResult Read(string fileName, byte[] content)
    {
        if (content.Length == 0)
            return ReadResult.Fail(fileName, "empty file");
        var span = content.AsSpan();
        if (span[..Math.Min(span.Length, HeaderWindow)].IndexOf(Header) < 0)
            return ReadResult.Fail(fileName, "not a PDF file (no %PDF- header)");
        if (span.LastIndexOf(EndOfFile) < 0)
            return ReadResult.Fail(fileName, "PDF is truncated (no %%EOF marker): copy or download the file again");
        try
        {
            return ReadDocument(fileName, content);
        }
        catch (PdfDocumentEncryptedException)
        {
            return ReadResult.Fail(fileName, "PDF is password-protected: save an unprotected copy first");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // PdfPig parses untrusted input and throws many exception types for broken files.
            return ReadResult.Fail(fileName, $"not a valid PDF ({e.Message})");
        }
    }

    private static ReadResult ReadDocument(string fileName, byte[] content)
    {
        using var document = PdfDocument.Open(content);
        var lines = new List<string>();
        var hasText = false;
        foreach (var page in document.GetPages())
        {
            if (page.Number > 1)
                lines.Add("");
            var pageLines = PdfLineBuilder.BuildLines(page.GetWords());
            hasText |= pageLines.Count > 0;
            lines.AddRange(pageLines);
        }
        return hasText
            ? ReadResult.Ok(new ReportText(fileName, lines, "pdf"))
            : ReadResult.Fail(fileName, "PDF has no text layer (a scan?): run OCR first");
    }
}
