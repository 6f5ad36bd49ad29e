using System.Text;
using System.Text.RegularExpressions;

namespace LandMap.Core.Filtering;

/// <summary>
/// A CQL2 LIKE pattern (<c>%</c> any run of characters, <c>_</c> exactly one, <c>\</c> takes the next character literally)
/// rewritten for each engine that evaluates it: a .NET regex, SQL LIKE with <c>\</c> as escape (PostgreSQL), SQLite GLOB
/// (case-sensitive, which SQLite's LIKE is not). "One character" is one Unicode code point everywhere.
/// </summary>
public static class CqlLikePattern
{
    private enum Kind { Any, One, Text }

    private static IEnumerable<(Kind Kind, string Text)> Parts(string pattern)
    {
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                i++;
                yield return (Kind.Text, Rune(pattern, ref i));
            }
            else if (c == '%') yield return (Kind.Any, "");
            else if (c == '_') yield return (Kind.One, "");
            else yield return (Kind.Text, Rune(pattern, ref i));
        }
    }

    // A surrogate pair stays one character.
    private static string Rune(string s, ref int i)
    {
        if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) return s.Substring(i++, 2);
        return s[i].ToString();
    }

    /// <summary>An anchored regex (non-backtracking, so no pattern can take exponential time).</summary>
    public static Regex ToRegex(string pattern)
    {
        var regex = new StringBuilder("^");
        foreach (var (kind, text) in Parts(pattern))
            regex.Append(kind switch
            {
                Kind.Any => "(?:.|\\n)*",
                Kind.One => "(?:[\\uD800-\\uDBFF][\\uDC00-\\uDFFF]|[^\\uD800-\\uDFFF])",
                _ => Regex.Escape(text),
            });
        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
    }

    /// <summary>The pattern for SQL <c>LIKE … ESCAPE '\'</c>.</summary>
    public static string ToSqlLike(string pattern)
    {
        var sql = new StringBuilder();
        foreach (var (kind, text) in Parts(pattern))
            sql.Append(kind switch
            {
                Kind.Any => "%",
                Kind.One => "_",
                _ => text is "%" or "_" or "\\" ? "\\" + text : text,
            });
        return sql.ToString();
    }

    /// <summary>The pattern for SQLite <c>GLOB</c>: <c>*</c> and <c>?</c>, with <c>*?[</c> as one-character sets.</summary>
    public static string ToGlob(string pattern)
    {
        var glob = new StringBuilder();
        foreach (var (kind, text) in Parts(pattern))
            glob.Append(kind switch
            {
                Kind.Any => "*",
                Kind.One => "?",
                _ => text is "*" or "?" or "[" ? "[" + text + "]" : text,
            });
        return glob.ToString();
    }
}
