using System.Globalization;
using LandMap.Core.Crs;
using LandMap.Data;
using LandMap.Tiles.Rendering;
using NetTopologySuite.Geometries;
using SkiaSharp;

namespace LandMap.Tiles.Print;

/// <summary>
/// The thematic map's page, in millimetres: title and subtitle across the top; the map frame (basemap, parcels, labels,
/// project symbols, scale bar, north arrow) with the legend and the parcel table beside it (landscape) or below it
/// (portrait); the coordinate system, scale, source and date in the footer. The frame is drawn by the map renderer's
/// layers (<see cref="BaseMapLayer"/>, <see cref="ParcelLayer"/>, <see cref="LabelPlacer"/>) on a canvas whose unit is a
/// tenth of a millimetre.
/// </summary>
public sealed class ThematicMapLayout
{
    private const float Margin = 10, TitleBand = 19, FooterBand = 12, Gap = 5;

    /// <summary>Map units per millimetre inside the frame.</summary>
    private const float UnitsPerMm = 10;

    /// <summary>Scale of the renderer's widths and sizes in the frame: its 17 px labels print at 7 pt.</summary>
    private const float RendererScale = 1.45f;

    /// <summary>Smallest ground side shown, so a lone parcel still has surroundings.</summary>
    private const double MinSideM = 500;

    private static readonly SKColor Ink = new(0x20, 0x20, 0x20);
    private static readonly SKColor Grey = new(0x6A, 0x6A, 0x6A);

    private readonly ThematicMapData _data;
    private readonly MapView _view;
    private readonly ParcelLayer _parcels;

    /// <summary>Lays out <paramref name="data"/> on its paper.</summary>
    public ThematicMapLayout(ThematicMapData data)
    {
        _data = data;
        Frame = FrameOf(data.Request.Paper);
        var centre = data.Ground.Centre;
        _view = MapView.AtScale(data.Plane, centre.X, centre.Y, (int)Math.Round(Frame.Width * UnitsPerMm), (int)Math.Round(Frame.Height * UnitsPerMm),
            data.MetresPerMm / UnitsPerMm);
        var frameBox = new GeometryFactory().ToGeometry(data.Ground);
        var shown = data.Parcels.Where(p => data.Plane.ToPlane(p.Geometry!).Intersects(frameBox)).ToList();
        Shown = shown;
        _parcels = new ParcelLayer(shown.Select(p => StoredMapParcels.ToMapParcel(p, data.Request.Palette)), data.Plane);
        Places = data.Places.Where(f => data.Plane.ToPlane(f.Geometry).Intersects(frameBox)).ToList();
    }

    /// <summary>The map frame on the paper (mm from the top-left corner).</summary>
    public SKRect Frame { get; }

    /// <summary>The parcels on the sheet (drawn in the frame), as read from the store.</summary>
    public IReadOnlyList<ParcelRecord> Shown { get; }

    internal IReadOnlyList<Core.Gazetteer.GazetteerFeature> Places { get; }

    internal ThematicMapData Data => _data;

    /// <summary>The map frame of a paper: left of the side panel (landscape) or above the lower panel (portrait).</summary>
    public static SKRect FrameOf(Paper paper)
    {
        var body = Body(paper);
        return paper.Orientation == PaperOrientation.Landscape
            ? new SKRect(body.Left, body.Top, body.Right - PanelWidth(paper) - Gap, body.Bottom)
            : new SKRect(body.Left, body.Top, body.Right, body.Top + body.Height * 0.6f);
    }

    private static SKRect Body(Paper paper) =>
        new(Margin, Margin + TitleBand, paper.WidthMm - Margin, paper.HeightMm - Margin - FooterBand);

    // The side panel holds the legend and a table of about 30 rows with names of 15 characters.
    private static float PanelWidth(Paper paper) => paper.Size == PaperSize.A3 ? 105 : 82;

    /// <summary>Where legend and table go.</summary>
    internal static SKRect PanelOf(Paper paper)
    {
        var body = Body(paper);
        var frame = FrameOf(paper);
        return paper.Orientation == PaperOrientation.Landscape
            ? new SKRect(frame.Right + Gap, body.Top, body.Right, body.Bottom)
            : new SKRect(body.Left, frame.Bottom + Gap, body.Right, body.Bottom);
    }

    /// <summary>
    /// The ground (metres of <paramref name="plane"/>) the frame shows: <paramref name="wgs84"/> plus a margin (a share of
    /// its larger side), widened along one side to the frame's shape, at one scale on both axes.
    /// </summary>
    public static Envelope GroundOf(Envelope wgs84, MetricPlane plane, Paper paper, double margin)
    {
        var gk = plane.ToPlane(new GeometryFactory().ToGeometry(wgs84)).EnvelopeInternal.Copy();
        gk.ExpandBy(Math.Max(0, (MinSideM - gk.Width) / 2), Math.Max(0, (MinSideM - gk.Height) / 2));
        gk.ExpandBy(Math.Max(gk.Width, gk.Height) * margin);
        var frame = FrameOf(paper);
        var metresPerMm = Math.Max(gk.Width / frame.Width, gk.Height / frame.Height);
        var (cx, cy) = (gk.Centre.X, gk.Centre.Y);
        return new Envelope(cx - frame.Width / 2 * metresPerMm, cx + frame.Width / 2 * metresPerMm,
            cy - frame.Height / 2 * metresPerMm, cy + frame.Height / 2 * metresPerMm);
    }

    /// <summary>The paper position (mm) of a WGS 84 position: where a parcel lands on the sheet.</summary>
    public SKPoint ToPaper(double lon, double lat)
    {
        var unit = _view.ToPixel(lon, lat);
        return new SKPoint(Frame.Left + unit.X / UnitsPerMm, Frame.Top + unit.Y / UnitsPerMm);
    }

    /// <summary>The title: what, where, when.</summary>
    public string Title
    {
        get
        {
            var request = _data.Request;
            var where = request.District ?? "各区县";
            var when = request.PlanYear is { } y ? $" {y} 年" : "";
            var what = request.Layers.HasFlag(MapLayers.Parcels) ? "用地保障重点项目分布图" : "地名底图";
            return $"{where}{when}{what}";
        }
    }

    /// <summary>"约 1:25 000": the scale denominator to two significant digits, thin-space grouped.</summary>
    public static string ScaleText(double denominator)
    {
        var power = Math.Pow(10, Math.Max(0, Math.Floor(Math.Log10(denominator)) - 1));
        var rounded = Math.Round(denominator / power) * power;
        return "约 1:" + rounded.ToString("#,0", CultureInfo.InvariantCulture).Replace(",", " ", StringComparison.Ordinal);
    }

    /// <summary>Draws the page.</summary>
    internal void Draw(SKCanvas canvas, SKTypeface typeface)
    {
        var p = new PrintCanvas(canvas, typeface);
        var paper = _data.Request.Paper;
        p.Text(Title, Margin, Margin + 8, 18, color: Ink);
        p.Text(Subtitle(), Margin, Margin + 14.5f, 8.5f, color: Grey);
        p.Text($"制图日期 {_data.Request.DrawnAt:yyyy-MM-dd}", paper.WidthMm - Margin, Margin + 14.5f, 8.5f, SKTextAlign.Right, Grey);
        DrawMap(canvas, typeface);
        DrawScaleBar(p);
        DrawNorthArrow(p);
        p.Box(Frame, 0.4f, Ink);
        new ThematicMapPanel(this, _parcels).Draw(p, PanelOf(paper));
        DrawFooter(p);
    }

    private string Subtitle()
    {
        var request = _data.Request;
        if (!request.Layers.HasFlag(MapLayers.Parcels)) return "地块图层未显示";
        var drawn = Shown.Count;
        var text = $"图中地块 {drawn} 块（已公开，不含已驳回）";
        if (_data.Matched > _data.Parcels.Count) text += $"；范围内共 {_data.Matched} 块，只绘出轮廓最大的 {_data.Parcels.Count} 块";
        if (_data.Unresolved > 0) text += $"；另有 {_data.Unresolved} 块尚未定位，未绘出";
        return text + (request.PlanYear is null ? "；全部计划年度" : "");
    }

    private void DrawMap(SKCanvas canvas, SKTypeface typeface)
    {
        var style = MapStyle.Default;
        canvas.Save();
        canvas.ClipRect(Frame);
        canvas.Translate(Frame.Left, Frame.Top);
        canvas.Scale(1 / UnitsPerMm);
        using (var background = new SKPaint { Color = SKColors.White })
        {
            canvas.DrawRect(0, 0, _view.Width, _view.Height, background);
        }

        var painter = new Painter(canvas, _view, style, typeface, RendererScale);
        var layers = _data.Request.Layers;
        var baseMap = new BaseMapLayer(layers.HasFlag(MapLayers.Basemap) ? Places : [], _data.Plane);
        baseMap.Draw(painter);
        _parcels.Draw(painter);
        if (layers.HasFlag(MapLayers.Projects)) DrawProjects(painter);

        var placer = new LabelPlacer(_view.Width, _view.Height);
        foreach (var box in DecorationBoxes()) placer.Reserve(box);
        if (layers.HasFlag(MapLayers.Labels)) _parcels.Label(painter, placer, 12);
        baseMap.Label(painter, placer);
        canvas.Restore();
    }

    /// <summary>The drawn parcels that carry a project stage, for the project symbols and the legend.</summary>
    internal IEnumerable<(MapParcel Parcel, Geometry Gk, string Stage)> Projects() =>
        _parcels.Drawn.Where(d => ParcelPalette.StageOf(d.Parcel.LegendKey) is not null)
            .Select(d => (d.Parcel, d.Gk, ParcelPalette.StageOf(d.Parcel.LegendKey)!));

    // A project symbol as the page draws it: the stage's colour in a white ring on a dark halo.
    private void DrawProjects(Painter painter)
    {
        var palette = _data.Request.Palette;
        foreach (var (_, gk, stage) in Projects())
        {
            var at = painter.Pixel(gk.InteriorPoint.Coordinate);
            var color = palette.Stages.FirstOrDefault(s => s.Key == stage).Value?.Color ?? new SKColor(0x9A, 0x9A, 0x9A);
            using var halo = new SKPaint { Color = new SKColor(20, 30, 40, 140), IsAntialias = true };
            using var ring = new SKPaint { Color = SKColors.White, IsAntialias = true };
            using var fill = new SKPaint { Color = color, IsAntialias = true };
            painter.Canvas.DrawCircle(at, 10, halo);
            painter.Canvas.DrawCircle(at, 8.5f, ring);
            painter.Canvas.DrawCircle(at, 6.5f, fill);
        }
    }

    // The scale bar (bottom left) and the north arrow (top right), in frame units: labels keep off them.
    private IEnumerable<SKRect> DecorationBoxes()
    {
        var scale = ScaleBarBox();
        var arrow = ArrowBox();
        foreach (var box in new[] { scale, arrow })
        {
            yield return new SKRect((box.Left - Frame.Left) * UnitsPerMm, (box.Top - Frame.Top) * UnitsPerMm,
                (box.Right - Frame.Left) * UnitsPerMm, (box.Bottom - Frame.Top) * UnitsPerMm);
        }
    }

    private (double Metres, float Length) ScaleBar()
    {
        var metres = SheetScales.NiceLength(_data.MetresPerMm * 40);
        return (metres, (float)(metres / _data.MetresPerMm));
    }

    private SKRect ScaleBarBox()
    {
        var (_, length) = ScaleBar();
        return new SKRect(Frame.Left + 3, Frame.Bottom - 16, Frame.Left + 3 + Math.Max(length + 14, 44), Frame.Bottom - 3);
    }

    private SKRect ArrowBox() => new(Frame.Right - 16, Frame.Top + 3, Frame.Right - 3, Frame.Top + 21);

    private void DrawScaleBar(PrintCanvas p)
    {
        var box = ScaleBarBox();
        var (metres, length) = ScaleBar();
        p.Box(box, 0.15f, Grey, SKColors.White.WithAlpha(0xE8));
        var x = box.Left + 4;
        var y = box.Bottom - 4.5f;
        for (var i = 0; i < 4; i++)
        {
            p.Box(new SKRect(x + i * length / 4, y - 1.3f, x + (i + 1) * length / 4, y), 0.2f, Ink, i % 2 == 0 ? Ink : SKColors.White);
        }

        p.Text("0", x, y + 3, 6.5f, SKTextAlign.Center, Ink);
        var label = metres >= 1000 ? $"{metres / 1000:0.#} 公里" : $"{metres:0} 米";
        p.Text(label, x + length, y + 3, 6.5f, SKTextAlign.Center, Ink);
        p.Text($"比例尺 {ScaleText(_data.ScaleDenominator)}", x - 1, box.Top + 4.2f, 7.5f, color: Ink);
    }

    private void DrawNorthArrow(PrintCanvas p)
    {
        var box = ArrowBox();
        p.Box(box, 0.15f, Grey, SKColors.White.WithAlpha(0xE8));
        var x = box.MidX;
        var top = box.Top + 6;
        using var left = new SKPath();
        left.AddPoly([new SKPoint(x, top), new SKPoint(x - 3.2f, top + 10), new SKPoint(x, top + 7.6f)]);
        using var right = new SKPath();
        right.AddPoly([new SKPoint(x, top), new SKPoint(x + 3.2f, top + 10), new SKPoint(x, top + 7.6f)]);
        using var ink = new SKPaint { Color = Ink, IsAntialias = true };
        using var white = new SKPaint { Color = SKColors.White, IsAntialias = true };
        using var edge = new SKPaint { Color = Ink, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 0.25f };
        p.Canvas.DrawPath(left, ink);
        p.Canvas.DrawPath(right, white);
        p.Canvas.DrawPath(right, edge);
        p.Text("北", x, top - 1.2f, 8, SKTextAlign.Center, Ink);
    }

    private void DrawFooter(PrintCanvas p)
    {
        var paper = _data.Request.Paper;
        var top = paper.HeightMm - Margin - FooterBand + 4;
        var width = paper.WidthMm - 2 * Margin;
        p.Line(Margin, top - 1, paper.WidthMm - Margin, top - 1, 0.25f, Ink);
        var crs = $"坐标系：{_data.Plane.Label}，图上方为坐标北；比例尺 {ScaleText(_data.ScaleDenominator)}（按 100% 打印）";
        p.Wrapped(crs, Margin, top, width, 7, 1, Ink);
        var edited = Shown.Count(r => r.MadeBy != ReportImport.Geocoder);
        var origin = Shown.Count == 0 ? ""
            : $"图中 {Shown.Count - edited} 块的轮廓由规划报告文字推算，{edited} 块经审核员修改或勘测；非测绘成果，仅供规划参考。";
        var source = $"数据来源：LandMap 数据库（{_data.Source}）中已公开的地块；底图：数据库中的地名库。{origin}";
        p.Wrapped(source, Margin, top + 3.6f, width, 7, 2, Grey);
    }
}
