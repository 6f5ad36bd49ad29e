using LandMap.Core.Gazetteer;
using LandMap.Core.Geocoding;
using SkiaSharp;

namespace LandMap.Tiles.Rendering;

/// <summary>How one kind of gazetteer feature is drawn.</summary>
/// <param name="Stroke">Line colour (outline for polygons).</param>
/// <param name="Width">Line width in pixels at the reference size (1600 px short side).</param>
/// <param name="Fill">Polygon fill, or null for none.</param>
/// <param name="Dash">Dash pattern in pixels (on, off, …), or null for a solid line.</param>
/// <param name="DotRadius">Radius in pixels of the dot drawn for a point feature.</param>
/// <param name="Legend">The Chinese legend label (道路), or null to leave the kind out of the legend.</param>
public sealed record FeatureStyle(SKColor Stroke, float Width, SKColor? Fill = null, float[]? Dash = null, float DotRadius = 4, string? Legend = null);

/// <summary>How parcels of one <see cref="GeocodeStatus"/> are drawn.</summary>
/// <param name="Fill">Parcel fill.</param>
/// <param name="Outline">Parcel outline, and the ring of a no-area point.</param>
/// <param name="Legend">The Chinese legend label (已定位).</param>
public sealed record StatusStyle(SKColor Fill, SKColor Outline, string Legend);

/// <summary>
/// Colours, widths and Chinese legend labels of a rendered map, per <see cref="PlaceKind"/> and per
/// <see cref="GeocodeStatus"/>. Widths and text sizes are for a 1600 px short side and scale with the image.
/// </summary>
public sealed record MapStyle
{
    /// <summary>Outside every district.</summary>
    public SKColor Background { get; init; } = new(0xE4, 0xE6, 0xE1);

    /// <summary>Label text.</summary>
    public SKColor Text { get; init; } = new(0x21, 0x21, 0x21);

    /// <summary>The outline drawn around label text so it stays readable over lines.</summary>
    public SKColor Halo { get; init; } = SKColors.White;

    /// <summary>Background of the title, legend and scale-bar boxes.</summary>
    public SKColor Panel { get; init; } = new(0xFF, 0xFF, 0xFF, 0xF2);

    /// <summary>Road width factor for 大道 (avenues), which are wider on the ground too.</summary>
    public float AvenueWidthFactor { get; init; } = 1.8f;

    /// <summary>Label text size in pixels at the reference size.</summary>
    public float LabelSize { get; init; } = 17;

    /// <summary>District name size in pixels at the reference size.</summary>
    public float DistrictLabelSize { get; init; } = 40;

    /// <summary>Title size in pixels at the reference size.</summary>
    public float TitleSize { get; init; } = 34;

    /// <summary>Radius in pixels of the ring drawn for an entry without area (a Point).</summary>
    public float PointRadius { get; init; } = 9;

    /// <summary>Styles per feature kind; a kind missing here is not drawn.</summary>
    public IReadOnlyDictionary<PlaceKind, FeatureStyle> Kinds { get; init; } = new Dictionary<PlaceKind, FeatureStyle>
    {
        [PlaceKind.District] = new(new SKColor(0x7E, 0x57, 0xC2), 3, new SKColor(0xFB, 0xFA, 0xF5), Legend: "区界"),
        [PlaceKind.Park] = new(new SKColor(0x55, 0x8B, 0x2F), 1.5f, new SKColor(0xDC, 0xED, 0xC8), DotRadius: 5, Legend: "园区/公园"),
        [PlaceKind.Landmark] = new(new SKColor(0x79, 0x55, 0x48), 1.5f, new SKColor(0xEF, 0xE6, 0xDD), DotRadius: 5, Legend: "地标"),
        [PlaceKind.River] = new(new SKColor(0x42, 0x8B, 0xCA), 4, new SKColor(0xB3, 0xD4, 0xF0), Legend: "河流"),
        [PlaceKind.Canal] = new(new SKColor(0x64, 0xA6, 0xDD), 2.5f, new SKColor(0xB3, 0xD4, 0xF0), Legend: "渠"),
        [PlaceKind.Road] = new(new SKColor(0x9E, 0x9E, 0x9E), 3, Legend: "道路"),
        [PlaceKind.Railway] = new(new SKColor(0x37, 0x37, 0x37), 2.5f, Dash: [12, 7], Legend: "铁路/专用线"),
        [PlaceKind.Boundary] = new(new SKColor(0x9C, 0x7A, 0xC9), 2, Dash: [14, 5, 3, 5]),
        [PlaceKind.Village] = new(new SKColor(0x8D, 0x6E, 0x63), 1, DotRadius: 4.5f, Legend: "村庄"),
        [PlaceKind.Community] = new(new SKColor(0x54, 0x6E, 0x7A), 1, DotRadius: 4.5f, Legend: "社区"),
    };

    /// <summary>Styles per geocoding status; unresolved entries have no geometry and are only counted.</summary>
    public IReadOnlyDictionary<GeocodeStatus, StatusStyle> Statuses { get; init; } = new Dictionary<GeocodeStatus, StatusStyle>
    {
        [GeocodeStatus.Located] = new(new SKColor(0x43, 0xA0, 0x47), new SKColor(0x1B, 0x5E, 0x20), "已定位"),
        [GeocodeStatus.Approximate] = new(new SKColor(0xFB, 0x8C, 0x00), new SKColor(0xBF, 0x36, 0x0C), "近似"),
        [GeocodeStatus.Unresolved] = new(SKColors.Transparent, new SKColor(0x75, 0x75, 0x75), "未定位"),
    };

    /// <summary>The default style.</summary>
    public static MapStyle Default { get; } = new();
}
