using System.Text;
using UglyToad.PdfPig.Content;

namespace LandMap.Core.Extraction.Input;

/// <summary>
/// Rebuilds lines of text from the words on one PDF page, in reading order: words whose baselines
/// are within <see cref="SameLineTolerance"/> of each other form a line, ordered left to right.
/// Chinese PDFs often place every glyph as its own word, so neighbours are joined without a space
/// when both sides are CJK; otherwise a gap wider than <see cref="SpaceGap"/> becomes one space, and
/// a gap wider than <see cref="ColumnGap"/> (table columns) becomes a tab, as in docx table rows.
/// </summary>
internal static class PdfLineBuilder
{
    /// <summary>Baseline distance, in ems, below which two words share a line (covers superscripts).</summary>
    private const double SameLineTolerance = 0.4;

    /// <summary>Horizontal gap, in ems, from which words are separated by a space.</summary>
    private const double SpaceGap = 0.15;

    /// <summary>Horizontal gap, in ems, from which words are taken to be in different columns.</summary>
    private const double ColumnGap = 2.0;

    private sealed record PlacedWord(string Text, double Left, double Right, double Baseline, double Em);

    /// <summary>The page's lines, top to bottom; no empty lines.</summary>
    public static List<string> BuildLines(IEnumerable<Word> words)
    {
        var placed = words
            .Where(word => word.Letters.Count > 0 && !string.IsNullOrWhiteSpace(word.Text))
            .Select(Place)
            .OrderByDescending(word => word.Baseline) // PDF y grows upwards
            .ToList();
        var lines = new List<string>();
        var line = new List<PlacedWord>();
        foreach (var word in placed)
        {
            if (line.Count > 0 && !OnSameLine(line[0], word))
            {
                lines.Add(Join(line));
                line.Clear();
            }
            line.Add(word);
        }
        if (line.Count > 0)
            lines.Add(Join(line));
        return lines;
    }

    private static PlacedWord Place(Word word)
    {
        var first = word.Letters[0];
        var last = word.Letters[^1];
        var pointSize = word.Letters.Max(letter => letter.PointSize);
        var em = pointSize > 0 ? pointSize : Math.Max(word.BoundingBox.Height, 1);
        return new PlacedWord(word.Text, first.StartBaseLine.X, last.EndBaseLine.X, first.StartBaseLine.Y, em);
    }

    private static bool OnSameLine(PlacedWord lineStart, PlacedWord word) =>
        Math.Abs(lineStart.Baseline - word.Baseline) <= SameLineTolerance * Math.Max(lineStart.Em, word.Em);

    private static string Join(List<PlacedWord> line)
    {
        line.Sort((a, b) => a.Left.CompareTo(b.Left));
        var text = new StringBuilder(line[0].Text);
        for (var i = 1; i < line.Count; i++)
        {
            var (previous, next) = (line[i - 1], line[i]);
            var gapInEms = (next.Left - previous.Right) / Math.Max(previous.Em, next.Em);
            if (gapInEms >= ColumnGap)
                text.Append('\t');
            else if (gapInEms >= SpaceGap && !(IsCjk(previous.Text[^1]) && IsCjk(next.Text[0])))
                text.Append(' ');
            text.Append(next.Text);
        }
        return text.ToString();
    }

    /// <summary>CJK ideographs, kana, CJK and full-width punctuation: scripts written without spaces.</summary>
    internal static bool IsCjk(char c) => c switch
    {
        >= '\u3000' and <= '\u30FF' => true, // CJK punctuation, hiragana, katakana
        >= '\u3400' and <= '\u4DBF' => true, // CJK extension A
        >= '\u4E00' and <= '\u9FFF' => true, // CJK unified ideographs
        >= '\uF900' and <= '\uFAFF' => true, // CJK compatibility ideographs
        >= '\uFF00' and <= '\uFFEF' => true, // full-width forms: ，（）：
        _ => char.IsSurrogate(c), // supplementary planes in Chinese text are almost always ideographs
    };
}
