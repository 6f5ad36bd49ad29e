using SkiaSharp;

namespace LandMap.Tiles.Print;

/// <summary>
/// Text, lines and boxes on a page whose unit is one millimetre (see <see cref="PageWriter"/>), with type sizes in points
/// as printers give them. One CJK font for everything: Skia has no font fallback, and a PDF embeds what is drawn.
/// </summary>
internal sealed class PrintCanvas(SKCanvas canvas, SKTypeface typeface)
{
    /// <summary>Millimetres per typographic point.</summary>
    public const float MmPerPt = 25.4f / 72f;

    public SKCanvas Canvas => canvas;

    public SKTypeface Typeface => typeface;

    // Unhinted with linear metrics: at a size of two "pixels" (millimetres) hinting rounds every advance to a whole unit,
    // which spaces out digits on paper and makes pdftotext read "177. 03".
    public SKFont Font(float pt) =>
        new(typeface, pt * MmPerPt) { Subpixel = true, LinearMetrics = true, Hinting = SKFontHinting.None, Edging = SKFontEdging.Antialias };

    /// <summary>Width of <paramref name="text"/> in millimetres at <paramref name="pt"/>.</summary>
    public float Width(string text, float pt)
    {
        using var font = Font(pt);
        return font.MeasureText(text);
    }

    /// <summary>Draws one line of text with its baseline at <paramref name="y"/>.</summary>
    public void Text(string text, float x, float y, float pt, SKTextAlign align = SKTextAlign.Left, SKColor? color = null)
    {
        using var font = Font(pt);
        using var paint = new SKPaint { Color = color ?? SKColors.Black, IsAntialias = true };
        canvas.DrawText(text, x, y, align, font, paint);
    }

    /// <summary>Draws text with a white halo, for labels over map content.</summary>
    public void HaloText(string text, float x, float y, float pt, SKTextAlign align = SKTextAlign.Left, SKColor? color = null)
    {
        using var font = Font(pt);
        using var halo = new SKPaint
        {
            Color = SKColors.White, Style = SKPaintStyle.Stroke, StrokeWidth = pt * MmPerPt * 0.35f, StrokeJoin = SKStrokeJoin.Round, IsAntialias = true,
        };
        using var paint = new SKPaint { Color = color ?? SKColors.Black, IsAntialias = true };
        canvas.DrawText(text, x, y, align, font, halo);
        canvas.DrawText(text, x, y, align, font, paint);
    }

    /// <summary>
    /// Draws <paramref name="text"/> wrapped to <paramref name="width"/> from the top <paramref name="top"/>, at most
    /// <paramref name="maxLines"/> lines (the last one ends in … when cut), and returns the height used.
    /// </summary>
    public float Wrapped(string text, float x, float top, float width, float pt, int maxLines = int.MaxValue, SKColor? color = null)
    {
        var lines = Wrap(text, width, pt, maxLines);
        var lineHeight = LineHeight(pt);
        for (var i = 0; i < lines.Count; i++)
        {
            Text(lines[i], x, top + (i + 0.8f) * lineHeight, pt, color: color);
        }

        return lines.Count * lineHeight;
    }

    /// <summary>The height one line of <paramref name="pt"/> text takes, leading included.</summary>
    public static float LineHeight(float pt) => pt * MmPerPt * 1.35f;

    /// <summary>
    /// Breaks text into lines no wider than <paramref name="width"/>: Chinese breaks between any two characters, a run of
    /// Latin letters and digits (a number, an id) stays whole when it fits on a line.
    /// </summary>
    public List<string> Wrap(string text, float width, float pt, int maxLines = int.MaxValue)
    {
        using var font = Font(pt);
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r", "").Split('\n'))
        {
            var line = "";
            foreach (var token in Tokens(paragraph))
            {
                // A closing mark never starts a line (the 禁则 of Chinese typesetting): it may overhang the measure instead.
                if (font.MeasureText(line + token) <= width || line.Length == 0 || ClosingMarks.Contains(token[0]))
                {
                    line += token;
                    continue;
                }

                lines.Add(line.TrimEnd());
                line = token.TrimStart();
            }

            lines.Add(line);
        }

        if (lines.Count > maxLines)
        {
            lines = lines.Take(maxLines).ToList();
            var last = lines[^1];
            while (last.Length > 0 && font.MeasureText(last + "…") > width) last = last[..^1];
            lines[^1] = last + "…";
        }

        return lines;
    }

    public void Line(float x1, float y1, float x2, float y2, float widthMm, SKColor? color = null, float[]? dashMm = null)
    {
        using var effect = dashMm is null ? null : SKPathEffect.CreateDash(dashMm, 0);
        using var paint = new SKPaint
        {
            Color = color ?? SKColors.Black, Style = SKPaintStyle.Stroke, StrokeWidth = widthMm, IsAntialias = true, PathEffect = effect,
        };
        canvas.DrawLine(x1, y1, x2, y2, paint);
    }

    public void Box(SKRect rect, float strokeMm, SKColor? stroke = null, SKColor? fill = null)
    {
        if (fill is { } f)
        {
            using var paint = new SKPaint { Color = f, Style = SKPaintStyle.Fill, IsAntialias = true };
            canvas.DrawRect(rect, paint);
        }

        if (strokeMm > 0)
        {
            using var paint = new SKPaint { Color = stroke ?? SKColors.Black, Style = SKPaintStyle.Stroke, StrokeWidth = strokeMm, IsAntialias = true };
            canvas.DrawRect(rect, paint);
        }
    }

    private const string ClosingMarks = "，。、；：！？）》」』】”’…,.;:!?)";

    // A token is one CJK character, one space, or a run of other characters (so "410403202300017" never splits).
    private static IEnumerable<string> Tokens(string text)
    {
        var run = new System.Text.StringBuilder();
        foreach (var ch in text)
        {
            if (ch > 0x2E7F || char.IsWhiteSpace(ch))
            {
                if (run.Length > 0)
                {
                    yield return run.ToString();
                    run.Clear();
                }

                yield return ch.ToString();
            }
            else
            {
                run.Append(ch);
            }
        }

        if (run.Length > 0) yield return run.ToString();
    }
}
