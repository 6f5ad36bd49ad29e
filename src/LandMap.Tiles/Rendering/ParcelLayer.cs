using System.Globalization;
using LandMap.Core.Crs;
using LandMap.Core.Geocoding;
using NetTopologySuite.Geometries;

namespace LandMap.Tiles.Rendering;

/// <summary>
/// Parcels: polygons filled in their colours, no-area points as rings, each labelled "seq 名称". Geocoded entries are
/// coloured by status (<see cref="Of(IEnumerable{GeocodedEntry}, MapStyle, MetricPlane)"/>); unresolved entries (and any entry without
/// geometry) are not drawn, only counted.
/// </summary>
internal sealed class ParcelLayer
{
    private readonly List<(MapParcel Entry, Geometry Gk)> _placed;

    /// <param name="parcels">The parcels to draw (each with a geometry, WGS 84).</param>
    /// <param name="plane">The plane of the map they are drawn on.</param>
    /// <param name="unresolved">How many more have no geometry: counted for the legend, not drawn.</param>
    public ParcelLayer(IEnumerable<MapParcel> parcels, MetricPlane plane, int unresolved = 0)
    {
        Unresolved = unresolved;

        // Larger parcels first so a small one inside a large one stays visible; seq breaks ties for a stable image.
        _placed = parcels.Where(e => !e.Geometry.IsEmpty)
            .Select(e => (Entry: e, Gk: plane.ToPlane(e.Geometry)))
            .OrderByDescending(x => x.Gk.Area)
            .ThenBy(x => x.Entry.Seq)
            .ThenBy(x => x.Entry.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Geocoded entries coloured by status: the quick look at report files.</summary>
    public static ParcelLayer Of(IEnumerable<GeocodedEntry> entries, MapStyle style, MetricPlane plane)
    {
        var all = entries.ToList();
        var placed = all.Where(e => e.Status != GeocodeStatus.Unresolved && e.Geometry is { IsEmpty: false })
            .Select(e => new MapParcel(e.Seq, e.Name, e.Geometry!, style.Statuses[e.Status].Fill, style.Statuses[e.Status].Outline, e.Status.ToString()));
        return new ParcelLayer(placed, plane, all.Count(e => e.Status == GeocodeStatus.Unresolved || e.Geometry is null || e.Geometry.IsEmpty));
    }

    /// <summary>Entries not drawn: unresolved, or without geometry.</summary>
    public int Unresolved { get; }

    /// <summary>The parcels drawn, in drawing order, with their geometry in the map's plane.</summary>
    public IReadOnlyList<(MapParcel Parcel, Geometry Gk)> Drawn => _placed;

    /// <summary>Drawn polygons per status.</summary>
    public int CountAreas(GeocodeStatus status) => _placed.Count(x => x.Entry.LegendKey == status.ToString() && x.Gk is IPolygonal);

    /// <summary>Drawn entries without area (points).</summary>
    public int CountPoints => _placed.Count(x => x.Gk is not IPolygonal);

    public void Draw(Painter p)
    {
        foreach (var (entry, gk) in _placed)
        {
            foreach (var part in Painter.Parts(gk))
            {
                if (part is Point point)
                {
                    p.Dot(p.Pixel(point.Coordinate), p.Style.PointRadius, entry.Outline, hollow: true);
                }
                else if (part is LineString)
                {
                    // A corridor with no stated area is its centre line: stroke it, a fill would close it into a wedge.
                    p.Stroke(part, entry.Outline, 2 * entry.OutlineWidth, entry.Dash);
                }
                else
                {
                    p.Fill(part, entry.Fill);
                    p.Stroke(part, entry.Outline, entry.OutlineWidth, entry.Dash);
                }
            }
        }
    }

    /// <summary>Places the parcel labels (in seq order), then blocks the parcels for every later label.</summary>
    public void Label(Painter p, LabelPlacer placer, int nameLength)
    {
        using var font = p.Font(p.Style.LabelSize, bold: true);
        var ring = p.Style.PointRadius * p.K;
        foreach (var (entry, gk) in _placed.OrderBy(x => x.Entry.Seq).ThenBy(x => x.Entry.Name, StringComparer.Ordinal))
        {
            var text = $"{entry.Seq} {Shorten(entry.Name, nameLength)}";
            var size = p.Measure(text, font);
            var box = p.Box(gk);
            if (gk is not IPolygonal)
            {
                box.Inflate(ring, ring);
            }

            if (placer.TryPlace(LabelPlacer.Around(box, size.Width, size.Height, 3 * p.K)) is { } at)
            {
                p.Text(text, at, font, entry.LabelColor ?? entry.Outline);
            }
        }

        foreach (var (_, gk) in _placed)
        {
            var box = p.Box(gk);
            box.Inflate(ring / 2, ring / 2);
            placer.Reserve(box);
        }
    }

    /// <summary>The first <paramref name="length"/> characters (text elements, so no half surrogate pair) and "…".</summary>
    public static string Shorten(string name, int length)
    {
        var info = new StringInfo(name.Trim());
        return info.LengthInTextElements <= length ? info.String : info.SubstringByTextElements(0, length) + "…";
    }
}
