using System.Text;
using System.Text.RegularExpressions;
using LandMap.Core.Extraction.Input;

namespace LandMap.Core.Extraction;

/// <summary>A paragraph rebuilt across page breaks, with a map back to the lines it came from.</summary>
public sealed class ReportParagraph
{
    private readonly int[] _offsets;
    private readonly int[] _lines;

    internal ReportParagraph(string text, int[] offsets, int[] lines)
    {
        Text = text;
        _offsets = offsets;
        _lines = lines;
    }

    /// <summary>The joined text.</summary>
    public string Text { get; }

    /// <summary>The 1-based line of the file the first line of this paragraph is on.</summary>
    public int FirstLine => _lines[0];

    /// <summary>The 1-based line of the file that holds the char at <paramref name="offset"/>.</summary>
    public int LineAt(int offset)
    {
        var i = Array.BinarySearch(_offsets, offset);
        return _lines[i >= 0 ? i : ~i - 1];
    }
}

/// <summary>
/// Rebuilds paragraphs from report lines. OCR'd reports break a paragraph at every page end,
/// with a blank line and no punctuation; a long line that does not end a sentence is joined to the
/// next text line unless that line starts a heading, a list item or a table row.
/// </summary>
public static partial class Paragraphs
{
    private const int MinBrokenLineLength = 30;

    [GeneratedRegex(@"^\s*(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、|专栏|附表|附件|[-*▲•]|\d+\s*[、.．]|第[一二三四五六七八九十]+)")]
    private static partial Regex StartsBlockRegex();

    /// <summary>Splits <paramref name="report"/> into paragraphs.</summary>
    public static IReadOnlyList<ReportParagraph> Of(ReportText report)
    {
        var result = new List<ReportParagraph>();
        var text = new StringBuilder();
        var offsets = new List<int>();
        var lines = new List<int>();

        void Flush()
        {
            if (text.Length > 0) result.Add(new ReportParagraph(text.ToString(), [.. offsets], [.. lines]));
            text.Clear();
            offsets.Clear();
            lines.Clear();
        }

        var previous = "";
        for (var i = 0; i < report.Lines.Count; i++)
        {
            var line = report.Lines[i].Trim();
            if (line.Length == 0) continue;
            var joins = text.Length > 0 && EndsBroken(previous) && !StartsBlockRegex().IsMatch(line) && !IsTableRow(line);
            if (!joins) Flush();
            offsets.Add(text.Length);
            lines.Add(i + 1);
            text.Append(line);
            previous = line;
        }
        Flush();
        return result;
    }

    /// <summary>True for a line with tab or pipe columns.</summary>
    public static bool IsTableRow(string line) => line.Contains('\t') || line.TrimStart().StartsWith('|');

    // Only a long line can be cut by a page end; short ones are titles and headings.
    private static bool EndsBroken(string line) =>
        line.Length >= MinBrokenLineLength && !"。！？；：”」…!?;:".Contains(line[^1]) && !IsTableRow(line);
}
