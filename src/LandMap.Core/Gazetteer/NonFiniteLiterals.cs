namespace LandMap.Core.Gazetteer;

/// <summary>
/// Turns the bare <c>NaN</c>, <c>Infinity</c> and <c>-Infinity</c> tokens that Python and JavaScript tools
/// write into JSON strings, so the document parses and the bad coordinate can be reported by position.
/// </summary>
internal static class NonFiniteLiterals
{
    private static readonly byte[][] Tokens = ["-Infinity"u8.ToArray(), "Infinity"u8.ToArray(), "NaN"u8.ToArray()];

    /// <summary>The text with those tokens quoted, or null when it has none outside strings.</summary>
    public static byte[]? Quote(ReadOnlySpan<byte> json)
    {
        List<byte>? output = null;
        var inString = false;
        var copiedTo = 0;
        for (var i = 0; i < json.Length; i++)
        {
            var b = json[i];
            if (inString)
            {
                if (b == (byte)'\\')
                {
                    i++;
                }
                else if (b == (byte)'"')
                {
                    inString = false;
                }

                continue;
            }

            if (b == (byte)'"')
            {
                inString = true;
                continue;
            }

            var token = TokenAt(json, i);
            if (token is null)
            {
                continue;
            }

            output ??= new List<byte>(json.Length + 16);
            output.AddRange(json[copiedTo..i]);
            output.Add((byte)'"');
            output.AddRange(token);
            output.Add((byte)'"');
            i += token.Length - 1;
            copiedTo = i + 1;
        }

        if (output is null)
        {
            return null;
        }

        output.AddRange(json[copiedTo..]);
        return [.. output];
    }

    private static byte[]? TokenAt(ReadOnlySpan<byte> json, int i)
    {
        // A token starts after a separator and ends before one: "NaNa" or "xNaN" are not it.
        if (i > 0 && IsWordByte(json[i - 1]))
        {
            return null;
        }

        foreach (var token in Tokens)
        {
            var end = i + token.Length;
            if (json[i..].StartsWith(token) && (end == json.Length || !IsWordByte(json[end])))
            {
                return token;
            }
        }

        return null;
    }

    private static bool IsWordByte(byte b) => char.IsAsciiLetterOrDigit((char)b) || b is (byte)'_' or (byte)'.' or (byte)'-';
}
