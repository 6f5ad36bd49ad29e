using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace LandMap.Server.Tests.Api;

/// <summary>
/// Reads exported tables back, each by two readers: an XLSX sheet through the Open XML SDK and, independently, through
/// its zipped XML (what GDAL and LibreOffice read; neither is installed here), a CSV by an RFC 4180 parser.
/// A cell is its text, or for a number cell its value in invariant culture.
/// </summary>
internal static class SheetReader
{
    /// <summary>The named sheet's rows (first sheet when null) through the Open XML SDK, cells placed by their A1 references.</summary>
    public static List<string?[]> OpenXmlRows(byte[] xlsx, string? sheetName = null)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var workbook = document.WorkbookPart!;
        var strings = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().First(s => sheetName is null || s.Name == sheetName);
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
        return part.Worksheet.Descendants<Row>().Select(row =>
        {
            var cells = row.Elements<Cell>().ToList();
            var values = new string?[cells.Count == 0 ? 0 : cells.Max(c => Column(c.CellReference!)) + 1];
            foreach (var cell in cells)
                values[Column(cell.CellReference!)] = cell.DataType?.Value == CellValues.SharedString ? strings[int.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture)] : cell.CellValue?.Text;
            return values;
        }).ToList();
    }

    /// <summary>The same through the package's XML, without the SDK; also the sheet names and the sheet's XML itself.</summary>
    public static (List<string?[]> Rows, List<string> SheetNames, XDocument Sheet) XmlRows(byte[] xlsx, int sheetIndex = 0)
    {
        XNamespace main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        XNamespace rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        XNamespace pkg = "http://schemas.openxmlformats.org/package/2006/relationships";
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        XDocument Load(string path) => XDocument.Load(zip.GetEntry(path)?.Open() ?? throw new InvalidDataException($"{path} missing"));
        var workbook = Load("xl/workbook.xml");
        var sheets = workbook.Descendants(main + "sheet").ToList();
        var target = Load("xl/_rels/workbook.xml.rels").Descendants(pkg + "Relationship")
            .Single(r => (string)r.Attribute("Id")! == (string)sheets[sheetIndex].Attribute(rel + "id")!).Attribute("Target")!.Value;
        var sheetPath = target.StartsWith('/') ? target.TrimStart('/') : "xl/" + target;
        var sharedTarget = Load("xl/_rels/workbook.xml.rels").Descendants(pkg + "Relationship").Single(r => ((string)r.Attribute("Type")!).EndsWith("/sharedStrings"))
            .Attribute("Target")!.Value;
        var strings = Load(sharedTarget.StartsWith('/') ? sharedTarget.TrimStart('/') : "xl/" + sharedTarget).Descendants(main + "si")
            .Select(si => string.Concat(si.Descendants(main + "t").Select(t => t.Value))).ToList();
        var sheet = Load(sheetPath);
        var rows = sheet.Descendants(main + "row").Select(row =>
        {
            var cells = row.Elements(main + "c").ToList();
            var values = new string?[cells.Count == 0 ? 0 : cells.Max(c => Column((string)c.Attribute("r")!)) + 1];
            foreach (var c in cells)
            {
                var v = c.Element(main + "v")?.Value;
                values[Column((string)c.Attribute("r")!)] = (string?)c.Attribute("t") == "s" && v is not null ? strings[int.Parse(v, CultureInfo.InvariantCulture)] : v;
            }
            return values;
        }).ToList();
        return (rows, sheets.Select(s => (string)s.Attribute("name")!).ToList(), sheet);
    }

    /// <summary>The records of a CSV (RFC 4180: quoted fields may hold commas, quotes doubled, line breaks), after its UTF-8 byte-order mark.</summary>
    public static List<string[]> CsvRecords(byte[] csv)
    {
        Assert.True(csv.Length >= 3 && csv[0] == 0xEF && csv[1] == 0xBB && csv[2] == 0xBF, "the CSV starts with the UTF-8 byte-order mark");
        var text = new UTF8Encoding(false, true).GetString(csv, 3, csv.Length - 3);
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"' && field.Length == 0) quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                records.Add([.. fields]);
                fields.Clear();
                i++;
            }
            else field.Append(c);
        }
        Assert.False(quoted, "the CSV ends inside a quoted field");
        Assert.True(field.Length == 0 && fields.Count == 0, "the CSV ends with CRLF");
        return records;
    }

    private static int Column(string reference)
    {
        var column = 0;
        foreach (var c in reference.TakeWhile(char.IsLetter)) column = column * 26 + (c - 'A' + 1);
        return column - 1;
    }
}
