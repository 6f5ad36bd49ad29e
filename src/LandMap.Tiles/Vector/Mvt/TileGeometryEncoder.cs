using NetTopologySuite.Geometries;

namespace LandMap.Tiles.Vector.Mvt;

/// <summary>
/// Turns a WGS 84 geometry into MVT geometry commands of one tile (extent 4096, y down), in this order:
/// <list type="number">
/// <item>each vertex is projected straight to tile units (longitude: one multiply-add; latitude: Web Mercator);</item>
/// <item>unless the caller knows the geometry lies inside the clip box, rings are clipped to it with Sutherland–Hodgman
/// (a ring that leaves and re-enters the box may keep a zero-width bridge along the box edge, outside the drawn tile,
/// as geojson-vt and tippecanoe tiles do), lines with Liang–Barsky (one part per stretch inside), points by position;</item>
/// <item>vertices are rounded to whole units and a vertex on the same unit as the one before is dropped — the
/// generalisation of a 1-unit simplifier at no cost, since the grid snaps them together anyway;</item>
/// <item>what collapses is left out as the NetTopologySuite writer does: a ring with under three vertices, no area or an extent of
/// at most 2 units both ways (its holes go with a dropped shell), a line of under two vertices or under 1 unit both ways;</item>
/// <item>shells are written clockwise on screen (positive area in tile units), holes counter-clockwise (MVT 2.1 §4.3.4.4).</item>
/// </list>
/// Not thread-safe: one instance per tile being encoded; its buffers are reused from feature to feature.
/// </summary>
internal sealed class TileGeometryEncoder
{
    private const int MinPolygonalExtent = 2;
    private const int MinLinealExtent = 1;

    private readonly double _scaleX, _offsetX, _scaleY, _offsetY;
    private readonly double _min, _max;
    private double[] _xs = new double[256], _ys = new double[256], _xs2 = new double[256], _ys2 = new double[256];
    private int[] _ix = new int[256], _iy = new int[256];
    private int _cursorX, _cursorY;

    /// <param name="tile">The tile.</param>
    /// <param name="extent">Units across the tile (4096).</param>
    /// <param name="bufferUnits">Units kept around the tile when clipping.</param>
    public TileGeometryEncoder(TileAddress tile, int extent, double bufferUnits)
    {
        var world = extent * Math.Pow(2, tile.Z);
        _scaleX = world / 360;
        _offsetX = world / 2 - (double)tile.X * extent;
        _scaleY = -world / (2 * Math.PI);
        _offsetY = world / 2 - (double)tile.Y * extent;
        _min = -bufferUnits;
        _max = extent + bufferUnits;
    }

    /// <summary>
    /// Appends the commands of <paramref name="geometry"/> to <paramref name="commands"/> and returns its type;
    /// <see cref="MvtGeometryType.Unknown"/> (nothing appended) when it collapses or lies outside the clip box.
    /// A collection is written as its parts of the highest dimension.
    /// </summary>
    public MvtGeometryType Encode(Geometry geometry, bool clip, List<uint> commands)
    {
        _cursorX = _cursorY = 0;
        var start = commands.Count;
        var type = HighestDimension(geometry) switch
        {
            Dimension.Surface => MvtGeometryType.Polygon,
            Dimension.Curve => MvtGeometryType.LineString,
            Dimension.Point => MvtGeometryType.Point,
            _ => MvtGeometryType.Unknown,
        };
        switch (type)
        {
            case MvtGeometryType.Polygon: AppendPolygons(geometry, clip, commands); break;
            case MvtGeometryType.LineString: AppendLines(geometry, clip, commands); break;
            case MvtGeometryType.Point: AppendPoints(geometry, clip, commands); break;
        }
        return commands.Count > start ? type : MvtGeometryType.Unknown;
    }

    /// <summary>Tile units of a longitude.</summary>
    public double X(double lon) => lon * _scaleX + _offsetX;

    /// <summary>Tile units of a latitude (Web Mercator, y down; clamped to the Mercator square).</summary>
    public double Y(double lat)
    {
        var sin = Math.Sin(Math.Clamp(lat, -85.051_128_78, 85.051_128_78) * (Math.PI / 180));
        return 0.5 * Math.Log((1 + sin) / (1 - sin)) * _scaleY + _offsetY;
    }

    private static Dimension HighestDimension(Geometry geometry)
    {
        if (geometry.IsEmpty) return Dimension.False;
        if (geometry is not GeometryCollection collection || geometry is MultiPoint or MultiLineString or MultiPolygon) return geometry.Dimension;
        var highest = Dimension.False;
        for (var i = 0; i < collection.NumGeometries; i++)
        {
            var d = HighestDimension(collection.GetGeometryN(i));
            if (d > highest) highest = d;
        }
        return highest;
    }

    private void AppendPolygons(Geometry geometry, bool clip, List<uint> commands)
    {
        if (geometry is Polygon polygon)
        {
            if (polygon.IsEmpty || !AppendRing(polygon.Shell.CoordinateSequence, clip, shell: true, commands)) return;
            foreach (var hole in polygon.Holes) AppendRing(hole.CoordinateSequence, clip, shell: false, commands);
            return;
        }
        for (var i = 0; i < geometry.NumGeometries; i++)
            if (geometry.GetGeometryN(i) is var part && part.Dimension == Dimension.Surface)
                AppendPolygons(part, clip, commands);
    }

    private void AppendLines(Geometry geometry, bool clip, List<uint> commands)
    {
        if (geometry is LineString line)
        {
            if (line.IsEmpty) return;
            var n = Project(line.CoordinateSequence, line.NumPoints);
            if (!clip)
            {
                AppendLine(_xs, _ys, n, commands);
                return;
            }
            ClipLine(n, commands);
            return;
        }
        for (var i = 0; i < geometry.NumGeometries; i++)
            if (geometry.GetGeometryN(i) is var part && part.Dimension == Dimension.Curve)
                AppendLines(part, clip, commands);
    }

    private void AppendPoints(Geometry geometry, bool clip, List<uint> commands)
    {
        var countAt = commands.Count;
        commands.Add(0);
        var count = 0;
        AddPoints(geometry, clip, commands, ref count);
        if (count == 0) commands.RemoveAt(countAt);
        else commands[countAt] = Command(1, count);
    }

    private void AddPoints(Geometry geometry, bool clip, List<uint> commands, ref int count)
    {
        if (geometry is Point point)
        {
            if (point.IsEmpty) return;
            var x = X(point.X);
            var y = Y(point.Y);
            if (clip && (x < _min || x > _max || y < _min || y > _max)) return;
            var ix = (int)Math.Round(x);
            var iy = (int)Math.Round(y);
            commands.Add(ZigZag(ix - _cursorX));
            commands.Add(ZigZag(iy - _cursorY));
            (_cursorX, _cursorY) = (ix, iy);
            count++;
            return;
        }
        for (var i = 0; i < geometry.NumGeometries; i++)
            if (geometry.GetGeometryN(i) is var part && part.Dimension == Dimension.Point)
                AddPoints(part, clip, commands, ref count);
    }

    // Projects a sequence's vertices into _xs/_ys; returns how many.
    private int Project(CoordinateSequence sequence, int count)
    {
        Ensure(ref _xs, ref _ys, count);
        var xs = _xs;
        var ys = _ys;
        for (var i = 0; i < count; i++)
        {
            xs[i] = X(sequence.GetX(i));
            ys[i] = Y(sequence.GetY(i));
        }
        return count;
    }

    private bool AppendRing(CoordinateSequence sequence, bool clip, bool shell, List<uint> commands)
    {
        // The closing vertex repeats the first: MVT closes rings with ClosePath.
        var n = Project(sequence, sequence.Count - 1);
        var xs = _xs;
        var ys = _ys;
        if (clip)
        {
            n = ClipRing(n);
            xs = _xs;
            ys = _ys;
        }
        if (n < 3) return false;

        n = Round(xs, ys, n, ring: true);
        if (n < 3) return false;
        var ix = _ix;
        var iy = _iy;
        long twiceArea = 0;
        int minX = ix[0], maxX = ix[0], minY = iy[0], maxY = iy[0];
        for (int i = 0, j = n - 1; i < n; j = i++)
        {
            twiceArea += (long)ix[j] * iy[i] - (long)ix[i] * iy[j];
            minX = Math.Min(minX, ix[i]);
            maxX = Math.Max(maxX, ix[i]);
            minY = Math.Min(minY, iy[i]);
            maxY = Math.Max(maxY, iy[i]);
        }
        int w = maxX - minX, h = maxY - minY;
        if (twiceArea == 0 || !((w > MinPolygonalExtent && h > 0) || (w > 0 && h > MinPolygonalExtent))) return false;

        // Shells positive (clockwise on screen), holes negative.
        var reverse = shell ? twiceArea < 0 : twiceArea > 0;
        commands.Add(Command(1, 1));
        AddVertex(ix, iy, reverse ? n - 1 : 0, commands);
        commands.Add(Command(2, n - 1));
        for (var k = 1; k < n; k++) AddVertex(ix, iy, reverse ? n - 1 - k : k, commands);
        commands.Add(Command(7, 1));
        return true;
    }

    private void AppendLine(double[] xs, double[] ys, int n, List<uint> commands)
    {
        n = Round(xs, ys, n, ring: false);
        if (n < 2) return;
        var ix = _ix;
        var iy = _iy;
        int minX = ix[0], maxX = ix[0], minY = iy[0], maxY = iy[0];
        for (var i = 1; i < n; i++)
        {
            minX = Math.Min(minX, ix[i]);
            maxX = Math.Max(maxX, ix[i]);
            minY = Math.Min(minY, iy[i]);
            maxY = Math.Max(maxY, iy[i]);
        }
        if (maxX - minX < MinLinealExtent && maxY - minY < MinLinealExtent) return;
        commands.Add(Command(1, 1));
        AddVertex(ix, iy, 0, commands);
        commands.Add(Command(2, n - 1));
        for (var k = 1; k < n; k++) AddVertex(ix, iy, k, commands);
    }

    // Rounds to _ix/_iy, dropping a vertex on the same unit as the one kept before it (and, for a ring, the last one on the first's).
    private int Round(double[] xs, double[] ys, int n, bool ring)
    {
        if (_ix.Length < n) (_ix, _iy) = (new int[n * 2], new int[n * 2]);
        var ix = _ix;
        var iy = _iy;
        var m = 0;
        for (var i = 0; i < n; i++)
        {
            var x = (int)Math.Round(xs[i]);
            var y = (int)Math.Round(ys[i]);
            if (m > 0 && x == ix[m - 1] && y == iy[m - 1]) continue;
            ix[m] = x;
            iy[m] = y;
            m++;
        }
        if (ring)
            while (m > 1 && ix[m - 1] == ix[0] && iy[m - 1] == iy[0]) m--;
        return m;
    }

    private void AddVertex(int[] ix, int[] iy, int i, List<uint> commands)
    {
        commands.Add(ZigZag(ix[i] - _cursorX));
        commands.Add(ZigZag(iy[i] - _cursorY));
        _cursorX = ix[i];
        _cursorY = iy[i];
    }

    // Sutherland–Hodgman against the four sides of the clip box, ping-ponging between _xs/_ys and _xs2/_ys2; result in _xs/_ys.
    private int ClipRing(int n)
    {
        for (var side = 0; side < 4 && n > 0; side++)
        {
            Ensure(ref _xs2, ref _ys2, n * 2 + 2);
            var inX = _xs;
            var inY = _ys;
            var outX = _xs2;
            var outY = _ys2;
            var m = 0;
            var px = inX[n - 1];
            var py = inY[n - 1];
            var pIn = Inside(side, px, py);
            for (var i = 0; i < n; i++)
            {
                var cx = inX[i];
                var cy = inY[i];
                var cIn = Inside(side, cx, cy);
                if (cIn != pIn)
                {
                    var (x, y) = Cross(side, px, py, cx, cy);
                    outX[m] = x;
                    outY[m] = y;
                    m++;
                }
                if (cIn)
                {
                    outX[m] = cx;
                    outY[m] = cy;
                    m++;
                }
                (px, py, pIn) = (cx, cy, cIn);
            }
            (_xs, _xs2) = (_xs2, _xs);
            (_ys, _ys2) = (_ys2, _ys);
            n = m;
        }
        return n;
    }

    private bool Inside(int side, double x, double y) => side switch
    {
        0 => x >= _min,
        1 => x <= _max,
        2 => y >= _min,
        _ => y <= _max,
    };

    private (double X, double Y) Cross(int side, double x0, double y0, double x1, double y1)
    {
        if (side < 2)
        {
            var x = side == 0 ? _min : _max;
            return (x, y0 + (y1 - y0) * (x - x0) / (x1 - x0));
        }
        var y = side == 2 ? _min : _max;
        return (x0 + (x1 - x0) * (y - y0) / (y1 - y0), y);
    }

    // Liang–Barsky per segment; consecutive segments inside join into one part.
    private void ClipLine(int n, List<uint> commands)
    {
        Ensure(ref _xs2, ref _ys2, n * 2 + 2);
        var xs = _xs;
        var ys = _ys;
        var partX = _xs2;
        var partY = _ys2;
        var m = 0;
        for (var i = 0; i + 1 < n; i++)
        {
            double x0 = xs[i], y0 = ys[i], x1 = xs[i + 1], y1 = ys[i + 1];
            if (!ClipSegment(ref x0, ref y0, ref x1, ref y1, out var cutStart, out var cutEnd))
            {
                if (m > 0) AppendLine(partX, partY, m, commands);
                m = 0;
                continue;
            }
            if (m == 0 || cutStart)
            {
                if (m > 0) AppendLine(partX, partY, m, commands);
                m = 0;
                partX[m] = x0;
                partY[m] = y0;
                m++;
            }
            partX[m] = x1;
            partY[m] = y1;
            m++;
            if (cutEnd)
            {
                AppendLine(partX, partY, m, commands);
                m = 0;
            }
        }
        if (m > 0) AppendLine(partX, partY, m, commands);
    }

    private bool ClipSegment(ref double x0, ref double y0, ref double x1, ref double y1, out bool cutStart, out bool cutEnd)
    {
        double t0 = 0, t1 = 1, dx = x1 - x0, dy = y1 - y0;
        cutStart = cutEnd = false;
        if (!Edge(-dx, x0 - _min, ref t0, ref t1) || !Edge(dx, _max - x0, ref t0, ref t1) ||
            !Edge(-dy, y0 - _min, ref t0, ref t1) || !Edge(dy, _max - y0, ref t0, ref t1)) return false;
        if (t1 < 1)
        {
            (x1, y1) = (x0 + t1 * dx, y0 + t1 * dy);
            cutEnd = true;
        }
        if (t0 > 0)
        {
            (x0, y0) = (x0 + t0 * dx, y0 + t0 * dy);
            cutStart = true;
        }
        return true;

        static bool Edge(double p, double q, ref double t0, ref double t1)
        {
            if (p == 0) return q >= 0;
            var r = q / p;
            if (p < 0)
            {
                if (r > t1) return false;
                if (r > t0) t0 = r;
            }
            else
            {
                if (r < t0) return false;
                if (r < t1) t1 = r;
            }
            return true;
        }
    }

    private static void Ensure(ref double[] xs, ref double[] ys, int count)
    {
        if (xs.Length >= count) return;
        var size = Math.Max(count, xs.Length * 2);
        Array.Resize(ref xs, size);
        Array.Resize(ref ys, size);
    }

    private static uint Command(int id, int count) => (uint)((id & 7) | (count << 3));

    private static uint ZigZag(int value) => (uint)((value << 1) ^ (value >> 31));
}
