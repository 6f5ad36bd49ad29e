using System.Text.RegularExpressions;

namespace LandMap.Core.Extraction;

/// <summary>
/// Sub- and superscripts as report converters print them — TeX-like markup (<c>PM _{2.5}</c>, <c>m^{3}</c>) or Unicode
/// script digits (<c>PM₁₀</c>) — written as plain text: <c>PM2.5</c>, <c>PM10</c>, <c>m³</c>. Used for the names a
/// person reads and filters on (indicator names and units); the quoted source lines stay as printed.
/// </summary>
public static partial class ScriptMarkup
{
    private const string SubscriptDigits = "₀₁₂₃₄₅₆₇₈₉";
    private const string SuperscriptDigits = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    /// <summary>
    /// <paramref name="text"/> with subscripts lowered to the line (PM sizes and formulas are written on the line in
    /// plain Chinese text) and superscripts of digits kept as Unicode superscripts (m², m³). Spaces around a script
    /// are dropped; text without scripts comes back unchanged.
    /// </summary>
    public static string Flatten(string text)
    {
        if (!NeedsWork(text)) return text;
        var s = SubscriptRegex().Replace(text, m => m.Groups["body"].Value.Trim());
        s = SuperscriptRegex().Replace(s, m => ToSuperscript(m.Groups["body"].Value.Trim()));
        return SubscriptDigitsRegex().Replace(s, m => string.Concat(m.Groups["body"].Value.Select(c => (char)('0' + SubscriptDigits.IndexOf(c)))));
    }

    private static bool NeedsWork(string text) =>
        text.Contains("_{", StringComparison.Ordinal) || text.Contains("^{", StringComparison.Ordinal)
        || text.AsSpan().IndexOfAny(SubscriptDigits) >= 0;

    // Digits only have Unicode superscripts; anything else (^{-1}, ^{n}) is written on the line.
    private static string ToSuperscript(string body) =>
        body.All(char.IsAsciiDigit) ? string.Concat(body.Select(c => SuperscriptDigits[c - '0'])) : body;

    // The spaces a converter puts around a script ("PM _{2.5} ）") belong to the markup, not to the text.
    [GeneratedRegex(@"[ \t]*_\{(?<body>[^{}]{0,16})\}[ \t]*")]
    private static partial Regex SubscriptRegex();

    [GeneratedRegex(@"[ \t]*\^\{(?<body>[^{}]{0,16})\}[ \t]*")]
    private static partial Regex SuperscriptRegex();

    [GeneratedRegex(@"[ \t]*(?<body>[₀-₉]+)[ \t]*")]
    private static partial Regex SubscriptDigitsRegex();
}
