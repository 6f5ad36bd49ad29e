using System.IO.Compression;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace LandMap.Core.Extraction.Input;

/// <summary>
/// Reads Word .docx reports: the body's paragraphs and tables in document order. A paragraph is one
/// line (a manual line break starts another); a table row is one line with its cells separated by tabs.
/// Before the Open XML SDK sees the package, every XML part is scanned with a streaming reader: elements nested deeper
/// than <see cref="MaxNesting"/> are refused, as the SDK (and the reading below) recurses per level and a 4 KB file of
/// 30,000 nested content controls would overflow the stack, which no catch can handle.
/// </summary>
public sealed class DocxReportReader : IReportReader
{
    // A zip can inflate far beyond its size; cap the XML the SDK will load from one part.
    private const long MaxCharactersInPart = 64L * 1024 * 1024;

    /// <summary>The deepest element nesting read; Word's own documents stay far below (tables in tables, content controls).</summary>
    public const int MaxNesting = 256;

    /// <inheritdoc />
    public IReadOnlyList<string> Extensions { get; } = [".docx"];

    /// <inheritdoc />
    public ReadResult Read(string fileName, byte[] content)
    {
        if (content.Length == 0)
            return ReadResult.Fail(fileName, "empty file");
        if (content is [0xD0, 0xCF, 0x11, 0xE0, ..])
            return ReadResult.Fail(fileName, "a legacy Word .doc file, not .docx: open it in Word and save as .docx");
        try
        {
            return ReadDocument(fileName, content);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The SDK parses untrusted input (zip, XML, parts) and documents no complete list of what it throws.
            return ReadResult.Fail(fileName, $"not a valid .docx ({e.Message})");
        }
    }

    private static ReadResult ReadDocument(string fileName, byte[] content)
    {
        if (TooDeep(content) is { } part)
            return ReadResult.Fail(fileName, $"not a usable .docx: {part} nests elements more than {MaxNesting} levels deep; save the document again from Word");
        using var stream = new MemoryStream(content, writable: false);
        var settings = new OpenSettings { MaxCharactersInPart = MaxCharactersInPart };
        WordprocessingDocument document;
        try
        {
            document = WordprocessingDocument.Open(stream, false, settings);
        }
        catch (Exception e) when (e is InvalidDataException or FileFormatException)
        {
            return ReadResult.Fail(fileName, "not a valid .docx (zip archive is truncated or corrupt)");
        }
        using (document)
        {
            // The SDK takes any office package's main part (a workbook too) as the document part.
            var mainPart = document.MainDocumentPart;
            if (mainPart is null || !IsWordContentType(mainPart.ContentType))
                return ReadResult.Fail(fileName, "not a valid .docx (the zip archive holds no Word document)");
            var lines = new List<string>();
            if (mainPart.Document.Body is { } body)
                AppendBlocks(body, lines);
            return lines.All(string.IsNullOrWhiteSpace)
                ? ReadResult.Fail(fileName, "the document has no text")
                : ReadResult.Ok(new ReportText(fileName, lines, "docx"));
        }
    }

    /// <summary>The first XML part nesting elements deeper than <see cref="MaxNesting"/>, or null (also when the zip is unreadable: the SDK says why).</summary>
    private static string? TooDeep(byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = MaxCharactersInPart };
            foreach (var entry in zip.Entries.Where(e => e.Name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || e.Name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase)))
            {
                using var reader = XmlReader.Create(entry.Open(), settings);
                while (reader.Read())
                {
                    if (reader.Depth > MaxNesting) return entry.FullName;
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or XmlException or IOException)
        {
            // Not a zip or not XML: the SDK below gives the error the user sees.
        }
        return null;
    }

    private static bool IsWordContentType(string contentType) =>
        contentType.Contains("wordprocessingml", StringComparison.Ordinal)
        || contentType.Contains("ms-word", StringComparison.Ordinal);

    private static void AppendBlocks(OpenXmlElement container, List<string> lines)
    {
        foreach (var block in container.ChildElements)
        {
            switch (block)
            {
                case Paragraph paragraph:
                    lines.AddRange(ParagraphLines(paragraph));
                    break;
                case Table table:
                    lines.AddRange(TableRowLines(table));
                    break;
                case SdtBlock { SdtContentBlock: { } sdtContent }:
                    AppendBlocks(sdtContent, lines);
                    break;
            }
        }
    }

    /// <summary>The paragraph's text; each w:br or w:cr starts a new line.</summary>
    private static List<string> ParagraphLines(Paragraph paragraph)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var element in paragraph.Descendants())
        {
            switch (element)
            {
                case Text text:
                    line.Append(text.Text);
                    break;
                case TabChar:
                    line.Append('\t');
                    break;
                case NoBreakHyphen:
                    line.Append('-');
                    break;
                case Break or CarriageReturn:
                    lines.Add(line.ToString());
                    line.Clear();
                    break;
            }
        }
        lines.Add(line.ToString());
        return lines;
    }

    private static IEnumerable<string> TableRowLines(Table table) =>
        table.Descendants<TableRow>()
            .Where(row => IsDirectPartOf(row, table))
            .Select(row => string.Join('\t', row.Descendants<TableCell>()
                .Where(cell => IsDirectPartOf(cell, table))
                .Select(CellText)));

    /// <summary>A cell's paragraphs (and those of any table nested in it) joined by spaces.</summary>
    private static string CellText(TableCell cell) =>
        string.Join(' ', cell.Descendants<Paragraph>()
            .Select(paragraph => string.Join(' ', ParagraphLines(paragraph)).Trim())
            .Where(text => text.Length > 0));

    // Rows and cells may sit inside content controls, so test the nearest table rather than the parent.
    private static bool IsDirectPartOf(OpenXmlElement element, Table table) =>
        element.Ancestors<Table>().First() == table;
}
