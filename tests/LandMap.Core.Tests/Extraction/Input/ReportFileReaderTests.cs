using System.Text;
using LandMap.Core.Extraction.Input;

namespace LandMap.Core.Tests.Extraction.Input;

public sealed class ReportFileReaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    static ReportFileReaderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string> SampleReports() =>
        new(Directory.GetFiles(Path.Combine(RepositoryRoot(), "gis-data", "reports"), "*.txt").Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(SampleReports))]
    public void SampleReportsReadAsUtf8WithoutReplacementCharacters(string fileName)
    {
        var result = ReportFileReader.Read(Path.Combine(RepositoryRoot(), "gis-data", "reports", fileName));

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal(fileName, result.Text!.FileName);
        Assert.Equal("utf-8", result.Text.Encoding);
        Assert.True(result.Text.Lines.Count > 10);
        Assert.DoesNotContain(result.Text.Lines, line => line.Contains('\uFFFD'));
    }

    [Fact]
    public void SplitsLinesAndNamesTheFileWithoutItsFolder()
    {
        var path = _folder.Write("规划报告.TXT", Encoding.UTF8.GetBytes("第一行\r\n第二行\n第三行"));

        var result = ReportFileReader.Read(path);

        Assert.Equal("规划报告.TXT", result.Text!.FileName);
        Assert.Equal(["第一行", "第二行", "第三行"], result.Text.Lines);
    }

    [Fact]
    public void ReadsGb18030File()
    {
        var path = _folder.Write("report.md", Encoding.GetEncoding(54936).GetBytes("一、用地保障\n二、重点项目"));

        var result = ReportFileReader.Read(path);

        Assert.Equal("gb18030", result.Text!.Encoding);
        Assert.Equal(["一、用地保障", "二、重点项目"], result.Text.Lines);
    }

    [Theory]
    [InlineData("empty.txt")]
    [InlineData("empty.docx")]
    [InlineData("empty.pdf")]
    public void EmptyFileFails(string fileName)
    {
        var path = _folder.Write(fileName, []);

        var result = ReportFileReader.Read(path);

        Assert.False(result.Succeeded);
        Assert.Equal(new ReadError(path, "empty file"), result.Error);
    }

    [Fact]
    public void BinaryFileFails()
    {
        var path = _folder.Write("image.txt", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0xFF, 0x10]);

        var result = ReportFileReader.Read(path);

        Assert.StartsWith("binary data, not a text report", result.Error!.Reason);
    }

    [Fact]
    public void UnknownExtensionFailsNamingSupportedOnes()
    {
        var path = _folder.Write("indicators.xlsx", [1, 2, 3]);

        var result = ReportFileReader.Read(path);

        Assert.Equal("cannot read '.xlsx' files; supported: .txt, .md, .text, .docx, .pdf", result.Error!.Reason);
    }

    [Fact]
    public void MissingFileFails()
    {
        var path = Path.Combine(_folder.Path, "missing.txt");

        var result = ReportFileReader.Read(path);

        Assert.Equal(new ReadError(path, "file not found"), result.Error);
    }

    [Fact]
    public void FolderFails()
    {
        var path = Directory.CreateDirectory(Path.Combine(_folder.Path, "reports.txt")).FullName;

        Assert.Equal("is a folder, not a report file", ReportFileReader.Read(path).Error!.Reason);
    }

    [Fact]
    public void OversizedFileFailsBeforeReading()
    {
        var path = Path.Combine(_folder.Path, "huge.txt");
        using (var stream = File.Create(path))
            stream.SetLength(ReportFileReader.MaxFileBytes + 1); // sparse: nothing is written

        var result = ReportFileReader.Read(path);

        Assert.Contains("over the 64 MiB limit", result.Error!.Reason);
    }

    [Fact]
    public void InMemoryReadPicksReaderByExtension()
    {
        var result = ReportFileReader.Read("upload.Md", Encoding.UTF8.GetBytes("# 标题"));

        Assert.Equal(["# 标题"], result.Text!.Lines);
    }

    private static string RepositoryRoot() => TestPaths.RepositoryRoot;
}
