using System.Buffers.Binary;
using Microsoft.Data.Sqlite;

namespace LandMap.Data.Sqlite;

/// <summary>
/// Builds a whole SQLite R*Tree at once: its rows are packed into full nodes by Sort-Tile-Recursive (Leutenegger et al.
/// 1997) and written straight into the tree's three shadow tables, as GDAL's GeoPackage driver builds a new layer's
/// index. SQLite's own insert costs about 10 µs a row (it chooses a leaf, splits and reinserts node by node, writing
/// each node it touches back through SQL), so a million rows take 10–15 s; packed, the same tree takes about a second, and
/// its nodes overlap less. The format is SQLite's (ext/rtree/rtree.c, "Database Format of R-Tree Tables"): node 1 is
/// the root, its first two bytes the tree's depth; every node holds a 16-bit cell count and cells of a 64-bit id (a
/// row's or a child node's) and 32-bit float bounds, all big-endian; <c>%_rowid</c> maps rows to leaves and
/// <c>%_parent</c> nodes to parents. <c>rtreecheck()</c> verifies a packed tree in the tests.
/// </summary>
internal static class SqliteRtreePack
{
    // SQLite's cap on cells per node (RTREE_MAXCELLS), whatever the page size.
    private const int MaxCells = 51;

    /// <summary>
    /// Replaces the content of <paramref name="tree"/> with <paramref name="entries"/>. Runs inside the caller's
    /// transaction; the tree is dropped and created again from its own declaration, so no node of the old one survives.
    /// </summary>
    public static void Rebuild(SqliteConnection c, SqliteTransaction t, string tree, Entries entries, CancellationToken ct)
    {
        var (ids, bounds) = entries.ToArrays();
        var dimensions = entries.Dimensions;
        var declaration = Scalar<string>(c, t, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = $name", tree)
            ?? throw new InvalidOperationException($"no R*Tree named {tree}");
        if (Scalar<long>(c, t, "SELECT count(*) FROM pragma_table_info($name)", tree) != 1 + 2 * dimensions)
            throw new ArgumentException($"{tree} does not have {dimensions} dimensions", nameof(entries));
        Execute(c, t, $"DROP TABLE \"{tree}\"");
        Execute(c, t, declaration);
        var nodeSize = (int)Scalar<long>(c, t, $"SELECT length(data) FROM \"{tree}_node\" WHERE nodeno = 1")!;
        var cellSize = 8 + 8 * dimensions;
        var capacity = Math.Min(MaxCells, (nodeSize - 4) / cellSize);

        // Level 0 holds the rows; each level above holds the boxes of the nodes below, until one node is left: the root.
        var levels = new List<Level> { Pack(ids, bounds, dimensions, capacity) };
        while (levels[^1].NodeCount > 1) levels.Add(Pack(levels[^1].NodeIds(), levels[^1].NodeBounds, dimensions, capacity));
        Number(levels);

        using var node = new SqliteBulkInsert(c, $"INSERT OR REPLACE INTO \"{tree}_node\" (nodeno, data) VALUES (?, ?)");
        using var parent = new SqliteBulkInsert(c, $"INSERT INTO \"{tree}_parent\" (nodeno, parentnode) VALUES (?, ?)");
        var data = new byte[nodeSize];
        for (var l = levels.Count - 1; l >= 0; l--)
        {
            var level = levels[l];
            for (var n = 0; n < level.NodeCount; n++)
            {
                ct.ThrowIfCancellationRequested();
                Array.Clear(data);
                if (l == levels.Count - 1) BinaryPrimitives.WriteUInt16BigEndian(data, (ushort)(levels.Count - 1));
                var (first, count) = (level.Starts[n], level.Starts[n + 1] - level.Starts[n]);
                BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(2), (ushort)count);
                for (var k = 0; k < count; k++)
                {
                    var item = level.Order[first + k];
                    var cell = data.AsSpan(4 + k * cellSize, cellSize);
                    // A leaf's cell names its row; a node's cell names its child node.
                    BinaryPrimitives.WriteInt64BigEndian(cell, l == 0 ? level.ItemIds[item] : levels[l - 1].NodeNumbers[item]);
                    for (var b = 0; b < 2 * dimensions; b++)
                        BinaryPrimitives.WriteSingleBigEndian(cell[(8 + 4 * b)..], level.ItemBounds[item * 2 * dimensions + b]);
                }
                node.Add(level.NodeNumbers[n]).Add(data).Step();
                if (l < levels.Count - 1) parent.Add(level.NodeNumbers[n]).Add(levels[l + 1].NodeNumbers[level.ParentOf[n]]).Step();
            }
        }

        // %_rowid in row id order (Entries keeps them ascending): appended to its b-tree rather than inserted across it.
        var leafOf = new long[ids.Length];
        var leaves = levels[0];
        for (var n = 0; n < leaves.NodeCount; n++)
        {
            for (var k = leaves.Starts[n]; k < leaves.Starts[n + 1]; k++) leafOf[leaves.Order[k]] = leaves.NodeNumbers[n];
        }
        using var rowid = new SqliteBulkInsert(c, $"INSERT INTO \"{tree}_rowid\" (rowid, nodeno) VALUES (?, ?)");
        for (var i = 0; i < ids.Length; i++)
        {
            if (i % 65536 == 0) ct.ThrowIfCancellationRequested();
            rowid.Add(ids[i]).Add(leafOf[i]).Step();
        }
    }

    /// <summary>
    /// A tree's rows: ids in ascending order, and each row's bounds (minimum and maximum per dimension) rounded outwards
    /// to float32 exactly as SQLite's rtreeValueDown / rtreeValueUp do, so a packed tree holds the values an insert would.
    /// </summary>
    public sealed class Entries(int dimensions)
    {
        private readonly List<long> _ids = [];
        private readonly List<float> _bounds = [];

        public int Dimensions { get; } = dimensions;
        public int Count => _ids.Count;

        internal (long[] Ids, float[] Bounds) ToArrays() => ([.. _ids], [.. _bounds]);

        /// <summary>Adds a row; <paramref name="bounds"/> holds each dimension's minimum and maximum.</summary>
        public void Add(long id, ReadOnlySpan<double> bounds)
        {
            if (_ids.Count > 0 && id <= _ids[^1]) throw new ArgumentException("rows must come in ascending id order", nameof(id));
            if (bounds.Length != 2 * Dimensions) throw new ArgumentException($"{2 * Dimensions} bounds expected", nameof(bounds));
            _ids.Add(id);
            for (var b = 0; b < 2 * Dimensions; b += 2)
            {
                var (min, max) = (Down(bounds[b]), Up(bounds[b + 1]));
                // SQLite refuses such a row too, comparing the rounded values (a constraint error on insert).
                if (!(min <= max)) throw new ArgumentException($"row {id}: minimum {bounds[b]} above maximum {bounds[b + 1]}", nameof(bounds));
                _bounds.Add(min);
                _bounds.Add(max);
            }
        }
    }

    private const double TowardZero = 1.0 - 1.0 / 8388608.0;
    private const double AwayFromZero = 1.0 + 1.0 / 8388608.0;

    private static float Down(double d)
    {
        var f = (float)d;
        return f > d ? (float)(d * (d < 0 ? AwayFromZero : TowardZero)) : f;
    }

    private static float Up(double d)
    {
        var f = (float)d;
        return f < d ? (float)(d * (d < 0 ? TowardZero : AwayFromZero)) : f;
    }

    /// <summary>One level of the tree: its items (rows, or the nodes of the level below) grouped into nodes.</summary>
    private sealed class Level(long[] itemIds, float[] itemBounds, int[] order, int[] starts, float[] nodeBounds)
    {
        public long[] ItemIds { get; } = itemIds;
        public float[] ItemBounds { get; } = itemBounds;

        /// <summary>Items in node order: node n holds Order[Starts[n] .. Starts[n + 1]).</summary>
        public int[] Order { get; } = order;

        public int[] Starts { get; } = starts;
        public float[] NodeBounds { get; } = nodeBounds;
        public int NodeCount => Starts.Length - 1;
        public long[] NodeNumbers { get; set; } = [];

        /// <summary>For each node, the index of the node above that holds it (set when the level above is packed).</summary>
        public int[] ParentOf { get; set; } = [];

        // The level above packs these nodes, and names them by their index here.
        public long[] NodeIds() => [.. Enumerable.Range(0, NodeCount).Select(n => (long)n)];
    }

    // Sort-Tile-Recursive: sort by the first dimension's centre into slabs, each slab by the next, and so on; runs of
    // `capacity` items in the final order are the nodes.
    private static Level Pack(long[] ids, float[] bounds, int dimensions, int capacity)
    {
        var order = Enumerable.Range(0, ids.Length).ToArray();
        Tile(order, 0, order.Length, 0, dimensions, capacity, bounds);
        var nodes = Math.Max(1, (order.Length + capacity - 1) / capacity);
        var starts = new int[nodes + 1];
        for (var n = 0; n <= nodes; n++) starts[n] = Math.Min(n * capacity, order.Length);
        var nodeBounds = new float[nodes * 2 * dimensions];
        for (var n = 0; n < nodes; n++)
        {
            for (var d = 0; d < dimensions; d++)
            {
                var (min, max) = (float.PositiveInfinity, float.NegativeInfinity);
                for (var k = starts[n]; k < starts[n + 1]; k++)
                {
                    min = Math.Min(min, bounds[order[k] * 2 * dimensions + 2 * d]);
                    max = Math.Max(max, bounds[order[k] * 2 * dimensions + 2 * d + 1]);
                }
                nodeBounds[n * 2 * dimensions + 2 * d] = min;
                nodeBounds[n * 2 * dimensions + 2 * d + 1] = max;
            }
        }
        return new Level(ids, bounds, order, starts, nodeBounds);
    }

    private static void Tile(int[] order, int from, int length, int dimension, int dimensions, int capacity, float[] bounds)
    {
        var stride = 2 * dimensions;
        var keys = new float[length];
        for (var k = 0; k < length; k++)
        {
            var i = order[from + k];
            keys[k] = bounds[i * stride + 2 * dimension] / 2 + bounds[i * stride + 2 * dimension + 1] / 2;
        }
        keys.AsSpan().Sort(order.AsSpan(from, length));
        if (dimension == dimensions - 1) return;
        var nodes = (length + capacity - 1) / capacity;
        var slabs = (int)Math.Ceiling(Math.Pow(nodes, 1.0 / (dimensions - dimension)));
        var slab = capacity * (int)Math.Ceiling(nodes / (double)slabs);
        for (var start = 0; start < length; start += slab)
            Tile(order, from + start, Math.Min(slab, length - start), dimension + 1, dimensions, capacity, bounds);
    }

    // Node 1 is the root; the others are numbered from 2, level by level from the top. Each level learns its parents.
    private static void Number(List<Level> levels)
    {
        var next = 2L;
        for (var l = levels.Count - 1; l >= 0; l--)
        {
            var level = levels[l];
            level.NodeNumbers = new long[level.NodeCount];
            for (var n = 0; n < level.NodeCount; n++) level.NodeNumbers[n] = l == levels.Count - 1 ? 1 : next++;
            if (l == 0) continue;
            var below = levels[l - 1];
            below.ParentOf = new int[below.NodeCount];
            for (var n = 0; n < level.NodeCount; n++)
            {
                for (var k = level.Starts[n]; k < level.Starts[n + 1]; k++) below.ParentOf[level.Order[k]] = n;
            }
        }
    }

    private static T? Scalar<T>(SqliteConnection c, SqliteTransaction t, string sql, string? name = null)
    {
        using var command = c.CreateCommand();
        command.Transaction = t;
        command.CommandText = sql;
        if (name is not null) command.Parameters.AddWithValue("$name", name);
        var value = command.ExecuteScalar();
        return value is null or DBNull ? default : (T)value;
    }

    private static void Execute(SqliteConnection c, SqliteTransaction t, string sql)
    {
        using var command = c.CreateCommand();
        command.Transaction = t;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

