using NetTopologySuite.Geometries;

namespace LandMap.Tiles.Vector;

/// <summary>
/// A tile of the Web Mercator (XYZ, y down from the north) pyramid. Built only from integers, so a
/// tile address can never carry a path; <see cref="TryCreate"/> rejects addresses outside the pyramid.
/// </summary>
public readonly record struct TileAddress
{
    /// <summary>The deepest zoom LandMap serves or builds.</summary>
    public const int MaxZoom = 22;

    private TileAddress(int z, int x, int y) => (Z, X, Y) = (z, x, y);

    /// <summary>Zoom level, 0 to <see cref="MaxZoom"/>.</summary>
    public int Z { get; }

    /// <summary>Column, 0 to 2^z − 1, west to east.</summary>
    public int X { get; }

    /// <summary>Row, 0 to 2^z − 1, north to south (XYZ, not TMS).</summary>
    public int Y { get; }

    /// <summary>The row in the TMS scheme MBTiles stores (south to north).</summary>
    public int TmsY => (1 << Z) - 1 - Y;

    /// <summary>The tile, or null when z, x or y lies outside the pyramid.</summary>
    public static TileAddress? TryCreate(int z, int x, int y)
    {
        if (z is < 0 or > MaxZoom) return null;
        var size = 1 << z;
        return x >= 0 && x < size && y >= 0 && y < size ? new TileAddress(z, x, y) : null;
    }

    /// <summary>The tile holding the WGS 84 point at zoom <paramref name="z"/>.</summary>
    public static TileAddress At(double lon, double lat, int z)
    {
        var size = 1 << z;
        var x = (int)Math.Floor((lon + 180) / 360 * size);
        var latRad = lat * Math.PI / 180;
        var y = (int)Math.Floor((1 - Math.Log(Math.Tan(latRad) + 1 / Math.Cos(latRad)) / Math.PI) / 2 * size);
        return new TileAddress(z, Math.Clamp(x, 0, size - 1), Math.Clamp(y, 0, size - 1));
    }

    /// <summary>The tile's bounds in WGS 84 degrees.</summary>
    public Envelope Bounds
    {
        get
        {
            var size = 1 << Z;
            return new Envelope(Lon(X, size), Lon(X + 1, size), Lat(Y + 1, size), Lat(Y, size));
        }
    }

    /// <summary>Every tile of zoom <paramref name="z"/> that touches <paramref name="wgs84"/>.</summary>
    public static IEnumerable<TileAddress> Covering(Envelope wgs84, int z)
    {
        var nw = At(wgs84.MinX, wgs84.MaxY, z);
        var se = At(wgs84.MaxX, wgs84.MinY, z);
        for (var x = nw.X; x <= se.X; x++)
            for (var y = nw.Y; y <= se.Y; y++)
                yield return new TileAddress(z, x, y);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Z}/{X}/{Y}";

    private static double Lon(int x, int size) => x / (double)size * 360 - 180;

    private static double Lat(int y, int size) => Math.Atan(Math.Sinh(Math.PI * (1 - 2.0 * y / size))) * 180 / Math.PI;
}
