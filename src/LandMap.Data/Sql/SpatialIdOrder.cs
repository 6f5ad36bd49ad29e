using NetTopologySuite.Geometries;

namespace LandMap.Data.Sql;

/// <summary>
/// The order in which an import's entries take their row ids: along a Hilbert curve over the extent of the report's
/// geometries, entries without one last, ties in column order. Both stores keep rows in id order (SQLite's tables are
/// keyed by it; PostgreSQL's COPY appends in it), so parcels near each other on the map share pages: a dense z12 tile of
/// the 1M city reads 2.3× fewer pages, which shortens cold reads (docs/benchmarks.md, City scale). Public ids come from
/// the entry (district, plan year, seq) and do not depend on this order; lists break ties in column order.
/// </summary>
internal static class SpatialIdOrder
{
    // A 2^16 × 2^16 grid over the report's extent, each axis scaled on its own: cells of about half a metre along a
    // district 30 km across.
    private const int Bits = 16;
    private const uint Cells = 1u << Bits;

    /// <summary>For each entry (by its index), the rank of its row among the report's: the k-th id reserved is its id.</summary>
    public static int[] Slots(IReadOnlyList<Geometry?> geometries)
    {
        var extent = new Envelope();
        foreach (var g in geometries)
        {
            if (g is { IsEmpty: false }) extent.ExpandToInclude(g.EnvelopeInternal);
        }
        var keys = new ulong[geometries.Count];
        for (var i = 0; i < keys.Length; i++)
            keys[i] = geometries[i] is { IsEmpty: false } g ? Hilbert(Cell(g.EnvelopeInternal.Centre.X, extent.MinX, extent.Width), Cell(g.EnvelopeInternal.Centre.Y, extent.MinY, extent.Height)) : ulong.MaxValue;
        var order = new int[keys.Length];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        // Stable: equal keys (entries without a geometry, or in one cell) keep column order.
        Array.Sort(order, (a, b) => keys[a] != keys[b] ? keys[a].CompareTo(keys[b]) : a.CompareTo(b));
        var slots = new int[order.Length];
        for (var k = 0; k < order.Length; k++) slots[order[k]] = k;
        return slots;
    }

    private static uint Cell(double value, double min, double size) =>
        size > 0 ? (uint)Math.Clamp((value - min) / size * (Cells - 1), 0, Cells - 1) : 0;

    /// <summary>The distance of cell (x, y) along the Hilbert curve filling the grid (Hilbert 1891; the iterative form of
    /// Warren, Hacker's Delight §16).</summary>
    internal static ulong Hilbert(uint x, uint y)
    {
        ulong d = 0;
        for (var s = Cells / 2; s > 0; s /= 2)
        {
            var rx = (x & s) != 0 ? 1u : 0u;
            var ry = (y & s) != 0 ? 1u : 0u;
            d += (ulong)s * s * ((3 * rx) ^ ry);
            // Rotate the quadrant so the curve inside it runs as in the whole.
            if (ry != 0) continue;
            if (rx == 1) (x, y) = (Cells - 1 - x, Cells - 1 - y);
            (x, y) = (y, x);
        }
        return d;
    }
}
