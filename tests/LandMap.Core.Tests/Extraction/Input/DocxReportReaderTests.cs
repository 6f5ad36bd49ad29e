using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using LandMap.Core.Extraction.Input;

namespace LandMap.Core.Tests.Extraction.Input;

public class DocxReportReaderTests
{
    private readonly DocxReportReader _reader = new();

    [Fact]
    public void ReadsParagraphsAndTableRowsInDocumentOrder()
    {
        var docx = CreateDocx(
            Paragraph(new Text("关于卫东区2023年规划的报告")),
            Paragraph(new Text("专栏："), new TabChar(), new Text("用地保障"), new Break(), new Text("重点项目（2个）")),
            TableOf(
                ["序号", "项目名称", "位置", "面积（亩）"],
                ["1", "平安大道改造项目", "平安大道北侧", "40"],
                ["2", "东环路学校", "东环路东侧", "25.5"]),
            Paragraph(),
            Paragraph(new Text("Total area: "), new Text { Text = "65.5 ", Space = SpaceProcessingModeValues.Preserve }, new Text("mu")));

        var result = _reader.Read("report.docx", docx);

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal("docx", result.Text!.Encoding);
        Assert.Equal(
            [
                "关于卫东区2023年规划的报告",
                "专栏：\t用地保障",
                "重点项目（2个）",
                "序号\t项目名称\t位置\t面积（亩）",
                "1\t平安大道改造项目\t平安大道北侧\t40",
                "2\t东环路学校\t东环路东侧\t25.5",
                "",
                "Total area: 65.5 mu",
            ],
            result.Text.Lines);
    }

    [Fact]
    public void JoinsParagraphsOfOneCellWithSpaces()
    {
        var cell = new TableCell(Paragraph(new Text("平安大道")), Paragraph(new Text("北侧")));
        var docx = CreateDocx(new Table(new TableRow(Cell("位置"), cell)));

        var result = _reader.Read("cell.docx", docx);

        Assert.Equal(["位置\t平安大道 北侧"], result.Text!.Lines);
    }

    [Fact]
    public void TruncatedDocxFails()
    {
        var docx = CreateDocx(Paragraph(new Text("用地保障重点项目")));

        var result = _reader.Read("cut.docx", docx[..(docx.Length / 2)]);

        Assert.Equal("not a valid .docx (zip archive is truncated or corrupt)", result.Error!.Reason);
    }

    [Fact]
    public void ZipThatIsNotAWordDocumentFails()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = new StreamWriter(zip.CreateEntry("notes.txt").Open());
            entry.Write("用地");
        }

        var result = _reader.Read("notes.docx", stream.ToArray());

        Assert.Equal("not a valid .docx (the zip archive holds no Word document)", result.Error!.Reason);
    }

    [Fact]
    public void SpreadsheetRenamedToDocxFails()
    {
        using var stream = new MemoryStream();
        using (var workbook = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            workbook.AddWorkbookPart().Workbook = new DocumentFormat.OpenXml.Spreadsheet.Workbook();
        }

        var result = _reader.Read("indicators.docx", stream.ToArray());

        Assert.Equal("not a valid .docx (the zip archive holds no Word document)", result.Error!.Reason);
    }

    [Fact]
    public void LegacyDocFileFailsWithAdvice()
    {
        var result = _reader.Read("old.docx", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]);

        Assert.Contains("save as .docx", result.Error!.Reason);
    }

    [Fact]
    public void DocumentWithoutTextFails()
    {
        var result = _reader.Read("blank.docx", CreateDocx(Paragraph(), Paragraph()));

        Assert.Equal("the document has no text", result.Error!.Reason);
    }

    internal static byte[] CreateDocx(params OpenXmlElement[] blocks)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            document.AddMainDocumentPart().Document = new Document(new Body(blocks));
        }
        return stream.ToArray();
    }

    internal static Paragraph Paragraph(params OpenXmlElement[] runContent) =>
        new(runContent.Select(content => new Run(content)));

    private static TableCell Cell(string text) => new(Paragraph(new Text(text)));

    internal static Table TableOf(params string[][] rows) =>
        new(rows.Select(row => new TableRow(row.Select(Cell))));
}
