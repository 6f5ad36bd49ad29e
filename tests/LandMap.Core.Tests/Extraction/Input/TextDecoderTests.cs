using System.Text;
using LandMap.Core.Extraction.Input;

namespace LandMap.Core.Tests.Extraction.Input;

public class TextDecoderTests
{
    // 一 (U+4E00), 开 (U+5F00) and 退 (U+9000) put NULs at the "wrong" parity in UTF-16.
    private const string Report =
        "专栏：用地保障重点项目（2个）\n1、某项目：位于平安大道北侧，面积 40 亩。\r\n一、开发区退二进三，“三区三线”约 12.5%\n";

    static TextDecoderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Theory]
    [InlineData("utf-8")]
    [InlineData("utf-8-bom")]
    [InlineData("utf-16le")]
    [InlineData("utf-16be")]
    [InlineData("gb18030")]
    public void DecodesTextAndNamesTheEncoding(string encoding)
    {
        var decoded = TextDecoder.Decode(Encode(Report, encoding));

        Assert.True(decoded.Succeeded, decoded.Failure);
        Assert.Equal(Report, decoded.Text);
        Assert.Equal(encoding, decoded.Encoding);
    }

    [Theory]
    [InlineData("utf-16le")]
    [InlineData("utf-16be")]
    public void DetectsUtf16WithoutByteOrderMark(string encoding)
    {
        var withMark = Encode(Report, encoding);
        var decoded = TextDecoder.Decode(withMark[2..]);

        Assert.True(decoded.Succeeded, decoded.Failure);
        Assert.Equal(Report, decoded.Text);
        Assert.Equal(encoding, decoded.Encoding);
    }

    [Fact]
    public void DetectsCjkHeavyUtf16WithFewNuls()
    {
        var text = "一、开发区退二进三项目用地保障，位于平安大道北侧。\n二、城市更新退城入园项目，位于开源路东侧。\n";
        var decoded = TextDecoder.Decode(Encoding.Unicode.GetBytes(text));

        Assert.Equal(text, decoded.Text);
        Assert.Equal("utf-16le", decoded.Encoding);
    }

    [Fact]
    public void GbkTextIsNotMistakenForUtf8()
    {
        var text = "关于平顶山市卫东区2023年国民经济和社会发展规划（草案）的报告";
        var gbk = Encoding.GetEncoding(936).GetBytes(text);

        var decoded = TextDecoder.Decode(gbk);

        Assert.Equal("gb18030", decoded.Encoding);
        Assert.Equal(text, decoded.Text);
        Assert.DoesNotContain('\uFFFD', decoded.Text!);
    }

    [Fact]
    public void EmptyBytesFail() =>
        Assert.Equal("empty file", TextDecoder.Decode([]).Failure);

    [Fact]
    public void PngIsBinaryData()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, .. RandomBytes(4096)];

        var decoded = TextDecoder.Decode(png);

        Assert.False(decoded.Succeeded);
        Assert.Equal("binary data, not a text report (NUL bytes at offset 8)", decoded.Failure);
    }

    [Fact]
    public void ControlCharactersWithoutNulsAreBinaryData()
    {
        var noisy = Encoding.UTF8.GetBytes("项目" + new string('\u0001', 50) + "用地" + new string('\u001B', 50));

        var decoded = TextDecoder.Decode(noisy);

        Assert.False(decoded.Succeeded);
        Assert.Contains("control characters", decoded.Failure);
    }

    [Fact]
    public void InvalidUtf8AfterUtf8MarkFails()
    {
        var decoded = TextDecoder.Decode([0xEF, 0xBB, 0xBF, 0x41, 0xC3, 0x28]);

        Assert.False(decoded.Succeeded);
        Assert.Contains("not valid utf-8-bom", decoded.Failure);
    }

    private static byte[] Encode(string text, string encoding) => encoding switch
    {
        "utf-8" => Encoding.UTF8.GetBytes(text),
        "utf-8-bom" => [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(text)],
        "utf-16le" => [.. Encoding.Unicode.Preamble, .. Encoding.Unicode.GetBytes(text)],
        "utf-16be" => [.. Encoding.BigEndianUnicode.Preamble, .. Encoding.BigEndianUnicode.GetBytes(text)],
        "gb18030" => Encoding.GetEncoding(54936).GetBytes(text),
        _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, null),
    };

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(42).NextBytes(bytes);
        return bytes;
    }
}
