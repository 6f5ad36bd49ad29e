namespace LandMap.Core.Extraction.Input;

/// <summary>
/// Turns the bytes of one report format into lines of text. Implementations never throw for bad
/// content: a corrupt, empty or unsuitable file becomes <see cref="ReadResult.Fail"/> with a reason.
/// </summary>
public interface IReportReader
{
    /// <summary>The file extensions this reader handles, lower case with the leading dot (".txt").</summary>
    IReadOnlyList<string> Extensions { get; }

    /// <summary>Reads a report held in memory.</summary>
    /// <param name="fileName">The file name, used in the result and in error messages.</param>
    /// <param name="content">The whole file.</param>
    ReadResult Read(string fileName, byte[] content);
}
