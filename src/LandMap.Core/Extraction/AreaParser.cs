using System.Text.RegularExpressions;
using LandMap.Core.Reports;

namespace LandMap.Core.Extraction;

/// <summary>A stated area found in text, converted to 亩.</summary>
/// <param name="AreaMu">The area in 亩; the middle of a range.</param>
/// <param name="Qualifier">Exact, approximate, lower bound or range.</param>
/// <param name="Index">Where the figure starts in the searched text.</param>
/// <param name="Length">How many chars the figure and its unit take.</param>
/// <param name="Text">The figure as printed (约 112 亩).</param>
public sealed record AreaMention(double AreaMu, AreaQualifier Qualifier, int Index, int Length, string Text)
{
    /// <summary>True for every qualifier but <see cref="AreaQualifier.Exact"/>.</summary>
    public bool Approx => Qualifier != AreaQualifier.Exact;
}

/// <summary>
/// Finds land areas in 亩, 公顷, 平方米, 万平方米 and 平方公里 and converts them to 亩
/// (1 亩 = 10000/15 m² exactly; 15 亩 = 1 公顷; 1 km² = 1500 亩). "亩次" is a sown-area count, not land.
/// A figure too large for a double (1 followed by 400 zeros) is no area: it is left out, and named to the caller
/// that asks for such figures, so it can warn with the line.
/// </summary>
public static partial class AreaParser
{
    /// <summary>Square metres in one 亩.</summary>
    public const double SquareMetresPerMu = 10000.0 / 15.0;

    private const string Number = @"[0-9０-９]+(?:[.．][0-9０-９]+)?|[零〇一二两三四五六七八九十百千]+(?:点[零一二三四五六七八九]+)?";

    [GeneratedRegex(
        @"(?<pre>约|近|预计|大约)?\s*(?<n1>" + Number + @")\s*(?:(?:-|－|~|～|—|至|到)\s*(?<n2>" + Number + @"))?\s*(?<more>余|多)?\s*" +
        @"(?<unit>万平方米|万平米|万㎡|平方公里|平方千米|km²|公顷|平方米|平米|㎡|m²|亩(?!次))\s*(?<post>左右|以上)?")]
    private static partial Regex AreaRegex();

    /// <summary>Every area mention in <paramref name="text"/>, in order.</summary>
    public static IReadOnlyList<AreaMention> FindAll(string text) => FindAll(text, null);

    /// <summary>Every area mention in <paramref name="text"/>, in order; figures too large to be a number are added to <paramref name="unreadable"/> as printed.</summary>
    public static IReadOnlyList<AreaMention> FindAll(string text, ICollection<string>? unreadable)
    {
        var found = new List<AreaMention>();
        foreach (Match m in AreaRegex().Matches(text))
        {
            var first = NumberText.Parse(m.Groups["n1"].Value);
            if (first is null) continue;
            var factor = MuPerUnit(m.Groups["unit"].Value);
            var qualifier = AreaQualifier.Exact;
            var value = first.Value;
            if (m.Groups["n2"].Success && NumberText.Parse(m.Groups["n2"].Value) is { } second)
            {
                value = (first.Value + second) / 2;
                qualifier = AreaQualifier.Range;
            }
            else if (m.Groups["more"].Success || m.Groups["post"].Value == "以上")
            {
                qualifier = AreaQualifier.AtLeast;
            }
            else if (m.Groups["pre"].Success || m.Groups["post"].Value == "左右")
            {
                qualifier = AreaQualifier.Approximate;
            }
            var start = m.Groups["pre"].Success ? m.Groups["pre"].Index : m.Groups["n1"].Index;
            var end = m.Index + m.Length;
            if (!double.IsFinite(value * factor))
            {
                unreadable?.Add(text[start..end].Trim());
                continue;
            }
            found.Add(new AreaMention(Math.Round(value * factor, 4), qualifier, start, end - start, text[start..end].Trim()));
        }
        return found;
    }

    /// <summary>The first area mention in <paramref name="text"/>, or null.</summary>
    public static AreaMention? FindFirst(string text) => FindAll(text) is [var first, ..] ? first : null;

    /// <summary>The warning for an entry whose area figure is too large to be a number.</summary>
    public static string Unreadable(int line, int seq, string name, string figure) =>
        $"line {line}: entry {seq} ({name}) states an area too large to be a number ({(figure.Length > 24 ? figure[..12] + "…" + figure[^6..] : figure)}); " +
        "the area is left out — fix the figure in the report";

    private static double MuPerUnit(string unit) => unit switch
    {
        "亩" => 1,
        "公顷" => 15,
        "平方米" or "平米" or "㎡" or "m²" => 1 / SquareMetresPerMu,
        "万平方米" or "万平米" or "万㎡" => 10_000 / SquareMetresPerMu,
        "平方公里" or "平方千米" or "km²" => 1500,
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "unit not handled by the area pattern"),
    };
}
