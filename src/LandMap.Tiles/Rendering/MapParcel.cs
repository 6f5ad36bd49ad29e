using NetTopologySuite.Geometries;
using SkiaSharp;

namespace LandMap.Tiles.Rendering;

/// <summary>
/// A parcel as <see cref="ParcelLayer"/> draws it, whatever it came from (a geocoded entry, a stored record): its label,
/// its WGS 84 geometry and its colours. <paramref name="LegendKey"/> groups parcels for the legend's counts.
/// </summary>
internal sealed record MapParcel(int Seq, string Name, Geometry Geometry, SKColor Fill, SKColor Outline, string LegendKey,
    float[]? Dash = null, SKColor? LabelColor = null, float OutlineWidth = 2);
