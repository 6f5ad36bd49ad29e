using LandMap.Tiles.Rendering;

namespace LandMap.Tiles.Print;

/// <summary>
/// A thematic map (专题图) of stored parcels on A3 or A4, as PDF or PNG: title, the district's basemap, the parcels coloured
/// as on the page, labels that keep off each other, a legend of what is drawn, scale bar, north arrow, a table of the
/// parcels, coordinate system, source and date. The CLI (<c>landmap render --db</c>) and the server
/// (<c>GET /api/maps/sheet.pdf</c>) both print through here.
/// </summary>
public static class ThematicMap
{
    /// <summary>Draws the map of <paramref name="data"/>.</summary>
    /// <param name="data">What <see cref="ThematicMapSource.LoadAsync"/> read.</param>
    /// <param name="format">PDF (fonts embedded) or PNG.</param>
    /// <param name="fontPath">A font file with Chinese glyphs, or null to find one (<see cref="CjkFont"/>).</param>
    /// <exception cref="InvalidOperationException">No CJK font is installed; the message names the Debian package.</exception>
    public static byte[] Render(ThematicMapData data, PrintFormat format, string? fontPath = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Render(new ThematicMapLayout(data), format, fontPath);
    }

    /// <summary>Draws a map already laid out (whose <see cref="ThematicMapLayout.Shown"/> the caller reports).</summary>
    /// <exception cref="InvalidOperationException">No CJK font is installed; the message names the Debian package.</exception>
    public static byte[] Render(ThematicMapLayout layout, PrintFormat format, string? fontPath = null)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var typeface = CjkFont.Require(fontPath);
        var data = layout.Data;
        var metadata = new PrintMetadata(layout.Title, $"LandMap 专题图，{layout.Shown.Count} 块地块，坐标系 {data.Plane}");
        return PageWriter.Write(format, data.Request.Paper, [canvas => layout.Draw(canvas, typeface)], metadata);
    }
}
