namespace LandMap.Core.Extraction.Input;

/// <summary>
/// A report as lines of text, whatever format it came in. Line numbers used in every
/// <see cref="Reports.SourceRef"/> are 1-based indexes into <see cref="Lines"/>.
/// </summary>
/// <param name="FileName">The file name without its folder.</param>
/// <param name="Lines">The text, one entry per line (paragraph for docx; table rows tab-separated).</param>
/// <param name="Encoding">utf-8, utf-8-bom, utf-16le, utf-16be, gb18030, docx or pdf.</param>
public sealed record ReportText(string FileName, IReadOnlyList<string> Lines, string Encoding)
{
    /// <summary>Splits decoded text into lines on \r\n, \n or \r.</summary>
    public static ReportText FromString(string fileName, string text, string encoding) =>
        new(fileName, text.Split(["\r\n", "\n", "\r"], StringSplitOptions.None), encoding);
}

/// <summary>Why a file could not be read, in words a user can act on.</summary>
/// <param name="FileName">The file as the user named it.</param>
/// <param name="Reason">What is wrong and, where possible, what to do.</param>
public sealed record ReadError(string FileName, string Reason)
{
    /// <inheritdoc />
    public override string ToString() => $"{FileName}: {Reason}";
}

/// <summary>Either the text of a report or the reason it could not be read.</summary>
public sealed record ReadResult(ReportText? Text, ReadError? Error)
{
    /// <summary>True when <see cref="Text"/> holds the report.</summary>
    public bool Succeeded => Text is not null;

    /// <summary>A successful read.</summary>
    public static ReadResult Ok(ReportText text) => new(text, null);

    /// <summary>A failed read.</summary>
    public static ReadResult Fail(string fileName, string reason) => new(null, new ReadError(fileName, reason));
}
