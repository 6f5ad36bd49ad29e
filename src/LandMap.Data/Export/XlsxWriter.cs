using System.Globalization;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;

namespace LandMap.Data.Export;

/// <summary>
/// A minimal XLSX writer: the Open XML SDK builds the package (parts, relationships, content types) and each part's
/// XML is written with an <see cref="XmlWriter"/> in the default namespace: one sheet per table, a header row,
/// numbers as numbers, text in the shared string table. ClosedXML 0.95.4 (the newest the registry serves) is
/// compiled against Open XML SDK 2 and fails with InvalidProgramException beside the SDK 3 that report reading
/// needs; and GDAL's XLSX driver reads neither the SDK's "x:" prefixed elements nor inline strings.
/// </summary>
internal static class XlsxWriter
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    public static void Write(string path, IReadOnlyList<(string Name, IReadOnlyList<string> Header, IEnumerable<object?[]> Rows)> sheets)
    {
        using var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        var strings = new SharedStrings();
        var sheetIds = new List<(string Name, string RelationshipId)>();
        foreach (var (name, header, rows) in sheets)
        {
            var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
            Feed(worksheetPart, xml =>
            {
                xml.WriteStartElement("worksheet", Main);
                xml.WriteStartElement("sheetData", Main);
                uint rowIndex = 1;
                WriteRow(xml, rowIndex++, header.Cast<object?>().ToArray(), strings);
                foreach (var row in rows) WriteRow(xml, rowIndex++, row, strings);
                xml.WriteEndElement();
                xml.WriteEndElement();
            });
            sheetIds.Add((name, workbookPart.GetIdOfPart(worksheetPart)));
        }
        Feed(workbookPart.AddNewPart<SharedStringTablePart>(), xml =>
        {
            xml.WriteStartElement("sst", Main);
            xml.WriteAttributeString("count", strings.Items.Count.ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("uniqueCount", strings.Items.Count.ToString(CultureInfo.InvariantCulture));
            foreach (var text in strings.Items)
            {
                xml.WriteStartElement("si", Main);
                xml.WriteStartElement("t", Main);
                xml.WriteAttributeString("xml", "space", null, "preserve");
                xml.WriteString(text);
                xml.WriteEndElement();
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        });
        Feed(workbookPart, xml =>
        {
            xml.WriteStartElement("workbook", Main);
            xml.WriteAttributeString("xmlns", "r", null, Relationships);
            xml.WriteStartElement("sheets", Main);
            for (var i = 0; i < sheetIds.Count; i++)
            {
                xml.WriteStartElement("sheet", Main);
                xml.WriteAttributeString("name", sheetIds[i].Name);
                xml.WriteAttributeString("sheetId", (i + 1).ToString(CultureInfo.InvariantCulture));
                xml.WriteAttributeString("id", Relationships, sheetIds[i].RelationshipId);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            xml.WriteEndElement();
        });
    }

    private static void Feed(OpenXmlPart part, Action<XmlWriter> write)
    {
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            xml.WriteStartDocument(true);
            write(xml);
        }
        stream.Position = 0;
        part.FeedData(stream);
    }

    // Readers such as GDAL place cells by their A1 references, so every row and cell carries one.
    private static void WriteRow(XmlWriter xml, uint index, object?[] values, SharedStrings strings)
    {
        var rowNumber = index.ToString(CultureInfo.InvariantCulture);
        xml.WriteStartElement("row", Main);
        xml.WriteAttributeString("r", rowNumber);
        for (var c = 0; c < values.Length; c++)
        {
            if (values[c] is not { } value) continue;
            var (type, text) = value switch
            {
                bool b => ("b", b ? "1" : "0"),
                string s => ("s", strings.IndexOf(s).ToString(CultureInfo.InvariantCulture)),
                IConvertible n => ("n", Convert.ToDouble(n, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture)),
                _ => ("s", strings.IndexOf(value.ToString() ?? "").ToString(CultureInfo.InvariantCulture)),
            };
            xml.WriteStartElement("c", Main);
            xml.WriteAttributeString("r", ColumnName(c) + rowNumber);
            xml.WriteAttributeString("t", type);
            xml.WriteElementString("v", Main, text);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }

    private static string ColumnName(int index) => index < 26 ? ((char)('A' + index)).ToString() : ColumnName(index / 26 - 1) + (char)('A' + index % 26);

    /// <summary>The workbook's shared string table: each distinct text once, cells refer to it by index.</summary>
    private sealed class SharedStrings
    {
        private readonly Dictionary<string, int> _index = [];

        public List<string> Items { get; } = [];

        public int IndexOf(string text)
        {
            if (_index.TryGetValue(text, out var i)) return i;
            _index[text] = Items.Count;
            Items.Add(text);
            return Items.Count - 1;
        }
    }
}
