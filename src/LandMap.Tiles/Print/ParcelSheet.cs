using LandMap.Tiles.Rendering;

namespace LandMap.Tiles.Print;

/// <summary>
/// A parcel sheet (宗地图 with its 界址点坐标表) on A4 (or A3) portrait, as PDF or PNG, from what the store holds. The CLI
/// (<c>landmap sheet</c>) and the server (<c>GET /api/parcels/{id}/sheet.pdf</c>) both print through here.
/// </summary>
public static class ParcelSheet
{
    /// <summary>Draws the sheet of <paramref name="data"/>.</summary>
    /// <param name="data">What <see cref="ParcelSheetSource.LoadAsync"/> read.</param>
    /// <param name="format">PDF (fonts embedded) or PNG.</param>
    /// <param name="fontPath">A font file with Chinese glyphs, or null to find one (<see cref="CjkFont"/>).</param>
    /// <exception cref="InvalidOperationException">No CJK font is installed; the message names the Debian package.</exception>
    public static byte[] Render(ParcelSheetData data, PrintFormat format, string? fontPath = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var typeface = CjkFont.Require(fontPath);
        var layout = new ParcelSheetLayout(data);
        var metadata = new PrintMetadata($"宗地图 {data.Parcel.Name}", $"地块 {data.Parcel.PublicId}，{ParcelSheetLayout.OutlineOrigin(data.Parcel)}");
        return PageWriter.Write(format, data.Paper, layout.Pages(typeface), metadata);
    }
}
