using System.Globalization;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;

namespace LandMap.Data.Export;

/// <summary>
/// Writes a <see cref="SheetTable"/> as an XLSX workbook a person can read at once: a bold header row that stays in view
/// (frozen pane), column widths, numbers as numbers (ids whole, areas with two decimals, confidence as a percentage), text
/// in the shared string table and made safe against formula injection; the tables' notes on a last sheet 说明. The package
/// is built in memory, then copied to the output: the Open XML SDK needs a seekable stream, and a response body is not
/// one. Each part's XML is written with an <see cref="XmlWriter"/> in the default namespace, with A1 references on every
/// cell and text as shared strings, because GDAL's XLSX driver reads neither the SDK's "x:" prefixed elements nor inline
/// strings. (ClosedXML 0.95.4, the newest the registry serves, is compiled against Open XML SDK 2 and fails with
/// InvalidProgramException beside the SDK 3 that report reading needs.)
/// </summary>
public static class SheetXlsxWriter
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    // Cell style indexes of the stylesheet below (cellXfs).
    private const int HeaderStyle = 1;
    private const int IntegerStyle = 2;
    private const int DecimalStyle = 3;
    private const int PercentStyle = 4;

    /// <summary>The name of the sheet that holds the notes.</summary>
    public const string NotesSheet = "说明";

    /// <summary>Writes <paramref name="table"/> to <paramref name="output"/>.</summary>
    public static Task WriteAsync(SheetTable table, Stream output, CancellationToken cancellationToken = default) =>
        WriteAsync([table], output, cancellationToken);

    /// <summary>Writes each of <paramref name="tables"/> as a sheet of one workbook; the notes of all of them go on 说明.</summary>
    public static async Task WriteAsync(IReadOnlyList<SheetTable> tables, Stream output, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            var strings = new SharedStrings();
            var sheets = new List<(string Name, string RelationshipId)>();

            foreach (var table in tables)
            {
                var dataPart = workbookPart.AddNewPart<WorksheetPart>();
                using (var xml = Writer(dataPart.GetStream(FileMode.Create)))
                {
                    StartSheet(xml, table.Columns.Select(c => c.Width).ToList(), freezeHeader: true);
                    uint rowIndex = 1;
                    WriteRow(xml, rowIndex++, table.Columns.Select(c => (object?)c.Header).ToArray(), _ => HeaderStyle, strings);
                    await foreach (var row in table.Rows.WithCancellation(cancellationToken))
                        WriteRow(xml, rowIndex++, row, c => c < table.Columns.Count ? StyleOf(table.Columns[c].Kind) : 0, strings);
                    EndSheet(xml);
                }
                sheets.Add((SheetName(table.SheetName), workbookPart.GetIdOfPart(dataPart)));
            }

            var notes = tables.SelectMany(t => t.Notes).ToList();
            if (notes.Count > 0)
            {
                var notesPart = workbookPart.AddNewPart<WorksheetPart>();
                using (var xml = Writer(notesPart.GetStream(FileMode.Create)))
                {
                    StartSheet(xml, [100], freezeHeader: false);
                    uint rowIndex = 1;
                    foreach (var note in notes) WriteRow(xml, rowIndex++, [note], _ => 0, strings);
                    EndSheet(xml);
                }
                sheets.Add((NotesSheet, workbookPart.GetIdOfPart(notesPart)));
            }

            WriteStyles(workbookPart.AddNewPart<WorkbookStylesPart>());
            WriteSharedStrings(workbookPart.AddNewPart<SharedStringTablePart>(), strings);
            WriteWorkbook(workbookPart, sheets);
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(output, cancellationToken);
    }

    private static XmlWriter Writer(Stream stream) =>
        XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), CloseOutput = true });

    private static int StyleOf(SheetCellKind kind) => kind switch
    {
        SheetCellKind.Integer => IntegerStyle,
        SheetCellKind.Decimal => DecimalStyle,
        SheetCellKind.Percent => PercentStyle,
        _ => 0,
    };

    private static void StartSheet(XmlWriter xml, IReadOnlyList<double> widths, bool freezeHeader)
    {
        xml.WriteStartDocument(true);
        xml.WriteStartElement("worksheet", Main);
        xml.WriteStartElement("sheetViews", Main);
        xml.WriteStartElement("sheetView", Main);
        xml.WriteAttributeString("workbookViewId", "0");
        if (freezeHeader)
        {
            // The header row stays in view while the rows scroll.
            xml.WriteStartElement("pane", Main);
            xml.WriteAttributeString("ySplit", "1");
            xml.WriteAttributeString("topLeftCell", "A2");
            xml.WriteAttributeString("activePane", "bottomLeft");
            xml.WriteAttributeString("state", "frozen");
            xml.WriteEndElement();
            xml.WriteStartElement("selection", Main);
            xml.WriteAttributeString("pane", "bottomLeft");
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteStartElement("cols", Main);
        for (var i = 0; i < widths.Count; i++)
        {
            var index = (i + 1).ToString(CultureInfo.InvariantCulture);
            xml.WriteStartElement("col", Main);
            xml.WriteAttributeString("min", index);
            xml.WriteAttributeString("max", index);
            xml.WriteAttributeString("width", widths[i].ToString("0.##", CultureInfo.InvariantCulture));
            xml.WriteAttributeString("customWidth", "1");
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteStartElement("sheetData", Main);
    }

    private static void EndSheet(XmlWriter xml)
    {
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    // Readers such as GDAL place cells by their A1 references, so every row and cell carries one.
    private static void WriteRow(XmlWriter xml, uint index, object?[] values, Func<int, int> styleOf, SharedStrings strings)
    {
        var rowNumber = index.ToString(CultureInfo.InvariantCulture);
        xml.WriteStartElement("row", Main);
        xml.WriteAttributeString("r", rowNumber);
        for (var c = 0; c < values.Length; c++)
        {
            if (values[c] is not { } value) continue;
            string type, text;
            if (value is bool b) (type, text) = ("b", b ? "1" : "0");
            else if (value is IConvertible n && n.GetTypeCode() is >= TypeCode.SByte and <= TypeCode.Decimal)
            {
                var number = Convert.ToDouble(n, CultureInfo.InvariantCulture);
                // A sheet has no NaN or infinity: leave the cell empty.
                if (!double.IsFinite(number)) continue;
                (type, text) = ("n", number.ToString("R", CultureInfo.InvariantCulture));
            }
            else (type, text) = ("s", strings.IndexOf(SheetTable.SafeText(value as string ?? value.ToString() ?? "")));
            xml.WriteStartElement("c", Main);
            xml.WriteAttributeString("r", ColumnName(c) + rowNumber);
            var style = styleOf(c);
            // A number style on a text cell would do nothing; the header's style is for every header cell.
            if (style == HeaderStyle || (type == "n" && style != 0)) xml.WriteAttributeString("s", style.ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("t", type);
            xml.WriteElementString("v", Main, text);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }

    private static void WriteStyles(WorkbookStylesPart part)
    {
        // fonts: 0 body, 1 bold; fills: 0 and 1 are the two the format reserves, 2 the header's; cellXfs as the constants above.
        const string Styles = $"""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <styleSheet xmlns="{Main}">
              <fonts count="2"><font><sz val="11"/><name val="等线"/></font><font><b/><sz val="11"/><name val="等线"/></font></fonts>
              <fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>
                <fill><patternFill patternType="solid"><fgColor rgb="FFE6EEF5"/><bgColor indexed="64"/></patternFill></fill></fills>
              <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
              <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
              <cellXfs count="5">
                <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
                <xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/>
                <xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
                <xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
                <xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
              </cellXfs>
              <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
            </styleSheet>
            """;
        using var stream = part.GetStream(FileMode.Create);
        stream.Write(new UTF8Encoding(false).GetBytes(Styles));
    }

    private static void WriteSharedStrings(SharedStringTablePart part, SharedStrings strings)
    {
        using var xml = Writer(part.GetStream(FileMode.Create));
        xml.WriteStartDocument(true);
        xml.WriteStartElement("sst", Main);
        xml.WriteAttributeString("count", strings.Items.Count.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("uniqueCount", strings.Items.Count.ToString(CultureInfo.InvariantCulture));
        foreach (var text in strings.Items)
        {
            xml.WriteStartElement("si", Main);
            xml.WriteStartElement("t", Main);
            xml.WriteAttributeString("xml", "space", null, "preserve");
            xml.WriteString(XmlSafe(text));
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
        xml.WriteEndDocument();
    }

    private static void WriteWorkbook(WorkbookPart part, IReadOnlyList<(string Name, string RelationshipId)> sheets)
    {
        using var xml = Writer(part.GetStream(FileMode.Create));
        xml.WriteStartDocument(true);
        xml.WriteStartElement("workbook", Main);
        xml.WriteAttributeString("xmlns", "r", null, Relationships);
        xml.WriteStartElement("sheets", Main);
        for (var i = 0; i < sheets.Count; i++)
        {
            xml.WriteStartElement("sheet", Main);
            xml.WriteAttributeString("name", sheets[i].Name);
            xml.WriteAttributeString("sheetId", (i + 1).ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("id", Relationships, sheets[i].RelationshipId);
            xml.WriteEndElement();
        }
        xml.WriteEndDocument();
    }

    // Excel refuses sheet names over 31 characters or with : \ / ? * [ ].
    private static string SheetName(string name)
    {
        var clean = new string(name.Select(c => ":\\/?*[]".Contains(c) ? '_' : c).ToArray());
        return clean.Length > 31 ? clean[..31] : clean.Length == 0 ? "Sheet1" : clean;
    }

    // XML 1.0 cannot hold most control characters or a lone surrogate (a report line may): drop them rather than fail the file.
    private static string XmlSafe(string text)
    {
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i])) clean.Append(text, i++, 2);
            else if (XmlConvert.IsXmlChar(text[i])) clean.Append(text[i]);
        }
        return clean.Length == text.Length ? text : clean.ToString();
    }

    private static string ColumnName(int index) => index < 26 ? ((char)('A' + index)).ToString() : ColumnName(index / 26 - 1) + (char)('A' + index % 26);

    /// <summary>The workbook's shared string table: each distinct text once, cells refer to it by index.</summary>
    private sealed class SharedStrings
    {
        private readonly Dictionary<string, int> _index = [];

        public List<string> Items { get; } = [];

        public string IndexOf(string text)
        {
            if (!_index.TryGetValue(text, out var i))
            {
                _index[text] = i = Items.Count;
                Items.Add(text);
            }
            return i.ToString(CultureInfo.InvariantCulture);
        }
    }
}
