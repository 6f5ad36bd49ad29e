using LandMap.Core.Crs;
using NetTopologySuite.Geometries;
using SkiaSharp;

namespace LandMap.Tiles.Rendering;

/// <summary>
/// The fit of an area into an image: metres (E, N) of the area's own Gauss-Krüger zone (<see cref="Plane"/>, the zone of
/// the area's centre: EPSG:4547 for Pingdingshan, 4548 for Beijing) to pixels with one scale on both axes, so the map is
/// metric and not squashed as a plain lon/lat plot would be (a degree of longitude is ~0.83 of a degree of latitude at
/// 33.7°N). Up in the image is grid north of that zone, within about 1° of true north anywhere in the zone.
/// </summary>
public sealed class MapView
{
    private const double MinSideM = 200;

    private readonly double _minE;
    private readonly double _minN;
    private readonly float _offsetX;
    private readonly float _offsetY;

    /// <summary>Fits <paramref name="wgs84Bounds"/> plus a margin (a fraction of its larger side) into width × height pixels.</summary>
    public MapView(Envelope wgs84Bounds, int width, int height, double margin)
    {
        ArgumentNullException.ThrowIfNull(wgs84Bounds);
        Width = width;
        Height = height;
        Plane = MetricPlane.ForExtent(wgs84Bounds);

        // Project the whole outline: a lon/lat box is not a box in Gauss-Kruger metres.
        var box = new GeometryFactory().ToGeometry(wgs84Bounds);
        var gk = Plane.ToPlane(box).EnvelopeInternal.Copy();

        // A lone point or a straight road still gets a readable area around it.
        gk.ExpandBy(Math.Max(0, (MinSideM - gk.Width) / 2), Math.Max(0, (MinSideM - gk.Height) / 2));
        gk.ExpandBy(Math.Max(gk.Width, gk.Height) * margin);

        MetresPerPixel = Math.Max(gk.Width / width, gk.Height / height);
        _minE = gk.MinX;
        _minN = gk.MinY;
        _offsetX = (float)((width - gk.Width / MetresPerPixel) / 2);
        _offsetY = (float)((height - gk.Height / MetresPerPixel) / 2);
    }

    private MapView(MetricPlane plane, double centreE, double centreN, int width, int height, double metresPerPixel)
    {
        Plane = plane;
        Width = width;
        Height = height;
        MetresPerPixel = metresPerPixel;
        _minE = centreE - width / 2.0 * metresPerPixel;
        _minN = centreN - height / 2.0 * metresPerPixel;
    }

    /// <summary>
    /// A view at a fixed scale: <paramref name="metresPerPixel"/> ground metres per unit, centred on a position of
    /// <paramref name="plane"/>. How a printed map frame at 1:N is set up (its "pixels" may be tenths of a millimetre of paper).
    /// </summary>
    public static MapView AtScale(MetricPlane plane, double centreE, double centreN, int width, int height, double metresPerPixel)
    {
        ArgumentNullException.ThrowIfNull(plane);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(metresPerPixel);
        return new MapView(plane, centreE, centreN, width, height, metresPerPixel);
    }

    /// <summary>The plane the view is drawn in: geometries are projected to it before <see cref="ToPixelGk"/>.</summary>
    public MetricPlane Plane { get; }

    /// <summary>Image width in pixels.</summary>
    public int Width { get; }

    /// <summary>Image height in pixels.</summary>
    public int Height { get; }

    /// <summary>Ground metres per pixel, the same on both axes.</summary>
    public double MetresPerPixel { get; }

    /// <summary>The pixel of a WGS 84 position (x right, y down).</summary>
    public SKPoint ToPixel(double lon, double lat)
    {
        var (e, n) = Plane.ToPlane(lon, lat);
        return ToPixelGk(e, n);
    }

    /// <summary>The pixel of a position of <see cref="Plane"/> (x right, y down).</summary>
    public SKPoint ToPixelGk(double e, double n) =>
        new(_offsetX + (float)((e - _minE) / MetresPerPixel), Height - _offsetY - (float)((n - _minN) / MetresPerPixel));
}
