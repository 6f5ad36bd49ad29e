using LandMap.Data;
using LandMap.Tiles.Rendering;

namespace LandMap.Tiles.Print;

/// <summary>The one place a stored parcel becomes what the map renderer draws: the page's fill and outline, its label.</summary>
internal static class StoredMapParcels
{
    /// <summary>Outline width at the renderer's reference size, as the page draws it (1.6 px).</summary>
    private const float OutlineWidth = 1.6f;

    public static MapParcel ToMapParcel(ParcelRecord record, ParcelPalette palette)
    {
        var geometry = record.Geometry ?? throw new ArgumentException($"Parcel {record.PublicId} has no geometry to draw.", nameof(record));
        var (key, fill) = palette.FillOf(record.ProjectStage, record.Status);
        var outline = palette.OutlineOf(record.PlanYear);
        return new MapParcel(record.Seq, record.Name, geometry, fill.Color.WithAlpha((byte)Math.Round(255 * palette.FillOpacity)), outline.Stroke, key,
            outline.Dash.Length == 0 ? null : outline.Dash, LabelColor: outline.Stroke, OutlineWidth: OutlineWidth);
    }
}
