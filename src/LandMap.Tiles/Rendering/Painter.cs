using NetTopologySuite.Geometries;
using SkiaSharp;

namespace LandMap.Tiles.Rendering;

/// <summary>
/// Drawing primitives over one canvas: geometries in the view's plane (<see cref="MapView.Plane"/>) to paths, dots, haloed text. <c>k</c> sets the scale of widths
/// and text sizes (a printed frame sets its own); null takes the image's.
/// </summary>
internal sealed class Painter(SKCanvas canvas, MapView view, MapStyle style, SKTypeface typeface, float? k = null)
{
    /// <summary>Scale of widths and text sizes: styles are given for a 1600 px short side.</summary>
    public float K { get; } = k ?? Math.Clamp(Math.Min(view.Width, view.Height) / 1600f, 0.5f, 4f);

    public SKCanvas Canvas => canvas;

    public MapView View => view;

    public MapStyle Style => style;

    public SKFont Font(float size, bool bold = false) =>
        new(typeface, size * K) { Subpixel = true, Edging = SKFontEdging.Antialias, Embolden = bold };

    public SKPath Path(Geometry gk) => PathOf(gk, Pixel);

    /// <summary>
    /// The path of the polygons and lines of <paramref name="gk"/> (points are left out) with <paramref name="toCanvas"/>
    /// placing each coordinate: one way to draw geometry for the pixel maps and the millimetre frames of printed sheets.
    /// </summary>
    public static SKPath PathOf(Geometry gk, Func<Coordinate, SKPoint> toCanvas)
    {
        var path = new SKPath { FillType = SKPathFillType.EvenOdd };
        foreach (var part in Parts(gk))
        {
            switch (part)
            {
                case Polygon polygon:
                    path.AddPoly(polygon.ExteriorRing.Coordinates.Select(toCanvas).ToArray(), close: true);
                    foreach (var hole in polygon.InteriorRings)
                    {
                        path.AddPoly(hole.Coordinates.Select(toCanvas).ToArray(), close: true);
                    }

                    break;
                case LineString line:
                    path.AddPoly(line.Coordinates.Select(toCanvas).ToArray(), close: false);
                    break;
            }
        }

        return path;
    }

    public void Fill(Geometry gk, SKColor color)
    {
        using var path = Path(gk);
        using var paint = new SKPaint { Color = color, Style = SKPaintStyle.Fill, IsAntialias = true };
        canvas.DrawPath(path, paint);
    }

    public void Stroke(Geometry gk, SKColor color, float width, float[]? dash = null)
    {
        using var path = Path(gk);
        using var effect = dash is null ? null : SKPathEffect.CreateDash(dash.Select(d => d * K).ToArray(), 0);
        using var paint = new SKPaint
        {
            Color = color, Style = SKPaintStyle.Stroke, StrokeWidth = width * K, IsAntialias = true,
            StrokeJoin = SKStrokeJoin.Round, StrokeCap = dash is null ? SKStrokeCap.Round : SKStrokeCap.Butt, PathEffect = effect,
        };
        canvas.DrawPath(path, paint);
    }

    /// <summary>A filled dot with a white rim, or a ring when <paramref name="hollow"/>.</summary>
    public void Dot(SKPoint at, float radius, SKColor color, bool hollow = false, float ringWidth = 3)
    {
        using var paint = new SKPaint { Color = color, IsAntialias = true };
        if (hollow)
        {
            paint.Style = SKPaintStyle.Stroke;
            paint.StrokeWidth = ringWidth * K;
            canvas.DrawCircle(at, radius * K, paint);
            return;
        }

        using var rim = new SKPaint { Color = style.Halo, IsAntialias = true };
        canvas.DrawCircle(at, (radius + 1.5f) * K, rim);
        canvas.DrawCircle(at, radius * K, paint);
    }

    /// <summary>The box a label takes with its halo when its top-left corner is at (0, 0).</summary>
    public SKRect Measure(string text, SKFont font)
    {
        var width = font.MeasureText(text);
        var halo = 2 * K;
        return new SKRect(0, 0, width + 2 * halo, font.Metrics.Descent - font.Metrics.Ascent + 2 * halo);
    }

    /// <summary>Draws <paramref name="text"/> with a halo inside <paramref name="box"/> (from <see cref="Measure"/>, moved).</summary>
    public void Text(string text, SKRect box, SKFont font, SKColor? color = null)
    {
        var halo = 2 * K;
        var x = box.Left + halo;
        var baseline = box.Top + halo - font.Metrics.Ascent;
        using var outline = new SKPaint
        {
            Color = style.Halo, Style = SKPaintStyle.Stroke, StrokeWidth = 2 * halo, StrokeJoin = SKStrokeJoin.Round, IsAntialias = true,
        };
        using var fill = new SKPaint { Color = color ?? style.Text, IsAntialias = true };
        canvas.DrawText(text, x, baseline, SKTextAlign.Left, font, outline);
        canvas.DrawText(text, x, baseline, SKTextAlign.Left, font, fill);
    }

    /// <summary>The pixel box of a geometry.</summary>
    public SKRect Box(Geometry gk)
    {
        var e = gk.EnvelopeInternal;
        var a = view.ToPixelGk(e.MinX, e.MinY);
        var b = view.ToPixelGk(e.MaxX, e.MaxY);
        return new SKRect(a.X, b.Y, b.X, a.Y);
    }

    public SKPoint Pixel(Coordinate c) => view.ToPixelGk(c.X, c.Y);

    /// <summary>Points, lines and polygons of any geometry, collections flattened.</summary>
    public static IEnumerable<Geometry> Parts(Geometry g)
    {
        if (g is GeometryCollection collection)
        {
            for (var i = 0; i < collection.NumGeometries; i++)
            {
                foreach (var part in Parts(collection.GetGeometryN(i)))
                {
                    yield return part;
                }
            }
        }
        else if (!g.IsEmpty)
        {
            yield return g;
        }
    }

}
