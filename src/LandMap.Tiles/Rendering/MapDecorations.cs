using System.Globalization;
using SkiaSharp;

namespace LandMap.Tiles.Rendering;

/// <summary>The symbol of a legend row.</summary>
internal enum LegendSymbol
{
    Header,
    Area,
    Line,
    Dot,
    Ring,
    TextOnly,
}

/// <summary>One legend row: a symbol drawn in the style's colours and a Chinese label.</summary>
internal sealed record LegendRow(string Label, LegendSymbol Symbol, SKColor Color = default, SKColor Outline = default, float Width = 2, float[]? Dash = null);

/// <summary>
/// Title (top left), north arrow (top right), legend (bottom right) and scale bar (bottom left). The layout is
/// known before drawing so the label placer can keep labels off these boxes.
/// </summary>
internal sealed class MapDecorations
{
    private static readonly double[] NiceSteps = [1, 2, 5];

    private readonly Painter _p;
    private readonly string _title;
    private readonly string _subtitle;
    private readonly IReadOnlyList<LegendRow> _legend;
    private readonly float _pad;
    private readonly float _row;
    private readonly double _scaleMetres;
    private readonly float _scalePixels;

    public MapDecorations(Painter p, string title, string subtitle, IReadOnlyList<LegendRow> legend)
    {
        (_p, _title, _subtitle, _legend) = (p, title, subtitle, legend);
        _pad = 12 * p.K;
        _row = p.Style.LabelSize * 1.6f * p.K;
        var (w, h) = ((float)p.View.Width, (float)p.View.Height);

        using var titleFont = p.Font(p.Style.TitleSize, bold: true);
        using var font = p.Font(p.Style.LabelSize);
        var titleWidth = Math.Max(titleFont.MeasureText(title), font.MeasureText(subtitle));
        TitleBox = SKRect.Create(_pad, _pad, titleWidth + 2 * _pad, p.Style.TitleSize * 1.4f * p.K + _row + _pad);

        var arrow = 70 * p.K;
        ArrowBox = SKRect.Create(w - _pad - arrow, _pad, arrow, arrow * 1.5f);

        var legendWidth = legend.Select(r => font.MeasureText(r.Label)).DefaultIfEmpty(0).Max() + 60 * p.K + 2 * _pad;
        LegendBox = SKRect.Create(w - _pad - legendWidth, h - _pad - legend.Count * _row - 2 * _pad, legendWidth, legend.Count * _row + 2 * _pad);

        // A round length (1, 2, 5 × 10^n m) near a fifth of the image width.
        var target = p.View.MetresPerPixel * w / 5;
        var power = Math.Pow(10, Math.Floor(Math.Log10(target)));
        _scaleMetres = NiceSteps.Select(s => s * power).Last(m => m <= target);
        _scalePixels = (float)(_scaleMetres / p.View.MetresPerPixel);
        ScaleBox = SKRect.Create(_pad, h - _pad - 3.2f * _row, _scalePixels + 7 * _pad, 3.2f * _row);
    }

    public SKRect TitleBox { get; }

    public SKRect ArrowBox { get; }

    public SKRect LegendBox { get; }

    public SKRect ScaleBox { get; }

    public IEnumerable<SKRect> Boxes => [TitleBox, ArrowBox, LegendBox, ScaleBox];

    public void Draw()
    {
        using var titleFont = _p.Font(_p.Style.TitleSize, bold: true);
        using var font = _p.Font(_p.Style.LabelSize);
        using var ink = new SKPaint { Color = _p.Style.Text, IsAntialias = true };

        Panel(TitleBox);
        var baseline = TitleBox.Top + _pad - titleFont.Metrics.Ascent;
        _p.Canvas.DrawText(_title, TitleBox.Left + _pad, baseline, SKTextAlign.Left, titleFont, ink);
        _p.Canvas.DrawText(_subtitle, TitleBox.Left + _pad, baseline + titleFont.Metrics.Descent + _row * 0.8f, SKTextAlign.Left, font, ink);

        DrawLegend(font, ink);
        DrawScaleBar(font, ink);
        DrawNorthArrow(font, ink);
    }

    private void DrawLegend(SKFont font, SKPaint ink)
    {
        Panel(LegendBox);
        var swatch = 40 * _p.K;
        var y = LegendBox.Top + _pad;
        foreach (var row in _legend)
        {
            var mid = y + _row / 2;
            var symbol = SKRect.Create(LegendBox.Left + _pad, mid - _row * 0.28f, swatch, _row * 0.56f);
            using var paint = new SKPaint { Color = row.Color, IsAntialias = true };
            using var outline = new SKPaint { Color = row.Outline, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = row.Width * _p.K };
            switch (row.Symbol)
            {
                case LegendSymbol.Area:
                    _p.Canvas.DrawRect(symbol, paint);
                    _p.Canvas.DrawRect(symbol, outline);
                    break;
                case LegendSymbol.Line:
                    using (var effect = row.Dash is null ? null : SKPathEffect.CreateDash(row.Dash.Select(d => d * _p.K).ToArray(), 0))
                    {
                        outline.PathEffect = effect;
                        _p.Canvas.DrawLine(symbol.Left, mid, symbol.Right, mid, outline);
                    }

                    break;
                case LegendSymbol.Dot:
                    _p.Dot(new SKPoint(symbol.MidX, mid), 4.5f, row.Color);
                    break;
                case LegendSymbol.Ring:
                    _p.Dot(new SKPoint(symbol.MidX, mid), _p.Style.PointRadius * 0.8f, row.Outline, hollow: true);
                    break;
            }

            var x = row.Symbol is LegendSymbol.Header or LegendSymbol.TextOnly ? LegendBox.Left + _pad : symbol.Right + _pad;
            using var rowFont = _p.Font(_p.Style.LabelSize, bold: row.Symbol == LegendSymbol.Header);
            _p.Canvas.DrawText(row.Label, x, mid - (font.Metrics.Ascent + font.Metrics.Descent) / 2, SKTextAlign.Left, rowFont, ink);
            y += _row;
        }
    }

    private void DrawScaleBar(SKFont font, SKPaint ink)
    {
        Panel(ScaleBox);
        var left = ScaleBox.Left + 2 * _pad;
        var top = ScaleBox.Top + _row * 1.3f;
        var height = 8 * _p.K;
        using var white = new SKPaint { Color = SKColors.White };
        using var frame = new SKPaint { Color = _p.Style.Text, Style = SKPaintStyle.Stroke, StrokeWidth = 1.5f * _p.K, IsAntialias = true };
        for (var i = 0; i < 4; i++)
        {
            var segment = SKRect.Create(left + i * _scalePixels / 4, top, _scalePixels / 4, height);
            _p.Canvas.DrawRect(segment, i % 2 == 0 ? ink : white);
        }

        _p.Canvas.DrawRect(SKRect.Create(left, top, _scalePixels, height), frame);
        var labelY = top - 6 * _p.K;
        _p.Canvas.DrawText("0", left, labelY, SKTextAlign.Center, font, ink);
        _p.Canvas.DrawText(Distance(_scaleMetres), left + _scalePixels, labelY, SKTextAlign.Center, font, ink);
        _p.Canvas.DrawText(Distance(_scaleMetres / 2), left + _scalePixels / 2, labelY, SKTextAlign.Center, font, ink);
        _p.Canvas.DrawText(_p.View.Plane.ToString(), left, top + height + _row * 0.9f, SKTextAlign.Left, font, ink);
    }

    private void DrawNorthArrow(SKFont font, SKPaint ink)
    {
        var box = ArrowBox;
        var tip = new SKPoint(box.MidX, box.Top + box.Height * 0.3f);
        var bottom = box.Bottom - 6 * _p.K;
        var half = box.Width * 0.28f;
        using var left = new SKPath();
        left.AddPoly([tip, new SKPoint(box.MidX - half, bottom), new SKPoint(box.MidX, bottom - half * 0.8f)]);
        using var right = new SKPath();
        right.AddPoly([tip, new SKPoint(box.MidX + half, bottom), new SKPoint(box.MidX, bottom - half * 0.8f)]);
        using var white = new SKPaint { Color = SKColors.White, IsAntialias = true };
        using var frame = new SKPaint { Color = _p.Style.Text, Style = SKPaintStyle.Stroke, StrokeWidth = 1.5f * _p.K, IsAntialias = true };
        _p.Canvas.DrawPath(left, ink);
        _p.Canvas.DrawPath(right, white);
        _p.Canvas.DrawPath(right, frame);
        _p.Text("北", SKRect.Create(box.MidX - font.Size * 0.5f - 2 * _p.K, box.Top, font.Size + 4 * _p.K, font.Size * 1.4f), font);
    }

    private void Panel(SKRect box)
    {
        using var fill = new SKPaint { Color = _p.Style.Panel, IsAntialias = true };
        using var frame = new SKPaint { Color = new SKColor(0xBD, 0xBD, 0xBD), Style = SKPaintStyle.Stroke, StrokeWidth = 1 };
        var radius = 4 * _p.K;
        _p.Canvas.DrawRoundRect(box, radius, radius, fill);
        _p.Canvas.DrawRoundRect(box, radius, radius, frame);
    }

    private static string Distance(double metres) =>
        metres >= 1000
            ? (metres / 1000).ToString("0.##", CultureInfo.InvariantCulture) + " km"
            : metres.ToString("0.##", CultureInfo.InvariantCulture) + " m";
}
