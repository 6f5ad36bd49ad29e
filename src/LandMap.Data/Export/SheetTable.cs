using System.Globalization;
using System.Text;

namespace LandMap.Data.Export;

/// <summary>How a column's cells are written: text, or a number shown whole, with two decimals or as a percentage.</summary>
public enum SheetCellKind
{
    /// <summary>Text (a shared string in XLSX), made safe against formula injection (<see cref="SheetTable.SafeText"/>).</summary>
    Text,
    /// <summary>A number shown without decimals (ids, years, sequence numbers): format <c>0</c>, so a 15-digit id is not shown as 4.1E+14.</summary>
    Integer,
    /// <summary>A number shown with two decimals (areas).</summary>
    Decimal,
    /// <summary>A fraction 0–1 shown as a percentage (confidence).</summary>
    Percent,
}

/// <summary>A column of a table export: its header as users read it, its width in characters and its cell kind.</summary>
public sealed record SheetColumn(string Header, double Width, SheetCellKind Kind = SheetCellKind.Text);

/// <summary>
/// A table for people and for other tools: one header row and rows of values (null for an empty cell), written as CSV
/// (<see cref="WriteCsvAsync"/>) or as one XLSX sheet with a frozen header (<see cref="SheetXlsxWriter"/>). <see cref="Notes"/>
/// say what a reader must know that the rows do not (the query, a cap that left rows out): the XLSX puts them on a second
/// sheet 说明, the CSV — which has no second sheet — after the rows, each on a line that starts with <c>#</c>.
/// </summary>
/// <param name="SheetName">The XLSX sheet's name (at most 31 characters).</param>
/// <param name="Columns">The columns, in order.</param>
/// <param name="Rows">The rows, read once, as they are written.</param>
/// <param name="Notes">Lines for the reader, possibly none.</param>
public sealed record SheetTable(string SheetName, IReadOnlyList<SheetColumn> Columns, IAsyncEnumerable<object?[]> Rows, IReadOnlyList<string> Notes)
{
    /// <summary>
    /// Text a spreadsheet will not run: a value that starts with = + - @ (or a tab or carriage return, which some
    /// spreadsheets strip before reading a formula) gets a leading apostrophe (OWASP "CSV injection").
    /// </summary>
    public static string SafeText(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    /// <summary>
    /// Writes RFC 4180 CSV in UTF-8 with a byte-order mark (Excel in China opens it as UTF-8 only with one), CRLF line ends,
    /// numbers in invariant culture and every text cell through <see cref="SafeText"/>.
    /// </summary>
    public async Task WriteCsvAsync(Stream output, CancellationToken cancellationToken = default)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync(string.Join(',', Columns.Select(c => Quote(SafeText(c.Header)))));
        await foreach (var row in Rows.WithCancellation(cancellationToken))
            await writer.WriteLineAsync(string.Join(',', row.Select(CsvCell)));
        foreach (var note in Notes) await writer.WriteLineAsync(Quote(SafeText("# " + note)));
    }

    /// <summary>Writes the table as an XLSX workbook (<see cref="SheetXlsxWriter"/>).</summary>
    public Task WriteXlsxAsync(Stream output, CancellationToken cancellationToken = default) => SheetXlsxWriter.WriteAsync(this, output, cancellationToken);

    private static string CsvCell(object? value) => value switch
    {
        null => "",
        string s => Quote(SafeText(s)),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Quote(SafeText(value.ToString() ?? "")),
    };

    // RFC 4180: quote fields holding a comma, quote or line break; double the quotes inside.
    private static string Quote(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
}
