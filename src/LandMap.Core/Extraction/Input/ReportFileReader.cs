using System.Globalization;

namespace LandMap.Core.Extraction.Input;

/// <summary>
/// Reads a report file of any supported format, choosing the <see cref="IReportReader"/> by the
/// file's extension (case-insensitive). Never throws for a missing, unreadable, oversized or corrupt
/// file: every such case is a <see cref="ReadResult.Fail"/> naming the file and what to do.
/// </summary>
public static class ReportFileReader
{
    /// <summary>Largest file read, in bytes (64 MiB); real reports are a few MiB at most.</summary>
    public const long MaxFileBytes = 64L * 1024 * 1024;

    private static readonly IReportReader[] Readers =
        [new PlainTextReportReader(), new DocxReportReader(), new PdfReportReader()];

    /// <summary>Every extension some reader handles, lower case with the leading dot.</summary>
    public static IReadOnlyList<string> SupportedExtensions { get; } =
        Readers.SelectMany(reader => reader.Extensions).ToArray();

    /// <summary>Reads the report at <paramref name="path"/>.</summary>
    /// <param name="path">The file as the user named it; errors quote it unchanged.</param>
    public static ReadResult Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Directory.Exists(path))
            return ReadResult.Fail(path, "is a folder, not a report file");
        var reader = FindReader(path);
        if (reader is null)
            return UnsupportedExtension(path);
        byte[] content;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (stream.Length > MaxFileBytes)
                return TooLarge(path, stream.Length);
            content = new byte[stream.Length];
            stream.ReadExactly(content);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return ReadResult.Fail(path, "file not found");
        }
        catch (UnauthorizedAccessException)
        {
            return ReadResult.Fail(path, "permission denied: check the file's permissions or run as its owner");
        }
        catch (IOException e)
        {
            return ReadResult.Fail(path, $"could not read the file: {e.Message}");
        }
        return Read(reader, Path.GetFileName(path), content, errorName: path);
    }

    /// <summary>Reads a report already in memory (an upload), choosing the reader by <paramref name="fileName"/>.</summary>
    public static ReadResult Read(string fileName, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(content);
        var reader = FindReader(fileName);
        if (reader is null)
            return UnsupportedExtension(fileName);
        return content.LongLength > MaxFileBytes
            ? TooLarge(fileName, content.LongLength)
            : Read(reader, fileName, content, errorName: fileName);
    }

    private static ReadResult Read(IReportReader reader, string fileName, byte[] content, string errorName)
    {
        if (content.Length == 0)
            return ReadResult.Fail(errorName, "empty file");
        var result = reader.Read(fileName, content);
        if (result.Error is { } error) return result with { Error = error with { FileName = errorName } };
        // A byte-order mark alone, or only blank lines, is as empty as no bytes.
        return result.Text!.Lines.All(string.IsNullOrWhiteSpace) ? ReadResult.Fail(errorName, "empty file") : result;
    }

    private static IReportReader? FindReader(string fileName)
    {
        var extension = Path.GetExtension(fileName);
        return Readers.FirstOrDefault(reader =>
            reader.Extensions.Contains(extension, StringComparer.OrdinalIgnoreCase));
    }

    private static ReadResult UnsupportedExtension(string fileName)
    {
        var extension = Path.GetExtension(fileName);
        var what = extension.Length == 0 ? "a file without an extension" : $"'{extension}' files";
        return ReadResult.Fail(fileName,
            $"cannot read {what}; supported: {string.Join(", ", SupportedExtensions)}");
    }

    private static ReadResult TooLarge(string fileName, long length) =>
        ReadResult.Fail(fileName,
            string.Create(CultureInfo.InvariantCulture, $"file is {length / 1024.0 / 1024.0:F1} MiB, over the {MaxFileBytes / 1024 / 1024} MiB limit: split the report or remove images"));
}
