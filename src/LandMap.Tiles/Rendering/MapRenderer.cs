using LandMap.Core.Gazetteer;
using LandMap.Core.Geocoding;
using SkiaSharp;

namespace LandMap.Tiles.Rendering;

/// <summary>
/// Draws a <see cref="MapScene"/> into a PNG for reviewers: the gazetteer as base map, parcels coloured by
/// geocoding status with "seq 名称" labels, a legend, a title, a scale bar and a north arrow.
/// Use <see cref="Render(MapScene, RenderOptions)"/>, or an instance for several scenes with one set of options.
/// </summary>
/// <remarks>
/// <para>Everything is projected to the metres of the Gauss-Krüger zone of the area shown (<see cref="MapView.Plane"/>),
/// so distances and shapes are true to scale; the scale bar names that zone's EPSG code.</para>
/// <para>Order, bottom to top: background; district, park, landmark and water areas; lines (parks and landmarks
/// outlined, rivers, canals, roads — 大道 wider —, railways dashed, boundaries, district outlines); place dots;
/// parcels, larger first; labels; title, legend, scale bar and north arrow.</para>
/// <para>Labels are placed greedily in priority order — parcels (by seq), district names, villages and other
/// places, roads — and a label whose box overlaps one placed before, a parcel or a decoration is left out.</para>
/// <para>The same scene and options give the same bytes on one machine; another font changes the pixels.</para>
/// </remarks>
public sealed class MapRenderer
{
    /// <summary>A renderer with <paramref name="options"/> (the defaults when null).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public MapRenderer(RenderOptions? options = null)
    {
        Options = options ?? new RenderOptions();
        Options.Validate();
    }

    /// <summary>The options in use.</summary>
    public RenderOptions Options { get; }

    /// <summary>Renders <paramref name="scene"/> to PNG bytes.</summary>
    /// <exception cref="InvalidOperationException">No CJK font is installed (the message names the package), or the scene is empty.</exception>
    public static byte[] Render(MapScene scene, RenderOptions options) => new MapRenderer(options).Render(scene);

    /// <summary>Renders <paramref name="scene"/> to PNG bytes.</summary>
    /// <exception cref="InvalidOperationException">No CJK font is installed (the message names the package), or the scene is empty.</exception>
    public byte[] Render(MapScene scene)
    {
        using var bitmap = RenderBitmap(scene);
        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    /// <summary>Renders <paramref name="scene"/> to a bitmap the caller disposes.</summary>
    /// <exception cref="InvalidOperationException">No CJK font is installed (the message names the package), or the scene is empty.</exception>
    public SKBitmap RenderBitmap(MapScene scene)
    {
        ArgumentNullException.ThrowIfNull(scene);
        var typeface = CjkFont.Require(Options.FontPath);
        var view = ViewOf(scene);
        var bitmap = new SKBitmap(new SKImageInfo(view.Width, view.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        var style = Options.Style;
        var painter = new Painter(canvas, view, style, typeface);
        var baseMap = new BaseMapLayer(scene.Features, view.Plane);
        var parcels = ParcelLayer.Of(scene.Entries, style, view.Plane);

        canvas.Clear(style.Background);
        baseMap.Draw(painter);
        parcels.Draw(painter);

        var decorations = new MapDecorations(painter, scene.ResolveTitle(), Subtitle(scene, parcels), Legend(style, baseMap, parcels));
        var placer = new LabelPlacer(view.Width, view.Height);
        foreach (var box in decorations.Boxes)
        {
            placer.Reserve(box);
        }

        parcels.Label(painter, placer, Options.LabelNameLength);
        baseMap.Label(painter, placer);
        decorations.Draw();
        return bitmap;
    }

    /// <summary>Where the scene's area lands in the image: use it to find a place's pixel.</summary>
    /// <exception cref="InvalidOperationException">The scene is empty.</exception>
    public MapView ViewOf(MapScene scene)
    {
        ArgumentNullException.ThrowIfNull(scene);
        return new MapView(scene.ResolveBounds(), Options.Width, Options.Height, Options.Margin);
    }

    private static string Subtitle(MapScene scene, ParcelLayer parcels)
    {
        var drawn = scene.Entries.Count - parcels.Unresolved;
        return scene.Entries.Count == 0
            ? $"底图：地名库 {scene.Features.Count} 个要素；尚无地块"
            : $"共 {scene.Entries.Count} 项，绘出 {drawn} 项，未定位 {parcels.Unresolved} 项；位置按文字描述推定，须核对";
    }

    private static List<LegendRow> Legend(MapStyle style, BaseMapLayer baseMap, ParcelLayer parcels)
    {
        var located = style.Statuses[GeocodeStatus.Located];
        var approximate = style.Statuses[GeocodeStatus.Approximate];
        var rows = new List<LegendRow>
        {
            new("状态", LegendSymbol.Header),
            new($"{located.Legend} ({parcels.CountAreas(GeocodeStatus.Located)})", LegendSymbol.Area, located.Fill, located.Outline),
            new($"{approximate.Legend} ({parcels.CountAreas(GeocodeStatus.Approximate)})", LegendSymbol.Area, approximate.Fill, approximate.Outline),
            new($"无面积，点位 ({parcels.CountPoints})", LegendSymbol.Ring, Outline: style.Text, Width: 3),
            new($"{style.Statuses[GeocodeStatus.Unresolved].Legend} {parcels.Unresolved} 项，未绘出", LegendSymbol.TextOnly),
        };

        var kinds = baseMap.Kinds.ToHashSet();
        var baseRows = style.Kinds
            .Where(k => k.Value.Legend is not null && kinds.Contains(k.Key))
            .Select(k => BaseRow(k.Key, k.Value))
            .ToList();
        if (baseRows.Count > 0)
        {
            rows.Add(new LegendRow("底图", LegendSymbol.Header));
            rows.AddRange(baseRows);
        }

        return rows;
    }

    private static LegendRow BaseRow(PlaceKind kind, FeatureStyle s) => kind switch
    {
        PlaceKind.District or PlaceKind.Park or PlaceKind.Landmark => new(s.Legend!, LegendSymbol.Area, s.Fill ?? SKColors.Transparent, s.Stroke, s.Width),
        PlaceKind.Village or PlaceKind.Community => new(s.Legend!, LegendSymbol.Dot, s.Stroke),
        _ => new(s.Legend!, LegendSymbol.Line, s.Stroke, s.Stroke, s.Width, s.Dash),
    };
}
