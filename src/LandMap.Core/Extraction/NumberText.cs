using System.Globalization;
using System.Text;

namespace LandMap.Core.Extraction;

/// <summary>Numbers as reports print them: full-width digits, Chinese numerals, 万 multipliers.</summary>
public static class NumberText
{
    /// <summary>
    /// Maps full-width digits, letters and the number punctuation (．，－％) to ASCII, one char for one,
    /// so offsets into the result are offsets into the input.
    /// </summary>
    public static string ToHalfWidth(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            if (c is >= '\uFF01' and <= '\uFF5E' && c is not ('\uFF08' or '\uFF09' or '\uFF0C' or '\uFF1A' or '\uFF1B'))
            {
                // Keep the Chinese brackets, comma, colon and semicolon: they separate clauses.
                chars[i] = (char)(c - 0xFEE0);
            }
            else if (c == '\u3000')
            {
                chars[i] = ' ';
            }
        }
        return new string(chars);
    }

    /// <summary>Parses an ASCII or Chinese-numeral number (一百二十, 两千, 三点五); null when it is neither.</summary>
    public static double? Parse(string text)
    {
        var s = ToHalfWidth(text).Replace(",", "").Replace(" ", "");
        if (s.Length == 0) return null;
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) return value;
        return ParseChinese(s);
    }

    private const string ChineseDigits = "零一二三四五六七八九";

    private static double? ParseChinese(string s)
    {
        var point = s.IndexOf('点');
        if (point >= 0)
        {
            var whole = ParseChineseInteger(s[..point]);
            var fraction = new StringBuilder("0.");
            foreach (var c in s[(point + 1)..])
            {
                var d = DigitOf(c);
                if (d < 0) return null;
                fraction.Append((char)('0' + d));
            }
            return whole + double.Parse(fraction.ToString(), CultureInfo.InvariantCulture);
        }
        return ParseChineseInteger(s);
    }

    private static double? ParseChineseInteger(string s)
    {
        if (s.Length == 0) return 0;
        double total = 0, section = 0, digit = 0;
        var any = false;
        foreach (var c in s)
        {
            var d = DigitOf(c);
            if (d >= 0) { digit = d; any = true; continue; }
            var unit = c switch { '十' => 10, '百' => 100, '千' => 1000, '万' => 10_000, '亿' => 100_000_000, _ => 0 };
            if (unit == 0) return null;
            any = true;
            if (unit >= 10_000)
            {
                total = (total + section + digit) * unit;
                section = 0;
            }
            else
            {
                // 十二 starts with an implicit one.
                section += (digit == 0 ? 1 : digit) * unit;
            }
            digit = 0;
        }
        return any ? total + section + digit : null;
    }

    private static int DigitOf(char c) => c == '两' ? 2 : c == '〇' ? 0 : ChineseDigits.IndexOf(c);
}
