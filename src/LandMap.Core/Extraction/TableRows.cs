using System.Text.RegularExpressions;

namespace LandMap.Core.Extraction;

/// <summary>How a table's cells are separated.</summary>
public enum TableLayout
{
    /// <summary>Cells separated by tab characters.</summary>
    Tabs,
    /// <summary>Markdown: | a | b |.</summary>
    Pipes,
    /// <summary>Cells separated by runs of two or more spaces.</summary>
    Spaces,
}

/// <summary>Splits table lines into cells for the three layouts reports use.</summary>
public static partial class TableRows
{
    [GeneratedRegex(@"^\s*\|?\s*:?-{3,}")]
    private static partial Regex MarkdownRuleRegex();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex SpacesRegex();

    /// <summary>The layout of a header line, or null when it has fewer than three cells.</summary>
    public static TableLayout? DetectLayout(string line)
    {
        if (line.Contains('\t')) return TableLayout.Tabs;
        if (line.TrimStart().StartsWith('|')) return TableLayout.Pipes;
        return SpacesRegex().Split(line.Trim()).Length >= 3 ? TableLayout.Spaces : null;
    }

    /// <summary>True for a markdown rule line (|---|---|), which carries no cells.</summary>
    public static bool IsRule(string line) => MarkdownRuleRegex().IsMatch(line);

    /// <summary>
    /// The cells of <paramref name="line"/>, trimmed; null when the line is not a row of this layout.
    /// Tab rows keep empty cells, because two-row headers use them to span columns.
    /// </summary>
    public static string[]? Split(string line, TableLayout layout)
    {
        switch (layout)
        {
            case TableLayout.Tabs:
                return line.Contains('\t') ? line.Split('\t').Select(c => c.Trim()).ToArray() : null;
            case TableLayout.Pipes:
                var trimmed = line.Trim();
                if (!trimmed.StartsWith('|')) return null;
                trimmed = trimmed.Trim('|');
                return trimmed.Split('|').Select(c => c.Trim()).ToArray();
            default:
                var cells = SpacesRegex().Split(line.Trim());
                return cells.Length >= 2 ? cells : null;
        }
    }

    /// <summary>Removes the spaces OCR puts inside header words (指 标 名 称).</summary>
    public static string Squash(string cell) => cell.Replace(" ", "").Replace("\u3000", "");
}
