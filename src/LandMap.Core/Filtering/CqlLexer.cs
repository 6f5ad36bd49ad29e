using System.Globalization;

namespace LandMap.Core.Filtering;

internal enum TokenKind { Word, QuotedName, String, Number, LeftParen, RightParen, Comma, Operator, End }

/// <summary>One token of CQL2 text and where it starts (0-based character offset).</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Start, string Value = "", double Number = 0)
{
    public bool Is(string keyword) => Kind == TokenKind.Word && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Splits CQL2 text into tokens; a character that starts no token is an error at its position.</summary>
internal static class CqlLexer
{
    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            if (i >= text.Length)
            {
                tokens.Add(new Token(TokenKind.End, "", text.Length));
                return tokens;
            }
            var start = i;
            var c = text[i];
            if (c == '(') { tokens.Add(new Token(TokenKind.LeftParen, "(", i++)); continue; }
            if (c == ')') { tokens.Add(new Token(TokenKind.RightParen, ")", i++)); continue; }
            if (c == ',') { tokens.Add(new Token(TokenKind.Comma, ",", i++)); continue; }
            if (c is '=' or '<' or '>')
            {
                var op = i + 1 < text.Length && (text[i + 1] == '=' || (c == '<' && text[i + 1] == '>')) ? text.Substring(i, 2) : c.ToString();
                tokens.Add(new Token(TokenKind.Operator, op, i));
                i += op.Length;
                continue;
            }
            if (c == '\'' || c == '"')
            {
                // '' inside '…' is a quote, "" inside "…" likewise; a backslash is an ordinary character here (LIKE reads it).
                var value = new System.Text.StringBuilder();
                i++;
                while (true)
                {
                    if (i >= text.Length) throw new CqlException(CqlErrorKind.Syntax, start, text[start..Math.Min(text.Length, start + 20)],
                        c == '\'' ? "the string is never closed with '" : "the quoted name is never closed with \"");
                    if (text[i] == c)
                    {
                        if (i + 1 < text.Length && text[i + 1] == c) { value.Append(c); i += 2; continue; }
                        i++;
                        break;
                    }
                    value.Append(text[i++]);
                }
                tokens.Add(new Token(c == '\'' ? TokenKind.String : TokenKind.QuotedName, text[start..i], start, value.ToString()));
                continue;
            }
            if (char.IsAsciiDigit(c) || ((c is '-' or '+' or '.') && i + 1 < text.Length && (char.IsAsciiDigit(text[i + 1]) || text[i + 1] == '.')))
            {
                if (c is '-' or '+') i++;
                while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
                if (i < text.Length && text[i] == '.') { i++; while (i < text.Length && char.IsAsciiDigit(text[i])) i++; }
                if (i < text.Length && text[i] is 'e' or 'E')
                {
                    var mark = i++;
                    if (i < text.Length && text[i] is '+' or '-') i++;
                    if (i < text.Length && char.IsAsciiDigit(text[i])) while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
                    else i = mark;
                }
                var literal = text[start..i];
                if (!double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
                    throw new CqlException(CqlErrorKind.Syntax, start, literal, "is not a finite number");
                tokens.Add(new Token(TokenKind.Number, literal, start, Number: number));
                continue;
            }
            if (char.IsLetter(c) || c == '_')
            {
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.' or ':')) i++;
                tokens.Add(new Token(TokenKind.Word, text[start..i], start));
                continue;
            }
            throw new CqlException(CqlErrorKind.Syntax, start, char.IsSurrogate(c) && i + 1 < text.Length ? text.Substring(i, 2) : c.ToString(),
                "starts no CQL2 token");
        }
    }
}
