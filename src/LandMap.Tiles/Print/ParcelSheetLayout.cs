using System.Globalization;
using LandMap.Core.Crs;
using LandMap.Core.Gazetteer;
using LandMap.Data;
using LandMap.Data.Conflicts;
using LandMap.Data.Review;
using NetTopologySuite.Geometries;
using SkiaSharp;

namespace LandMap.Tiles.Print;

/// <summary>
/// The 宗地图 layout on A4 portrait, in millimetres: title, title block, the map frame at a round scale, the
/// 界址点坐标表 beside the areas and checks, and a footer saying what the outline is. Points that do not fit the first
/// page's table continue on further pages (续表).
/// </summary>
internal sealed class ParcelSheetLayout
{
    // Page geometry (mm). The frame is as wide as the text block and leaves the lower third for the tables.
    private const float Left = 12, Right = 198, Width = Right - Left;
    private const float FrameTop = 70, FrameHeight = 124;
    private const float LowerTop = FrameTop + FrameHeight + 5;
    private const float FooterTop = 281;
    private const float TableWidth = 92;
    private const float RowHeight = 4.3f;
    private const float HeaderHeight = 5.5f;

    /// <summary>Share of the frame the parcel may take, so its neighbours and roads show around it.</summary>
    private const double FillShare = 0.6;

    private static readonly SKColor Ink = new(0x20, 0x20, 0x20);
    private static readonly SKColor Grey = new(0x70, 0x70, 0x70);
    private static readonly SKColor ParcelRed = new(0xC6, 0x28, 0x28);
    private static readonly SKColor Water = new(0x4A, 0x90, 0xC8);
    private static readonly float[] ColumnWidths = [13, 27, 27, 25];

    private readonly ParcelSheetData _data;
    private readonly IReadOnlyList<BoundaryRing> _rings;
    private readonly int _firstPageRows;

    public ParcelSheetLayout(ParcelSheetData data)
    {
        _data = data;
        _rings = BoundaryPoints.Of(data.Plane);
        _firstPageRows = (int)((FooterTop - 3 - LowerTop - 6 - HeaderHeight) / RowHeight);
        Rows = TableRows(_rings);
    }

    /// <summary>The table's rows in print order: a caption row before each ring when there is more than one.</summary>
    public IReadOnlyList<TableRow> Rows { get; }

    /// <summary>The map frame on paper.</summary>
    public static SKRect Frame => new(Left, FrameTop, Right, FrameTop + FrameHeight);

    /// <summary>The largest round scale at which a parcel of this plane envelope fills at most <see cref="FillShare"/> of the frame.</summary>
    public static int FitScale(Envelope plane, Paper paper) =>
        SheetScales.Fit(Math.Max(plane.Width, 1), Math.Max(plane.Height, 1), Frame.Width * Zoom(paper) * FillShare, Frame.Height * Zoom(paper) * FillShare);

    /// <summary>
    /// How much larger than A4 the paper is: the A4 layout is drawn that much larger (A3 is √2), and the map frame, larger
    /// on paper, shows more ground at the same printed scale.
    /// </summary>
    public static float Zoom(Paper paper) => paper.WidthMm / 210f;

    /// <summary>The ground (metres of the sheet's zone) the frame shows at <paramref name="scale"/>, centred on the parcel.</summary>
    public static Envelope GroundFrame(Envelope plane, int scale, Paper paper)
    {
        var centre = plane.Centre;
        var halfWidth = Frame.Width * Zoom(paper) / 2 * scale / 1000.0;
        var halfHeight = Frame.Height * Zoom(paper) / 2 * scale / 1000.0;
        return new Envelope(centre.X - halfWidth, centre.X + halfWidth, centre.Y - halfHeight, centre.Y + halfHeight);
    }

    /// <summary>The pages: the sheet, then 续表 pages while points remain.</summary>
    public IReadOnlyList<Action<SKCanvas>> Pages(SKTypeface typeface)
    {
        var continuationRows = ContinuationRowsPerPage;
        var rest = Math.Max(0, Rows.Count - _firstPageRows);
        var count = 1 + (rest + continuationRows - 1) / continuationRows;
        var zoom = Zoom(_data.Paper);
        var pages = new List<Action<SKCanvas>> { canvas => DrawFirstPage(Zoomed(canvas, zoom, typeface), count) };
        for (var i = 1; i < count; i++)
        {
            var from = _firstPageRows + (i - 1) * continuationRows;
            var page = i + 1;
            pages.Add(canvas => DrawContinuation(Zoomed(canvas, zoom, typeface), from, page, count));
        }

        return pages;
    }

    private static PrintCanvas Zoomed(SKCanvas canvas, float zoom, SKTypeface typeface)
    {
        canvas.Scale(zoom);
        return new PrintCanvas(canvas, typeface);
    }

    private static int ContinuationRowsPerPage => 2 * (int)((FooterTop - 3 - 30 - HeaderHeight) / RowHeight);

    private void DrawFirstPage(PrintCanvas p, int pageCount)
    {
        p.Text("宗 地 图", (Left + Right) / 2, 21, 20, SKTextAlign.Center, Ink);
        DrawTitleBlock(p);
        DrawMap(p);
        DrawTable(p, Left, LowerTop, 0, _firstPageRows, "界址点坐标表");
        DrawFacts(p, Left + TableWidth + 6, LowerTop, Right - (Left + TableWidth + 6));
        DrawFooter(p, 1, pageCount);
    }

    private void DrawContinuation(PrintCanvas p, int from, int page, int pageCount)
    {
        var r = _data.Parcel;
        p.Text($"宗地图 · 界址点坐标表（续）", Left, 20, 14, color: Ink);
        p.Text($"{r.Name}　地块编号 {r.PublicId}　坐标系 {CrsLabel}", Left, 27, 8, color: Grey);
        var perColumn = (int)((FooterTop - 3 - 30 - HeaderHeight) / RowHeight);
        DrawTable(p, Left, 30, from, perColumn, null);
        DrawTable(p, Left + TableWidth + 2, 30, from + perColumn, perColumn, null);
        DrawFooter(p, page, pageCount);
    }

    private string CrsLabel => _data.Zone.Label;

    private void DrawTitleBlock(PrintCanvas p)
    {
        var r = _data.Parcel;
        var top = 27f;
        const float row = 7.4f;
        const float label = 24;
        var half = Width / 2;
        var cells = new (string Label, string Value, bool Wide)[]
        {
            ("项目名称", r.Name, true),
            ("用地单位", r.Company ?? "—（名称中未写明）", false),
            ("所在位置", Whereabouts(), false),
            ("计划年度", r.PlanYear is { } year ? $"{year} 年 第 {r.Seq} 项" : $"第 {r.Seq} 项", false),
            ("地块编号", r.PublicId.ToString(CultureInfo.InvariantCulture), false),
            ("审核状态", ReviewText(), false),
            ("制图日期", _data.DrawnAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), false),
            ("坐 标 系", CrsLabel, true),
        };

        var y = top;
        var column = 0;
        foreach (var (name, value, wide) in cells)
        {
            var x = Left + column * half;
            var width = wide ? Width : half;
            var cell = new SKRect(x, y, x + width, y + row);
            p.Box(new SKRect(cell.Left, cell.Top, cell.Left + label, cell.Bottom), 0.2f, Ink, new SKColor(0xF2, 0xF2, 0xF2));
            p.Box(cell, 0.2f, Ink);
            p.Text(name, cell.Left + label / 2, cell.Top + 5, 9, SKTextAlign.Center, Ink);
            var lines = p.Wrap(value, width - label - 3, 9, 2);
            var size = lines.Count > 1 ? 7.5f : 9f;
            lines = p.Wrap(value, width - label - 3, size, 2);
            var lineHeight = PrintCanvas.LineHeight(size);
            var first = cell.Top + (row - lines.Count * lineHeight) / 2 + lineHeight * 0.78f;
            for (var i = 0; i < lines.Count; i++) p.Text(lines[i], cell.Left + label + 2, first + i * lineHeight, size, color: Ink);

            if (wide || column == 1)
            {
                column = 0;
                y += row;
            }
            else
            {
                column = 1;
            }
        }

        p.Box(new SKRect(Left, top, Right, y), 0.45f, Ink);
    }

    // District, and the nearest village or community the store knows, with its distance: the sheet does not claim a 街道
    // it cannot look up.
    private string Whereabouts()
    {
        var district = _data.Parcel.District ?? "区县未载明";
        var centroid = _data.Plane.InteriorPoint;
        var nearest = _data.Places
            .Where(f => f.Kind is PlaceKind.Village or PlaceKind.Community)
            .Select(f => (f.Name, Distance: _data.Zone.ToPlane(f.Geometry).Distance(centroid)))
            .OrderBy(f => f.Distance)
            .FirstOrDefault();
        return nearest.Name is null ? district
            : nearest.Distance < 50 ? $"{district}，{nearest.Name}"
            : $"{district}，邻近{nearest.Name}（约 {Math.Round(nearest.Distance / 10) * 10:0} 米）";
    }

    private string ReviewText()
    {
        var r = _data.Parcel;
        var decided = _data.Audit.FirstOrDefault(a => a.Action is "set-status" or "edit-geometry" or "survey");
        var by = decided is null ? "" : $"（{decided.Actor}，{decided.At.ToLocalTime():yyyy-MM-dd}）";
        return r.ReviewStatus switch
        {
            ReviewStatus.Reviewed => "已审核" + by,
            ReviewStatus.Surveyed => "已勘测" + by,
            ReviewStatus.Rejected => "已驳回" + by + (string.IsNullOrWhiteSpace(r.ReviewReason) ? "" : "：" + r.ReviewReason),
            _ => "候选（未审核）",
        };
    }

    /// <summary>What the outline is, in the words the footer prints.</summary>
    public static string OutlineOrigin(ParcelRecord r) =>
        r.Method == "survey" || r.ReviewStatus == ReviewStatus.Surveyed ? "勘测定界"
        : r.MadeBy != Data.ReportImport.Geocoder ? "审核员修改"
        : "由规划报告文字推算，非测绘成果";

    private void DrawFooter(PrintCanvas p, int page, int pageCount)
    {
        p.Line(Left, FooterTop, Right, FooterTop, 0.3f, Ink);
        var origin = OutlineOrigin(_data.Parcel);
        var color = origin.StartsWith("由", StringComparison.Ordinal) ? ParcelRed : Ink;
        p.Text($"图形来源：{origin}", Left, FooterTop + 5, 9, color: color);
        p.Text($"LandMap 制图　第 {page} 页 / 共 {pageCount} 页", Right, FooterTop + 5, 7.5f, SKTextAlign.Right, Grey);
        p.Text($"地块 {_data.Parcel.PublicId} · 版本 {_data.Parcel.Version} · {_data.Parcel.FileName}", Left, FooterTop + 9.5f, 6.5f, color: Grey);
    }

    // ---- the map frame ----

    private void DrawMap(PrintCanvas p)
    {
        var frame = Frame;
        var ground = GroundFrame(_data.Plane.EnvelopeInternal, _data.Scale, _data.Paper);
        var map = new FrameMap(frame, ground, _data.Scale * Zoom(_data.Paper));
        var canvas = p.Canvas;
        canvas.Save();
        canvas.ClipRect(frame);
        p.Box(frame, 0, fill: SKColors.White);
        var labels = new List<SKRect>();

        foreach (var neighbour in _data.Neighbours)
        {
            if (neighbour.Geometry is null) continue;
            var plane = _data.Zone.ToPlane(neighbour.Geometry);
            map.Fill(canvas, plane, new SKColor(0xEE, 0xEE, 0xEE));
            map.Stroke(canvas, plane, new SKColor(0x9E, 0x9E, 0x9E), 0.25f);
        }

        foreach (var place in _data.Places.Where(f => f.Kind is not (PlaceKind.Village or PlaceKind.Community)))
        {
            var plane = _data.Zone.ToPlane(place.Geometry);
            switch (place.Kind)
            {
                case PlaceKind.Railway:
                    map.Stroke(canvas, plane, Ink, 0.5f, [2f, 1.2f]);
                    break;
                case PlaceKind.River or PlaceKind.Canal:
                    map.Stroke(canvas, plane, Water, 0.6f);
                    break;
                default:
                    map.Stroke(canvas, plane, new SKColor(0xB0, 0xB0, 0xB0), 1.4f);
                    map.Stroke(canvas, plane, SKColors.White, 0.9f);
                    break;
            }
        }

        DrawOverlays(canvas, map);
        DrawGrid(p, map, ground);
        map.Fill(canvas, _data.Plane, ParcelRed.WithAlpha(0x26));
        map.Stroke(canvas, _data.Plane, ParcelRed, 0.5f);
        DrawBoundaryPoints(p, map, labels);

        foreach (var place in _data.Places.Where(f => f.Kind is PlaceKind.Village or PlaceKind.Community))
        {
            var at = map.Point(_data.Zone.ToPlane(place.Geometry).InteriorPoint.Coordinate);
            if (!frame.Contains(at)) continue;
            PlaceLabel(p, labels, place.Name, at, 7, Grey, dot: true);
        }

        // Labels go on the part inside the frame: a road crossing the whole frame, a neighbour larger than it.
        var window = new GeometryFactory().ToGeometry(ground);
        foreach (var road in _data.Places.Where(f => f.Kind is PlaceKind.Road or PlaceKind.Railway or PlaceKind.River or PlaceKind.Canal)
                     .GroupBy(f => f.Name))
        {
            RoadLabel(p, map, labels, road.Key, road.Select(f => Inside(_data.Zone.ToPlane(f.Geometry), window)).ToList());
        }

        foreach (var neighbour in _data.Neighbours.Where(n => n.Geometry is not null).Take(60))
        {
            // Where the neighbour shows: inside the frame and not under this parcel.
            var visible = Inside(Inside(_data.Zone.ToPlane(neighbour.Geometry!), window), _data.Plane, difference: true);
            if (visible.IsEmpty) continue;
            var text = $"{neighbour.Seq} {Shorten(neighbour.Name, 8)}";
            // Its interior point first, then points around it that are still on the neighbour, until one is free.
            foreach (var at in LabelSpots(visible, map).Where(frame.Contains))
            {
                if (PlaceLabel(p, labels, text, at, 6.5f, Grey, dot: false)) break;
            }
        }

        canvas.Restore();
        DrawNorthArrow(p, frame);
        DrawScaleBar(p, frame);
        DrawOverlayLegend(p, frame);
        p.Box(frame, 0.45f, Ink);
    }

    // The bureau's control layers, under the parcel: farmland filled yellow, the red line and the development boundary as
    // the lines 国土空间规划 maps draw them.
    private void DrawOverlays(SKCanvas canvas, FrameMap map)
    {
        foreach (var overlay in _data.Overlays)
        {
            var style = OverlayStyles[overlay.Kind];
            foreach (var feature in overlay.Features.Select(_data.Zone.ToPlane))
            {
                if (style.Fill is { } fill) map.Fill(canvas, feature, fill);
                map.Stroke(canvas, feature, style.Line, style.WidthMm, style.Dash);
            }
        }
    }

    private void DrawOverlayLegend(PrintCanvas p, SKRect frame)
    {
        if (_data.Overlays.Count == 0) return;
        const float row = 4.2f;
        var width = _data.Overlays.Max(o => p.Width($"{OverlayStyles[o.Kind].Title}：{o.Layer}", 6.5f)) + 12;
        var box = new SKRect(frame.Right - width - 3, frame.Bottom - 3 - _data.Overlays.Count * row - 2, frame.Right - 3, frame.Bottom - 3);
        p.Box(box, 0.2f, Grey, SKColors.White.WithAlpha(0xE8));
        var y = box.Top + 1;
        foreach (var overlay in _data.Overlays)
        {
            var style = OverlayStyles[overlay.Kind];
            var key = new SKRect(box.Left + 2, y + 0.9f, box.Left + 8, y + 3.3f);
            if (style.Fill is { } fill) p.Box(key, 0, fill: fill);
            using (var effect = style.Dash is null ? null : SKPathEffect.CreateDash(style.Dash, 0))
            using (var paint = new SKPaint { Color = style.Line, Style = SKPaintStyle.Stroke, StrokeWidth = style.WidthMm, IsAntialias = true, PathEffect = effect })
            {
                p.Canvas.DrawRect(key, paint);
            }

            p.Text($"{style.Title}：{overlay.Layer}", key.Right + 2, y + 3.1f, 6.5f, color: Ink);
            y += row;
        }
    }

    private sealed record OverlayStyle(string Title, SKColor Line, float WidthMm, SKColor? Fill = null, float[]? Dash = null);

    private static readonly Dictionary<Core.Layers.LayerKind, OverlayStyle> OverlayStyles = new()
    {
        [Core.Layers.LayerKind.Farmland] = new("永久基本农田", new SKColor(0xB8, 0x9B, 0x00), 0.3f, new SKColor(0xF5, 0xE1, 0x4B, 0x70)),
        [Core.Layers.LayerKind.EcoRedline] = new("生态保护红线", new SKColor(0xD0, 0x00, 0x00), 0.7f, Dash: [2.4f, 0.8f]),
        [Core.Layers.LayerKind.UrbanBoundary] = new("城镇开发边界", new SKColor(0x8E, 0x24, 0xAA), 0.6f, Dash: [1.6f, 0.8f, 0.4f, 0.8f]),
    };

    private void DrawBoundaryPoints(PrintCanvas p, FrameMap map, List<SKRect> labels)
    {
        var centre = map.Point(_data.Plane.Centroid.Coordinate);
        var many = Rows.Count > 40;
        // Numbers first: where an edge length would cover one, the length gives way.
        foreach (var point in _rings.SelectMany(r => r.Points))
        {
            var at = map.Point(new Coordinate(point.Y, point.X));
            using var paint = new SKPaint { Color = ParcelRed, IsAntialias = true };
            using var rim = new SKPaint { Color = SKColors.White, IsAntialias = true };
            p.Canvas.DrawCircle(at, 0.75f, rim);
            p.Canvas.DrawCircle(at, 0.5f, paint);
            var away = new SKPoint(at.X - centre.X, at.Y - centre.Y);
            var length = Math.Max(away.Length, 0.001f);
            var offset = new SKPoint(away.X / length * 2.6f, away.Y / length * 2.6f);
            var width = p.Width(point.Label, 7);
            var box = new SKRect(at.X + offset.X - width / 2, at.Y + offset.Y - 1.3f, at.X + offset.X + width / 2, at.Y + offset.Y + 1.3f);
            // Every point gets its dot; where numbers would overlap, only the first of them is written (the table lists all).
            if (point.Label != "J1" && labels.Any(l => l.IntersectsWith(box))) continue;
            labels.Add(box);
            p.HaloText(point.Label, box.MidX, box.Bottom - 0.3f, 7, SKTextAlign.Center, ParcelRed);
        }

        foreach (var ring in _rings)
        {
            for (var i = 0; i < ring.Points.Count; i++)
            {
                var point = ring.Points[i];
                var next = ring.Points[(i + 1) % ring.Points.Count];
                var a = map.Point(new Coordinate(point.Y, point.X));
                var b = map.Point(new Coordinate(next.Y, next.X));
                var edgeMm = SKPoint.Distance(a, b);
                if (!many && edgeMm > 9)
                {
                    EdgeLabel(p, labels, point.EdgeToNextM.ToString("0.00", CultureInfo.InvariantCulture), a, b, ring.IsHole);
                }
            }
        }
    }

    // Along the edge, on the parcel's side (right of a clockwise walk), upright.
    private static void EdgeLabel(PrintCanvas p, List<SKRect> labels, string text, SKPoint a, SKPoint b, bool hole)
    {
        var mid = new SKPoint((a.X + b.X) / 2, (a.Y + b.Y) / 2);
        var dx = b.X - a.X;
        var dy = b.Y - a.Y;
        var length = MathF.Sqrt(dx * dx + dy * dy);
        // Paper y points down, so "right of travel" is (-dy, dx); a hole's inside is the other way.
        var side = hole ? -1 : 1;
        var normal = new SKPoint(-dy / length * side, dx / length * side);
        var at = new SKPoint(mid.X + normal.X * 1.8f, mid.Y + normal.Y * 1.8f);
        var angle = MathF.Atan2(dy, dx) * 180 / MathF.PI;
        if (angle > 90) angle -= 180;
        if (angle < -90) angle += 180;
        var width = p.Width(text, 6);
        var box = new SKRect(at.X - width / 2, at.Y - 1.2f, at.X + width / 2, at.Y + 1.2f);
        if (labels.Any(l => l.IntersectsWith(box))) return;
        labels.Add(box);
        p.Canvas.Save();
        p.Canvas.RotateDegrees(angle, at.X, at.Y);
        p.HaloText(text, at.X, at.Y + 0.75f, 6, SKTextAlign.Center, Ink);
        p.Canvas.Restore();
    }

    private static IEnumerable<SKPoint> LabelSpots(Geometry visible, FrameMap map)
    {
        var interior = visible.InteriorPoint.Coordinate;
        yield return map.Point(interior);
        var step = map.MetresPerMm * 6;
        foreach (var ring in new[] { 1, 2 })
        {
            for (var k = 0; k < 8; k++)
            {
                var c = new Coordinate(interior.X + ring * step * Math.Cos(k * Math.PI / 4), interior.Y + ring * step * Math.Sin(k * Math.PI / 4));
                if (visible is IPolygonal && visible.Contains(visible.Factory.CreatePoint(c))) yield return map.Point(c);
            }
        }
    }

    /// <returns>True when the label was placed, false when it would overlap one placed before.</returns>
    private static bool PlaceLabel(PrintCanvas p, List<SKRect> labels, string text, SKPoint at, float pt, SKColor color, bool dot)
    {
        var width = p.Width(text, pt);
        var height = pt * PrintCanvas.MmPerPt;
        var box = dot
            ? new SKRect(at.X + 1.2f, at.Y - height / 2, at.X + 1.2f + width, at.Y + height / 2)
            : new SKRect(at.X - width / 2, at.Y - height / 2, at.X + width / 2, at.Y + height / 2);
        if (labels.Any(l => l.IntersectsWith(box))) return false;
        labels.Add(box);
        if (dot)
        {
            using var paint = new SKPaint { Color = color, IsAntialias = true };
            p.Canvas.DrawCircle(at, 0.6f, paint);
        }

        p.HaloText(text, box.Left, box.Bottom - height * 0.15f, pt, color: color);
        return true;
    }

    // One label per named line, on the middle of its longest visible segment, turned along it.
    private static void RoadLabel(PrintCanvas p, FrameMap map, List<SKRect> labels, string name, List<Geometry> lines)
    {
        var frame = Frame;
        (SKPoint A, SKPoint B)? best = null;
        var bestLength = 0f;
        foreach (var coordinates in lines.SelectMany(PartsOf).Select(l => l.Coordinates))
        {
            for (var i = 1; i < coordinates.Length; i++)
            {
                var a = map.Point(coordinates[i - 1]);
                var b = map.Point(coordinates[i]);
                var mid = new SKPoint((a.X + b.X) / 2, (a.Y + b.Y) / 2);
                var length = SKPoint.Distance(a, b);
                if (length > bestLength && Inset(frame, 6).Contains(mid))
                {
                    best = (a, b);
                    bestLength = length;
                }
            }
        }

        var width = p.Width(name, 7);
        if (best is not { } segment || bestLength < width * 0.6f) return;
        var at = new SKPoint((segment.A.X + segment.B.X) / 2, (segment.A.Y + segment.B.Y) / 2);
        var box = new SKRect(at.X - width / 2, at.Y - width / 2, at.X + width / 2, at.Y + width / 2);
        var angle = MathF.Atan2(segment.B.Y - segment.A.Y, segment.B.X - segment.A.X) * 180 / MathF.PI;
        if (angle > 90) angle -= 180;
        if (angle < -90) angle += 180;
        // A turned label's box is its square hull: coarse, but it never lets two names cross.
        var hull = Math.Abs(angle) < 15 || Math.Abs(angle) > 165
            ? new SKRect(at.X - width / 2, at.Y - 1.3f, at.X + width / 2, at.Y + 1.3f)
            : box;
        if (labels.Any(l => l.IntersectsWith(hull))) return;
        labels.Add(hull);
        p.Canvas.Save();
        p.Canvas.RotateDegrees(angle, at.X, at.Y);
        p.HaloText(name, at.X, at.Y + 0.9f, 7, SKTextAlign.Center, new SKColor(0x44, 0x44, 0x44));
        p.Canvas.Restore();
    }

    // The part of a stored geometry inside the window (or outside it, with difference); the whole of it when the overlay fails.
    private static Geometry Inside(Geometry plane, Geometry window, bool difference = false)
    {
        try
        {
            return difference ? plane.Difference(window) : plane.Intersection(window);
        }
        catch (NetTopologySuite.Geometries.TopologyException)
        {
            return plane;
        }
    }

    private static IEnumerable<LineString> PartsOf(Geometry g) => g switch
    {
        LineString l => [l],
        Polygon polygon => [polygon.ExteriorRing],
        GeometryCollection c => Enumerable.Range(0, c.NumGeometries).SelectMany(i => PartsOf(c.GetGeometryN(i))),
        _ => [],
    };

    // Grid crosses every round number of metres, about every 30 mm of paper, with the coordinates on the frame's edges.
    private static void DrawGrid(PrintCanvas p, FrameMap map, Envelope ground)
    {
        var step = SheetScales.NiceLength(map.MetresPerMm * 35);
        var frame = Frame;
        for (var e = Math.Ceiling(ground.MinX / step) * step; e <= ground.MaxX; e += step)
        {
            for (var n = Math.Ceiling(ground.MinY / step) * step; n <= ground.MaxY; n += step)
            {
                var at = map.Point(new Coordinate(e, n));
                p.Line(at.X - 1.5f, at.Y, at.X + 1.5f, at.Y, 0.2f, Grey);
                p.Line(at.X, at.Y - 1.5f, at.X, at.Y + 1.5f, 0.2f, Grey);
            }
        }

        for (var e = Math.Ceiling(ground.MinX / step) * step; e <= ground.MaxX; e += step)
        {
            var x = map.Point(new Coordinate(e, ground.MaxY)).X;
            if (x < frame.Left + 8 || x > frame.Right - 8) continue;
            p.Line(x, frame.Top, x, frame.Top + 2, 0.25f, Ink);
            p.Line(x, frame.Bottom, x, frame.Bottom - 2, 0.25f, Ink);
            p.HaloText($"Y={e:0}", x, frame.Top + 4.6f, 6, SKTextAlign.Center, Grey);
        }

        for (var n = Math.Ceiling(ground.MinY / step) * step; n <= ground.MaxY; n += step)
        {
            var y = map.Point(new Coordinate(ground.MinX, n)).Y;
            if (y < frame.Top + 8 || y > frame.Bottom - 8) continue;
            p.Line(frame.Left, y, frame.Left + 2, y, 0.25f, Ink);
            p.Line(frame.Right, y, frame.Right - 2, y, 0.25f, Ink);
            p.Canvas.Save();
            p.Canvas.RotateDegrees(-90, frame.Left + 4.2f, y);
            p.HaloText($"X={n:0}", frame.Left + 4.2f, y, 6, SKTextAlign.Center, Grey);
            p.Canvas.Restore();
        }
    }

    private static void DrawNorthArrow(PrintCanvas p, SKRect frame)
    {
        var x = frame.Right - 9;
        var top = frame.Top + 7;
        using var path = new SKPath();
        path.MoveTo(x, top);
        path.LineTo(x + 3, top + 9);
        path.LineTo(x, top + 7);
        path.LineTo(x - 3, top + 9);
        path.Close();
        using var fill = new SKPaint { Color = Ink, IsAntialias = true };
        p.Canvas.DrawPath(path, fill);
        p.HaloText("北", x, top - 1, 8, SKTextAlign.Center, Ink);
    }

    private void DrawScaleBar(PrintCanvas p, SKRect frame)
    {
        var metresPerMm = _data.Scale * Zoom(_data.Paper) / 1000.0;
        var metres = SheetScales.NiceLength(metresPerMm * 40);
        var length = (float)(metres / metresPerMm);
        var x = frame.Left + 6;
        var y = frame.Bottom - 6;
        p.Box(new SKRect(x - 2, y - 8.5f, x + length + 14, y + 3), 0, fill: SKColors.White.WithAlpha(0xE0));
        for (var i = 0; i < 4; i++)
        {
            var segment = new SKRect(x + i * length / 4, y - 1.2f, x + (i + 1) * length / 4, y);
            p.Box(segment, 0.2f, Ink, i % 2 == 0 ? Ink : SKColors.White);
        }

        p.Text("0", x, y + 2.6f, 6, SKTextAlign.Center, Ink);
        p.Text($"{metres:0} 米", x + length, y + 2.6f, 6, SKTextAlign.Center, Ink);
        p.Text($"比例尺 1:{_data.Scale:0}", x, y - 3.2f, 8, color: Ink);
    }

    // ---- the table and the facts ----

    /// <summary>One row of the 界址点坐标表: a point, or a caption before a ring.</summary>
    internal sealed record TableRow(BoundaryPoint? Point, string? Caption);

    private static List<TableRow> TableRows(IReadOnlyList<BoundaryRing> rings)
    {
        var rows = new List<TableRow>();
        var captions = rings.Count > 1;
        foreach (var ring in rings)
        {
            if (captions) rows.Add(new TableRow(null, ring.IsHole ? $"第 {ring.Part} 部分 · 内环（洞）" : $"第 {ring.Part} 部分 · 外环"));
            rows.AddRange(ring.Points.Select(point => new TableRow(point, null)));
        }

        return rows;
    }

    private void DrawTable(PrintCanvas p, float x, float top, int from, int count, string? title)
    {
        var y = top;
        if (title is not null)
        {
            p.Text(title, x, y + 4, 10, color: Ink);
            p.Text("单位：米", x + TableWidth - 2, y + 4, 7, SKTextAlign.Right, Grey);
            y += 6;
        }

        if (_rings.Count == 0)
        {
            p.Wrapped("该地块只有点位或线位，没有界址点。", x, y, TableWidth, 8, color: Grey);
            return;
        }

        string[] headers = ["点号", "X（北）", "Y（东）", "至下点边长"];
        var cx = x;
        p.Box(new SKRect(x, y, x + ColumnWidths.Sum(), y + HeaderHeight), 0.3f, Ink, new SKColor(0xF2, 0xF2, 0xF2));
        for (var i = 0; i < headers.Length; i++)
        {
            p.Text(headers[i], cx + ColumnWidths[i] / 2, y + 3.9f, 7.5f, SKTextAlign.Center, Ink);
            cx += ColumnWidths[i];
        }

        y += HeaderHeight;
        var rows = Rows.Skip(from).Take(count).ToList();
        foreach (var row in rows)
        {
            if (row.Caption is { } caption)
            {
                p.Text(caption, x + 1.5f, y + 3.2f, 7, color: Grey);
            }
            else if (row.Point is { } point)
            {
                cx = x;
                string[] cells =
                [
                    point.Label, point.X.ToString("0.000", CultureInfo.InvariantCulture), point.Y.ToString("0.000", CultureInfo.InvariantCulture),
                    point.EdgeToNextM.ToString("0.00", CultureInfo.InvariantCulture),
                ];
                for (var i = 0; i < cells.Length; i++)
                {
                    var align = i == 0 ? SKTextAlign.Center : SKTextAlign.Right;
                    var tx = i == 0 ? cx + ColumnWidths[i] / 2 : cx + ColumnWidths[i] - 1.5f;
                    p.Text(cells[i], tx, y + 3.2f, 7.5f, align, Ink);
                    cx += ColumnWidths[i];
                }
            }

            p.Line(x, y + RowHeight, x + ColumnWidths.Sum(), y + RowHeight, 0.1f, new SKColor(0xC0, 0xC0, 0xC0));
            y += RowHeight;
        }

        var columnX = x;
        foreach (var w in ColumnWidths.SkipLast(1))
        {
            columnX += w;
            p.Line(columnX, top + (title is null ? 0 : 6), columnX, y, 0.15f, Grey);
        }

        p.Box(new SKRect(x, top + (title is null ? 0 : 6), x + ColumnWidths.Sum(), y), 0.3f, Ink);
        if (from + rows.Count < Rows.Count && title is not null)
        {
            p.Text($"另有 {Rows.Count - from - rows.Count} 行见续表", x, y + 3.5f, 7, color: ParcelRed);
        }
    }

    private void DrawFacts(PrintCanvas p, float x, float top, float width)
    {
        var r = _data.Parcel;
        var y = top;

        Heading(p, "面积", x, ref y);
        p.Text($"图形面积按 {_data.Zone} 平面计算", x + width, y - 1.5f, 6.5f, SKTextAlign.Right, Grey);
        var m2 = _data.Plane is IPolygonal ? _data.Plane.Area : 0;
        var mu = m2 / SquareMetresPerMu;
        y += Fact(p, x, y, width, "图形面积", m2 > 0 ? $"{m2.ToString("N2", CultureInfo.InvariantCulture)} 平方米（{mu:0.00} 亩）" : "无（点位）");
        var stated = r.AreaMu is { } s ? $"{s:0.##} 亩" + (r.AreaText is { Length: > 0 } t ? $"（原文：{t}）" : "") : "报告未载明面积";
        y += Fact(p, x, y, width, "报告面积", stated);
        if (r.AreaMu is { } statedMu && m2 > 0)
        {
            var difference = mu - statedMu;
            var share = statedMu > 0 ? $"（{difference / statedMu:+0.0%;-0.0%;0.0%}）" : "";
            y += Fact(p, x, y, width, "差　　值", $"{difference:+0.00;-0.00;0.00} 亩{share}");
        }

        y += 1.5f;
        Heading(p, "位置（报告原文）", x, ref y);
        y += p.Wrapped(string.IsNullOrWhiteSpace(r.Location) ? "报告未写位置" : r.Location!, x, y, width, 8, 4, Ink);
        if (!string.IsNullOrWhiteSpace(r.Note)) y += p.Wrapped($"备注：{r.Note}", x, y, width, 8, 2, Ink);
        y += p.Wrapped($"来源：{r.FileName} 第 {r.SourceLine} 行", x, y, width, 7, 2, Grey);

        y += 1.5f;
        Heading(p, $"定位可信度 {r.Confidence:0%}", x, ref y);
        var checks = StoredChecks.Constraints(r.ConstraintsJson);
        if (checks.Count == 0) y += p.Wrapped("无可核对的位置条件", x, y, width, 7.5f, 1, Grey);
        const int shown = 5;
        foreach (var check in checks.Take(shown))
        {
            var mark = check.Satisfied ? "√" : "×";
            y += p.Wrapped($"{mark} {check.Description}", x, y, width, 7.5f, 1, check.Satisfied ? Ink : ParcelRed);
        }

        if (checks.Count > shown) y += p.Wrapped($"另 {checks.Count - shown} 项，见 LandMap 地块详情", x, y, width, 7, 1, Grey);

        y += 1.5f;
        Heading(p, "与国土图层的冲突", x, ref y);
        // The conflicts stored with this outline's version (computed when it or a layer last changed), then what the frame shows.
        var conflicts = StoredConflicts.Read(r.ConflictsJson).Select(c => (c.Layer, Phrase: ConflictText.Phrase(c))).Where(c => c.Phrase is not null).ToList();
        foreach (var (layer, phrase) in conflicts.Take(4))
        {
            y += p.Wrapped($"× {phrase}（{layer}）", x, y, width, 7.5f, 2, ParcelRed);
        }

        if (conflicts.Count > 4) y += p.Wrapped($"另 {conflicts.Count - 4} 项，见 LandMap 地块详情", x, y, width, 7, 1, Grey);
        var layers = r.ConflictsJson is null && _data.OverlayLayersInStore == 0
            ? "未检查：本库尚未导入永久基本农田、生态保护红线、城镇开发边界图层。"
            : conflicts.Count == 0 ? "√ 与已导入的国土图层无冲突。" : "";
        if (_data.Overlays.Count > 0)
        {
            layers += "图框内有：" + string.Join("、", _data.Overlays.Select(o => $"{OverlayStyles[o.Kind].Title}（{o.Layer}，{o.Features.Count} 个图斑）")) + "，已绘于图中。";
        }

        if (layers.Length > 0) p.Wrapped(layers, x, y, width, 7.5f, 4, conflicts.Count == 0 && _data.Overlays.Count == 0 ? Grey : Ink);
    }

    private static void Heading(PrintCanvas p, string text, float x, ref float y)
    {
        p.Text(text, x, y + 4, 10, color: Ink);
        y += 5.5f;
    }

    private static float Fact(PrintCanvas p, float x, float y, float width, string label, string value)
    {
        p.Text(label, x, y + 3.2f, 7.5f, color: Grey);
        return Math.Max(PrintCanvas.LineHeight(8), p.Wrapped(value, x + 14, y, width - 14, 8, 2, Ink));
    }

    private static SKRect Inset(SKRect r, float by) => new(r.Left + by, r.Top + by, r.Right - by, r.Bottom - by);

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..length] + "…";

    private const double SquareMetresPerMu = 10_000.0 / 15;

    /// <summary>Metres of the sheet's zone to millimetres of the layout inside the frame.</summary>
    /// <param name="frame">The frame in layout millimetres.</param>
    /// <param name="ground">The ground the frame shows.</param>
    /// <param name="layoutScale">Ground millimetres per layout millimetre (the printed scale times the paper's zoom).</param>
    private sealed class FrameMap(SKRect frame, Envelope ground, double layoutScale)
    {
        public double MetresPerMm => layoutScale / 1000;

        public SKPoint Point(Coordinate c) =>
            new(frame.Left + (float)((c.X - ground.MinX) / MetresPerMm), frame.Bottom - (float)((c.Y - ground.MinY) / MetresPerMm));

        public void Fill(SKCanvas canvas, Geometry plane, SKColor color)
        {
            using var path = Path(plane);
            using var paint = new SKPaint { Color = color, Style = SKPaintStyle.Fill, IsAntialias = true };
            canvas.DrawPath(path, paint);
        }

        public void Stroke(SKCanvas canvas, Geometry plane, SKColor color, float widthMm, float[]? dash = null)
        {
            using var path = Path(plane);
            using var effect = dash is null ? null : SKPathEffect.CreateDash(dash, 0);
            using var paint = new SKPaint
            {
                Color = color, Style = SKPaintStyle.Stroke, StrokeWidth = widthMm, IsAntialias = true, StrokeJoin = SKStrokeJoin.Round, PathEffect = effect,
            };
            canvas.DrawPath(path, paint);
        }

        private SKPath Path(Geometry plane)
        {
            var path = Rendering.Painter.PathOf(plane, Point);
            foreach (var point in Rendering.Painter.Parts(plane).OfType<NetTopologySuite.Geometries.Point>())
            {
                var at = Point(point.Coordinate);
                path.AddCircle(at.X, at.Y, 1.2f);
            }

            return path;
        }
    }
}
