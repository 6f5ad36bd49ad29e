using System.Text;

namespace LandMap.Core.Extraction.Input;

/// <summary>The outcome of <see cref="TextDecoder.Decode"/>: text and the encoding used, or why there is none.</summary>
/// <param name="Text">The decoded text without a leading byte-order mark; null on failure.</param>
/// <param name="Encoding">utf-8, utf-8-bom, utf-16le, utf-16be or gb18030; null on failure.</param>
/// <param name="Failure">Why the bytes are not a text report; null on success.</param>
public sealed record DecodedText(string? Text, string? Encoding, string? Failure)
{
    /// <summary>True when <see cref="Text"/> holds the decoded text.</summary>
    public bool Succeeded => Text is not null;

    internal static DecodedText Ok(string text, string encoding) =>
        new(text.StartsWith('\uFEFF') ? text[1..] : text, encoding, null);

    internal static DecodedText Fail(string failure) => new(null, null, failure);
}

/// <summary>
/// Turns the bytes of a plain-text report into a string without ever inventing U+FFFD.
/// Tried in order:
/// <list type="number">
/// <item>a byte-order mark (UTF-8, UTF-16LE, UTF-16BE), decoded strictly;</item>
/// <item>UTF-16 without a mark when the bytes hold NULs and one byte order decodes to plausible text;</item>
/// <item>any other NUL byte: binary data, rejected;</item>
/// <item>strict UTF-8;</item>
/// <item>strict GB18030 (a superset of GBK and GB2312, the usual legacy encodings of Chinese reports).</item>
/// </list>
/// Text with many control characters is rejected as binary whichever encoding decoded it.
/// </summary>
public static class TextDecoder
{
    // Pure-CJK UTF-16 has few NULs, but the ones it has (line breaks, digits) decode to text only
    // in the right byte order; the wrong order yields mostly unassigned or exotic code points.
    private const double MinPlausibleFraction = 0.9;
    private const double MaxControlFraction = 0.01;

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, true);
    private static readonly Encoding StrictUtf16Le = new UnicodeEncoding(false, false, true);
    private static readonly Encoding StrictUtf16Be = new UnicodeEncoding(true, false, true);
    private static readonly Encoding StrictGb18030 = CreateStrictGb18030();

    /// <summary>Decodes <paramref name="bytes"/>, recording which encoding worked.</summary>
    public static DecodedText Decode(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length == 0)
            return DecodedText.Fail("empty file");
        var decoded = DecodeByMark(bytes) ?? DecodeUnmarked(bytes);
        return decoded.Succeeded ? RejectControlCharacters(decoded) : decoded;
    }

    private static DecodedText? DecodeByMark(byte[] bytes)
    {
        if (bytes is [0xEF, 0xBB, 0xBF, ..])
            return DecodeStrictly(StrictUtf8, bytes.AsSpan(3), "utf-8-bom");
        if (bytes is [0xFF, 0xFE, ..])
            return DecodeStrictly(StrictUtf16Le, bytes.AsSpan(2), "utf-16le");
        if (bytes is [0xFE, 0xFF, ..])
            return DecodeStrictly(StrictUtf16Be, bytes.AsSpan(2), "utf-16be");
        return null;
    }

    private static DecodedText DecodeUnmarked(byte[] bytes)
    {
        var firstNul = Array.IndexOf(bytes, (byte)0);
        if (firstNul >= 0)
            return DecodeUtf16ByPlausibility(bytes)
                ?? DecodedText.Fail($"binary data, not a text report (NUL bytes at offset {firstNul})");
        if (TryDecode(StrictUtf8, bytes, out var utf8))
            return DecodedText.Ok(utf8, "utf-8");
        if (TryDecode(StrictGb18030, bytes, out var gb18030))
            return DecodedText.Ok(gb18030, "gb18030");
        return DecodedText.Fail("neither UTF-8, UTF-16 nor GB18030 text; save the report as UTF-8");
    }

    private static DecodedText? DecodeUtf16ByPlausibility(byte[] bytes)
    {
        if (bytes.Length % 2 != 0)
            return null;
        var candidates = new[] { (StrictUtf16Le, "utf-16le"), (StrictUtf16Be, "utf-16be") };
        DecodedText? best = null;
        var bestScore = MinPlausibleFraction;
        foreach (var (encoding, name) in candidates)
        {
            if (!TryDecode(encoding, bytes, out var text))
                continue;
            var score = PlausibleFraction(text);
            if (score >= bestScore)
                (best, bestScore) = (DecodedText.Ok(text, name), score);
        }
        return best;
    }

    private static DecodedText DecodeStrictly(Encoding encoding, ReadOnlySpan<byte> bytes, string name) =>
        TryDecode(encoding, bytes, out var text)
            ? DecodedText.Ok(text, name)
            : DecodedText.Fail($"starts with a {name} byte-order mark but is not valid {name}; re-save the file");

    private static bool TryDecode(Encoding encoding, ReadOnlySpan<byte> bytes, out string text)
    {
        try
        {
            text = encoding.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }
    }

    private static DecodedText RejectControlCharacters(DecodedText decoded)
    {
        var text = decoded.Text!;
        var controls = text.Count(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r' or '\f'));
        return controls > text.Length * MaxControlFraction
            ? DecodedText.Fail($"binary data, not a text report ({controls} control characters)")
            : decoded;
    }

    /// <summary>The share of characters a Chinese or English report is made of.</summary>
    private static double PlausibleFraction(string text)
    {
        if (text.Length == 0)
            return 0;
        var plausible = text.Count(c => c switch
        {
            '\t' or '\n' or '\r' or '\uFEFF' => true,
            >= ' ' and <= '~' => true,
            >= '\u00A0' and <= '\u017F' => true, // Latin-1 and Latin Extended-A
            >= '\u2010' and <= '\u206F' => true, // general punctuation: dashes, quotes, ellipsis
            >= '\u2100' and <= '\u24FF' => true, // letterlike, number forms, arrows, circled digits
            >= '\u3000' and <= '\u303F' => true, // CJK punctuation
            >= '\u4E00' and <= '\u9FFF' => true, // CJK unified ideographs
            >= '\uFF00' and <= '\uFFEF' => true, // full-width forms
            _ => char.IsSurrogate(c), // strict decoding already rejected unpaired ones
        });
        return (double)plausible / text.Length;
    }

    private static Encoding CreateStrictGb18030()
    {
        // .NET ships GB18030 only through the code-pages provider; registering twice is harmless.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(54936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }
}
