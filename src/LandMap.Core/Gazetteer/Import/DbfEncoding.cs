using System.Text;

namespace LandMap.Core.Gazetteer.Import;

/// <summary>
/// Chooses the text encoding of a Shapefile's DBF, in order: the .cpg (UTF-8, 936/GBK/GB2312/GB18030,
/// other code pages by number or name); without one, strict UTF-8 when every record decodes as UTF-8;
/// otherwise GB18030 (a superset of GBK and GB2312), as Chinese GIS software writes DBFs in the system code page.
/// </summary>
/// <remarks>GB18030 decodes GBK and GB2312 bytes identically, so those names map to it.</remarks>
internal static class DbfEncoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>The encoding and its name, or null with a message.</summary>
    public static (Encoding? Encoding, string Name, string? Error) Resolve(string? cpg, byte[] dbf)
    {
        if (cpg is not null)
        {
            var declared = FromCpg(cpg.Trim().Trim('\uFEFF').Trim());
            return declared.Encoding is UTF8Encoding && !TryStrictUtf8(Records(dbf))
                ? (null, declared.Name, "The .cpg says UTF-8 but the DBF text is not UTF-8 (GBK?); write 936 into the .cpg or delete it.")
                : declared;
        }

        return TryStrictUtf8(Records(dbf)) ? (StrictUtf8, "utf-8 (detected, no .cpg)", null) : (Gb18030(), "gb18030 (detected, no .cpg)", null);
    }

    internal static (Encoding? Encoding, string Name, string? Error) FromCpg(string text)
    {
        var key = text.ToUpperInvariant().Replace("ANSI", "", StringComparison.Ordinal).Replace("CP", "", StringComparison.Ordinal).Trim();
        switch (key)
        {
            case "UTF-8" or "UTF8" or "65001":
                return (StrictUtf8, "utf-8 (.cpg)", null);
            case "936" or "GBK" or "GB2312" or "GB18030" or "54936" or "EUC-CN":
                return (Gb18030(), $"gb18030 (.cpg says {text})", null);
        }

        try
        {
            var encoding = int.TryParse(key, out var codePage) ? Encoding.GetEncoding(codePage) : Encoding.GetEncoding(text);
            return (encoding, $"{encoding.WebName} (.cpg)", null);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return (null, text, $"The .cpg names encoding '{text}', which is unknown; write UTF-8 or 936 into it.");
        }
    }

    /// <summary>The record bytes of a DBF: after the header, whose length is stored at bytes 8–9.</summary>
    private static ReadOnlySpan<byte> Records(byte[] dbf)
    {
        if (dbf.Length < 32)
        {
            return [];
        }

        var header = System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(dbf.AsSpan(8));
        return header < dbf.Length ? dbf.AsSpan(header) : [];
    }

    private static bool TryStrictUtf8(ReadOnlySpan<byte> bytes)
    {
        try
        {
            StrictUtf8.GetCharCount(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    internal static Encoding Gb18030()
    {
        // .NET ships GB18030 only through the code-pages provider; registering twice is harmless.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(54936);
    }
}
