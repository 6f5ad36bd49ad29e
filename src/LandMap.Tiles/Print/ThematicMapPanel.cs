using System.Globalization;
using LandMap.Core.Gazetteer;
using LandMap.Data;
using LandMap.Tiles.Rendering;
using SkiaSharp;

namespace LandMap.Tiles.Print;

/// <summary>
/// The thematic map's legend (only what the frame shows: the stages, statuses, plan years and basemap kinds drawn) and
/// its table of the parcels on the sheet (seq, name, 亩, stage), the table only when every row fits.
/// </summary>
internal sealed class ThematicMapPanel(ThematicMapLayout layout, ParcelLayer parcels)
{
    private const float RowHeight = 4.6f, TableRowHeight = 3.4f, Swatch = 8, LegendColumnWidth = 62, TableColumnWidth = 62;

    private static readonly SKColor Ink = new(0x20, 0x20, 0x20);
    private static readonly SKColor Grey = new(0x6A, 0x6A, 0x6A);

    // Basemap kinds in the legend, in this order, with the renderer's style.
    private static readonly PlaceKind[] BaseKinds =
        [PlaceKind.District, PlaceKind.Road, PlaceKind.Railway, PlaceKind.River, PlaceKind.Canal, PlaceKind.Park, PlaceKind.Landmark, PlaceKind.Village, PlaceKind.Community];

    /// <summary>One legend row: a symbol and its label.</summary>
    internal sealed record Row(string Label, Action<PrintCanvas, SKRect>? Symbol, bool Heading = false);

    public void Draw(PrintCanvas p, SKRect panel)
    {
        var y = DrawLegend(p, panel);
        if (layout.Data.Request.Layers.HasFlag(MapLayers.Parcels)) DrawTable(p, new SKRect(panel.Left, y + 4, panel.Right, panel.Bottom));
    }

    /// <summary>The legend's rows: what the frame shows, each once.</summary>
    internal List<Row> LegendRows()
    {
        var data = layout.Data;
        var palette = data.Request.Palette;
        var rows = new List<Row>();
        var drawn = parcels.Drawn;
        if (drawn.Count > 0)
        {
            // One row per fill drawn, in the page's legend order (stages, then statuses, then the rest), with its count.
            var keys = drawn.GroupBy(d => d.Parcel.LegendKey).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var order = palette.Stages.Select(s => palette.FillOf(s.Key, "").Key).Concat(palette.Statuses.Select(s => palette.FillOf(null, s.Key).Key)).ToList();
            rows.Add(new Row("地块（填充：项目阶段，无进度的按定位）", null, Heading: true));
            foreach (var (key, count) in keys.OrderBy(k => order.IndexOf(k.Key) is var i and >= 0 ? i : int.MaxValue))
            {
                var entry = palette.EntryOf(key);
                rows.Add(new Row($"{entry.Name}（{count}）", Area(entry.Color.WithAlpha((byte)Math.Round(255 * palette.FillOpacity)))));
            }

            rows.Add(new Row("计划年度（边框）", null, Heading: true));
            foreach (var year in layout.Shown.Select(r => r.PlanYear).Distinct().Order())
            {
                var outline = palette.OutlineOf(year);
                rows.Add(new Row(year is { } y ? $"{y} 年计划" : "计划年度未载明", Outline(outline.Stroke, outline.Dash)));
            }

            if (data.Request.Layers.HasFlag(MapLayers.Projects) && layout.Projects().FirstOrDefault() is { Stage: { } first })
            {
                rows.Add(new Row("重点项目（符号）", null, Heading: true));
                rows.Add(new Row($"地块上的重点项目，按阶段着色（{layout.Projects().Count()}）", ProjectSymbol(palette.Stages.First(s => s.Key == first).Value.Color)));
            }
        }

        var kinds = layout.Places.Select(f => f.Kind).ToHashSet();
        var style = MapStyle.Default;
        var baseRows = BaseKinds.Where(kinds.Contains)
            .Where(k => style.Kinds.TryGetValue(k, out var s) && s.Legend is not null)
            .Select(k => BaseRow(k, style.Kinds[k]))
            .ToList();
        if (baseRows.Count > 0)
        {
            rows.Add(new Row("底图", null, Heading: true));
            rows.AddRange(baseRows);
        }

        return rows;
    }

    // The rows flow down columns at least LegendColumnWidth wide (one beside the map, three under a portrait map); returns
    // the bottom of the legend.
    private float DrawLegend(PrintCanvas p, SKRect area)
    {
        p.Text("图　例", area.Left, area.Top + 4.5f, 11, color: Ink);
        var top = area.Top + 7;
        var rows = LegendRows();
        if (rows.Count == 0)
        {
            p.Text("图中无地块，也无底图要素", area.Left, top + 3.5f, 7.5f, color: Grey);
            return top + RowHeight;
        }

        var columns = Math.Max(1, (int)(area.Width / LegendColumnWidth));
        // A row of slack per column, so a heading never ends a column apart from its rows.
        var perColumn = Math.Max((rows.Count + columns - 1) / columns + (columns > 1 ? 1 : 0), 2);
        var columnWidth = area.Width / columns;
        var bottom = top;
        var (column, slot) = (0, 0);
        foreach (var row in rows)
        {
            if (slot == perColumn || (row.Heading && slot == perColumn - 1 && column < columns - 1)) (column, slot) = (column + 1, 0);
            var x = area.Left + column * columnWidth;
            var y = top + slot++ * RowHeight;
            if (y + RowHeight > area.Bottom) continue;
            if (row.Heading)
            {
                p.Text(p.Wrap(row.Label, columnWidth - 2, 7.5f, 1)[0], x, y + 3.6f, 7.5f, color: Grey);
            }
            else
            {
                row.Symbol?.Invoke(p, new SKRect(x + 1, y + 0.8f, x + 1 + Swatch, y + 3.8f));
                p.Text(p.Wrap(row.Label, columnWidth - Swatch - 5, 8, 1)[0], x + Swatch + 3, y + 3.5f, 8, color: Ink);
            }

            bottom = Math.Max(bottom, y + RowHeight);
        }

        return bottom;
    }

    private void DrawTable(PrintCanvas p, SKRect area)
    {
        var shown = layout.Shown.OrderBy(r => r.PlanYear ?? 0).ThenBy(r => r.Seq).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        p.Text("图中地块一览", area.Left, area.Top + 4.5f, 10, color: Ink);
        var top = area.Top + 7;
        if (shown.Count == 0)
        {
            p.Text("图中无地块", area.Left, top + 3.5f, 7.5f, color: Grey);
            return;
        }

        // As many columns of at least TableColumnWidth as the panel holds, each with its header row; the rows are split evenly.
        var columns = Math.Max(1, (int)(area.Width / TableColumnWidth));
        var perColumn = (int)((area.Bottom - top - 4) / TableRowHeight) - 1;
        if (perColumn < 1 || shown.Count > perColumn * columns)
        {
            p.Wrapped($"图中 {shown.Count} 块地块，一页列不下：清单请用页面的“导出 XLSX”或 landmap export 导出。", area.Left, top, area.Width, 7.5f, 3, Grey);
            return;
        }

        var used = (shown.Count + perColumn - 1) / perColumn;
        var rowsEach = (shown.Count + used - 1) / used;
        var width = (area.Width - (used - 1) * 4) / used;
        var years = shown.Select(r => r.PlanYear).Distinct().Count() > 1;
        var bottom = top;
        for (var c = 0; c < used; c++)
        {
            var left = area.Left + c * (width + 4);
            bottom = Math.Max(bottom, DrawTableColumn(p, left, top, width, shown.Skip(c * rowsEach).Take(rowsEach).ToList(), years));
        }

        if (shown.Any(r => r.AreaMu is null && r.AreaMuComputed is not null))
        {
            p.Text("面积为报告所写；“图”为图上轮廓面积（报告未写面积）。", area.Left, bottom + 3.4f, 6.5f, color: Grey);
        }
    }

    private float DrawTableColumn(PrintCanvas p, float left, float top, float width, List<ParcelRecord> rows, bool years)
    {
        float[] widths = [width * 0.15f, width * 0.5f, width * 0.15f, width * 0.2f];
        string[] headers = [years ? "年度-序号" : "序号", "项目名称", "亩", "阶段"];
        var palette = layout.Data.Request.Palette;
        p.Box(new SKRect(left, top, left + width, top + TableRowHeight), 0.2f, Ink, new SKColor(0xF0, 0xF0, 0xF0));
        Cells(p, left, top, widths, headers, Ink);
        var y = top + TableRowHeight;
        foreach (var r in rows)
        {
            var seq = years ? $"{(r.PlanYear is { } py ? (py % 100).ToString("00", CultureInfo.InvariantCulture) : "—")}-{r.Seq}" : r.Seq.ToString(CultureInfo.InvariantCulture);
            var mu = r.AreaMu is { } stated ? stated.ToString("0.##", CultureInfo.InvariantCulture)
                : r.AreaMuComputed is { } computed ? "图 " + computed.ToString("0", CultureInfo.InvariantCulture) : "—";
            var stage = r.ProjectStage is { } key ? palette.Stages.FirstOrDefault(s => s.Key == key).Value?.Name ?? key : "—";
            Cells(p, left, y, widths, [seq, r.Name, mu, stage], Ink);
            p.Line(left, y + TableRowHeight, left + width, y + TableRowHeight, 0.1f, new SKColor(0xC8, 0xC8, 0xC8));
            y += TableRowHeight;
        }

        p.Box(new SKRect(left, top, left + width, y), 0.25f, Ink);
        return y;
    }

    private static void Cells(PrintCanvas p, float left, float top, float[] widths, string[] texts, SKColor color)
    {
        var x = left;
        for (var i = 0; i < texts.Length; i++)
        {
            var text = p.Wrap(texts[i], widths[i] - 2, 7, 1)[0];
            if (i == 2) p.Text(text, x + widths[i] - 1.5f, top + 2.5f, 7, SKTextAlign.Right, color);
            else p.Text(text, x + 1, top + 2.5f, 7, color: color);
            x += widths[i];
        }
    }

    // ---- symbols, in mm ----

    private static Action<PrintCanvas, SKRect> Area(SKColor fill) => (p, r) => p.Box(r, 0.2f, Grey, fill);

    private static Action<PrintCanvas, SKRect> Outline(SKColor stroke, float[] dash) => (p, r) =>
    {
        using var effect = dash.Length == 0 ? null : SKPathEffect.CreateDash(dash.Select(d => d * 0.15f).ToArray(), 0);
        using var paint = new SKPaint { Color = stroke, Style = SKPaintStyle.Stroke, StrokeWidth = 0.3f, IsAntialias = true, PathEffect = effect };
        p.Canvas.DrawRect(r, paint);
    };

    private static Action<PrintCanvas, SKRect> ProjectSymbol(SKColor fill) => (p, r) =>
    {
        using var halo = new SKPaint { Color = new SKColor(20, 30, 40, 140), IsAntialias = true };
        using var ring = new SKPaint { Color = SKColors.White, IsAntialias = true };
        using var paint = new SKPaint { Color = fill, IsAntialias = true };
        p.Canvas.DrawCircle(r.MidX, r.MidY, 1.0f, halo);
        p.Canvas.DrawCircle(r.MidX, r.MidY, 0.85f, ring);
        p.Canvas.DrawCircle(r.MidX, r.MidY, 0.65f, paint);
    };

    private static Row BaseRow(PlaceKind kind, FeatureStyle s) => kind switch
    {
        PlaceKind.District or PlaceKind.Park or PlaceKind.Landmark => new(s.Legend!, (p, r) => p.Box(r, 0.25f, s.Stroke, s.Fill ?? SKColors.Transparent)),
        PlaceKind.Village or PlaceKind.Community => new(s.Legend!, (p, r) =>
        {
            using var paint = new SKPaint { Color = s.Stroke, IsAntialias = true };
            p.Canvas.DrawCircle(r.MidX, r.MidY, 0.65f, paint);
        }),
        _ => new(s.Legend!, (p, r) => p.Line(r.Left, r.MidY, r.Right, r.MidY, s.Width * 0.145f, s.Stroke, s.Dash?.Select(d => d * 0.145f).ToArray())),
    };
}
