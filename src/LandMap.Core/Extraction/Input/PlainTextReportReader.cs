namespace LandMap.Core.Extraction.Input;

/// <summary>Reads plain-text and Markdown reports in any encoding <see cref="TextDecoder"/> knows.</summary>
public sealed class PlainTextReportReader : IReportReader
{
    /// <inheritdoc />
    public IReadOnlyList<string> Extensions { get; } = [".txt", ".md", ".text"];

    /// <inheritdoc />
    public ReadResult Read(string fileName, byte[] content)
    {
        var decoded = TextDecoder.Decode(content);
        return decoded.Succeeded
            ? ReadResult.Ok(ReportText.FromString(fileName, decoded.Text!, decoded.Encoding!))
            : ReadResult.Fail(fileName, decoded.Failure!);
    }
}
