using LandMap.Core.Crs;
using LandMap.Core.Gazetteer;
using NetTopologySuite.Geometries;
using NetTopologySuite.LinearReferencing;
using SkiaSharp;

namespace LandMap.Tiles.Rendering;

/// <summary>The gazetteer under the parcels: areas, then lines, then places, each kind in a fixed order.</summary>
internal sealed class BaseMapLayer
{
    // Areas first so every line stays visible; district outlines over roads so the boundary reads.
    private static readonly PlaceKind[] AreaOrder = [PlaceKind.District, PlaceKind.Park, PlaceKind.Landmark, PlaceKind.River, PlaceKind.Canal];

    private static readonly PlaceKind[] LineOrder =
        [PlaceKind.Village, PlaceKind.Community, PlaceKind.Park, PlaceKind.Landmark, PlaceKind.River, PlaceKind.Canal, PlaceKind.Road, PlaceKind.Railway, PlaceKind.Boundary, PlaceKind.District];

    private static readonly PlaceKind[] PlaceLabelOrder = [PlaceKind.Village, PlaceKind.Community, PlaceKind.Park, PlaceKind.Landmark];

    private static readonly PlaceKind[] LineLabelOrder = [PlaceKind.Road, PlaceKind.River, PlaceKind.Canal, PlaceKind.Railway];

    private static readonly double[] LineLabelStops = [0.5, 0.35, 0.65, 0.2, 0.8];

    private readonly List<(GazetteerFeature Feature, Geometry Gk)> _features;

    /// <param name="features">The features (WGS 84).</param>
    /// <param name="plane">The plane of the map they are drawn on.</param>
    public BaseMapLayer(IEnumerable<GazetteerFeature> features, MetricPlane plane) =>
        _features = features.Select(f => (f, plane.ToPlane(f.Geometry))).ToList();

    public IEnumerable<PlaceKind> Kinds => _features.Select(f => f.Feature.Kind).Distinct();

    public void Draw(Painter p)
    {
        foreach (var kind in AreaOrder)
        {
            foreach (var (_, gk, style) in OfKind(p, kind))
            {
                if (style.Fill is { } fill && gk is IPolygonal)
                {
                    p.Fill(gk, fill);
                }
            }
        }

        foreach (var kind in LineOrder)
        {
            foreach (var (feature, gk, style) in OfKind(p, kind))
            {
                var width = kind == PlaceKind.Road && feature.Name.Contains("大道", StringComparison.Ordinal)
                    ? style.Width * p.Style.AvenueWidthFactor
                    : style.Width;
                p.Stroke(gk, style.Stroke, width, style.Dash);
            }
        }

        foreach (var (feature, gk) in _features)
        {
            if (p.Style.Kinds.TryGetValue(feature.Kind, out var style))
            {
                foreach (var point in Painter.Parts(gk).OfType<Point>())
                {
                    p.Dot(p.Pixel(point.Coordinate), style.DotRadius, style.Stroke);
                }
            }
        }
    }

    /// <summary>
    /// Offers labels in priority order: district names, villages and other places, then roads, water and
    /// railways. Place dots are blocked first so no name hides a village.
    /// </summary>
    public void Label(Painter p, LabelPlacer placer)
    {
        var dots = new List<(GazetteerFeature Feature, SKRect Dot)>();
        foreach (var (feature, gk) in _features)
        {
            if (gk is Point point && p.Style.Kinds.TryGetValue(feature.Kind, out var style))
            {
                var dot = Dot(p.Pixel(point.Coordinate), (style.DotRadius + 1.5f) * p.K);
                placer.Reserve(dot);
                dots.Add((feature, dot));
            }
        }

        LabelDistricts(p, placer);
        using var font = p.Font(p.Style.LabelSize);
        foreach (var kind in PlaceLabelOrder)
        {
            foreach (var (feature, gk, _) in OfKind(p, kind))
            {
                var size = p.Measure(feature.Name, font);
                var candidates = gk is Point
                    ? LabelPlacer.Around(dots.First(d => ReferenceEquals(d.Feature, feature)).Dot, size.Width, size.Height, 2)
                    : LabelPlacer.Centred(p.Pixel(gk.InteriorPoint.Coordinate), size.Width, size.Height);
                if (placer.TryPlace(candidates) is { } box)
                {
                    p.Text(feature.Name, box, font);
                }
            }
        }

        foreach (var kind in LineLabelOrder)
        {
            foreach (var (feature, gk, _) in OfKind(p, kind))
            {
                LabelLine(p, placer, font, feature.Name, gk);
            }
        }
    }

    private void LabelDistricts(Painter p, LabelPlacer placer)
    {
        using var font = p.Font(p.Style.DistrictLabelSize, bold: true);
        var color = p.Style.Kinds.TryGetValue(PlaceKind.District, out var d) ? d.Stroke.WithAlpha(0xC0) : p.Style.Text;
        foreach (var (feature, gk, _) in OfKind(p, PlaceKind.District))
        {
            var size = p.Measure(feature.Name, font);
            if (placer.TryPlace(LabelPlacer.Near(p.Pixel(gk.InteriorPoint.Coordinate), size.Width, size.Height)) is { } box)
            {
                p.Text(feature.Name, box, font, color);
            }
        }
    }

    private static void LabelLine(Painter p, LabelPlacer placer, SKFont font, string name, Geometry gk)
    {
        var size = p.Measure(name, font);
        var longest = Painter.Parts(gk).OfType<LineString>().MaxBy(l => l.Length);

        // A name longer than its line on screen would label the wrong street.
        if (longest is null || longest.Length / p.View.MetresPerPixel < size.Width * 1.5)
        {
            return;
        }

        // The middle first; crossings there often hold a district name, so try further along too.
        var line = new LengthIndexedLine(longest);
        var candidates = LineLabelStops.SelectMany(f => LabelPlacer.Centred(p.Pixel(line.ExtractPoint(longest.Length * f)), size.Width, size.Height));
        if (placer.TryPlace(candidates) is { } box)
        {
            p.Text(name, box, font);
        }
    }

    private static SKRect Dot(SKPoint at, float radius) => new(at.X - radius, at.Y - radius, at.X + radius, at.Y + radius);

    private IEnumerable<(GazetteerFeature Feature, Geometry Gk, FeatureStyle Style)> OfKind(Painter p, PlaceKind kind) =>
        p.Style.Kinds.TryGetValue(kind, out var style)
            ? _features.Where(f => f.Feature.Kind == kind).Select(f => (f.Feature, f.Gk, style))
            : [];
}
