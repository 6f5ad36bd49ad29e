using CsCheck;
using LandMap.Data.Sqlite;
using Microsoft.Data.Sqlite;

namespace LandMap.Data.Tests;

/// <summary>
/// A packed R*Tree (<see cref="SqliteRtreePack"/>) against the same rows inserted by SQLite itself: SQLite's own
/// <c>rtreecheck()</c> finds it sound, it holds exactly the values SQLite stores, answers every box query alike, and stays
/// sound when SQLite inserts into it and deletes from it afterwards.
/// </summary>
public sealed class SqliteRtreePackTests
{
    private static readonly Gen<double> Coordinate = Gen.Frequency(
        (6, Gen.Double[-180, 180]),
        (1, Gen.OneOf(Gen.Const(0.0), Gen.Const(-1e-9), Gen.Const(113.30000000000001), Gen.Const(33.7))),
        (1, Gen.Double[-1e7, 1e7]));

    private static readonly Gen<double[]> Box = Gen.Select(Coordinate, Coordinate, Coordinate, Gen.Double[0, 2], Gen.Double[0, 2], Gen.Double[1, 500])
        .Select((x, y, a, w, h, area) => new[] { x, x + w, y, y + h, area, area });

    [Fact]
    public void APackedTreeIsTheTreeSqliteBuilds() =>
        Gen.Select(Box.Array[0, 2500], Box.Array[1, 20], Gen.Int[2, 3], Gen.Int[0, 40], Gen.OneOf(Gen.Const(512), Gen.Const(4096)))
            .Sample((rows, queries, dimensions, changes, pageSize) =>
        {
            using var c = new SqliteConnection("Data Source=:memory:");
            c.Open();
            // 512-byte pages hold 13–18 cells a node: trees of three and four levels from a few thousand rows.
            Execute(c, null, $"PRAGMA page_size = {pageSize}");
            var columns = dimensions == 2 ? "id, min_x, max_x, min_y, max_y" : "id, min_x, max_x, min_y, max_y, min_a, max_a";
            Execute(c, null, $"CREATE VIRTUAL TABLE packed USING rtree ({columns}); CREATE VIRTUAL TABLE inserted USING rtree ({columns})");
            using (var t = c.BeginTransaction())
            {
                var entries = new SqliteRtreePack.Entries(dimensions);
                for (var i = 0; i < rows.Length; i++)
                {
                    entries.Add(10 + 3L * i, rows[i].AsSpan(0, 2 * dimensions));
                    Insert(c, t, "inserted", 10 + 3L * i, rows[i], dimensions);
                }
                SqliteRtreePack.Rebuild(c, t, "packed", entries, CancellationToken.None);
                t.Commit();
            }
            Assert.Equal("ok", Scalar(c, "SELECT rtreecheck('packed')"));
            if (pageSize == 512 && rows.Length > 400)
                Assert.True(Convert.ToInt32(Scalar(c, "SELECT hex(substr(data, 1, 2)) FROM packed_node WHERE nodeno = 1"), 16) >= 2, "a tree of three levels or more");
            Assert.Equal(Content(c, "inserted"), Content(c, "packed"));
            foreach (var q in queries) Assert.Equal(Query(c, "inserted", q), Query(c, "packed", q));

            // SQLite's own inserts and deletes on the packed tree (full nodes split, emptied ones go).
            for (var k = 0; k < changes; k++)
            {
                var row = queries[k % queries.Length];
                foreach (var tree in new[] { "packed", "inserted" })
                {
                    Insert(c, null, tree, 1_000_000 + k, row, dimensions);
                    if (rows.Length > 0) Execute(c, null, $"DELETE FROM {tree} WHERE id = {10 + 3L * (k * 7919 % rows.Length)}");
                }
            }
            Assert.Equal("ok", Scalar(c, "SELECT rtreecheck('packed')"));
            Assert.Equal(Content(c, "inserted"), Content(c, "packed"));
            foreach (var q in queries) Assert.Equal(Query(c, "inserted", q), Query(c, "packed", q));
        }, iter: 60);

    [Fact]
    public void ABoxWhoseMinimumIsAboveItsMaximumIsRefusedAsSqliteRefusesIt()
    {
        var entries = new SqliteRtreePack.Entries(2);
        var refused = Assert.Throws<ArgumentException>(() => entries.Add(7, [113.3, 113.2, 33.7, 33.8]));
        Assert.Contains("row 7", refused.Message);
        Assert.Throws<ArgumentException>(() => entries.Add(8, [113.2, 113.3, 33.7]));
        entries.Add(9, [113.2, 113.3, 33.7, 33.8]);
        Assert.Throws<ArgumentException>(() => entries.Add(9, [113.2, 113.3, 33.7, 33.8]));
    }

    [Fact]
    public void AnEntryListOfOtherDimensionsThanTheTreeIsRefused()
    {
        using var c = new SqliteConnection("Data Source=:memory:");
        c.Open();
        Execute(c, null, "CREATE VIRTUAL TABLE tree USING rtree (id, min_x, max_x, min_y, max_y)");
        using var t = c.BeginTransaction();
        var entries = new SqliteRtreePack.Entries(3);
        entries.Add(1, [0, 1, 0, 1, 5, 5]);
        Assert.Throws<ArgumentException>(() => SqliteRtreePack.Rebuild(c, t, "tree", entries, CancellationToken.None));
    }

    private static void Insert(SqliteConnection c, SqliteTransaction? t, string tree, long id, double[] box, int dimensions)
    {
        using var command = c.CreateCommand();
        command.Transaction = t;
        command.CommandText = dimensions == 2 ? $"INSERT INTO {tree} VALUES ($id, $a, $b, $c, $d)" : $"INSERT INTO {tree} VALUES ($id, $a, $b, $c, $d, $e, $f)";
        command.Parameters.AddWithValue("$id", id);
        for (var i = 0; i < 2 * dimensions; i++) command.Parameters.AddWithValue("$" + (char)('a' + i), box[i]);
        command.ExecuteNonQuery();
    }

    // Every row as the tree returns it (its float32 bounds), in id order.
    private static List<string> Content(SqliteConnection c, string tree)
    {
        using var command = c.CreateCommand();
        command.CommandText = $"SELECT * FROM {tree} ORDER BY id";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read()) rows.Add(string.Join(' ', Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i).ToString())));
        return rows;
    }

    private static List<long> Query(SqliteConnection c, string tree, double[] box)
    {
        using var command = c.CreateCommand();
        command.CommandText = $"SELECT id FROM {tree} WHERE max_x >= $x0 AND min_x <= $x1 AND max_y >= $y0 AND min_y <= $y1 ORDER BY id";
        command.Parameters.AddWithValue("$x0", box[0] - 1);
        command.Parameters.AddWithValue("$x1", box[1] + 1);
        command.Parameters.AddWithValue("$y0", box[2] - 1);
        command.Parameters.AddWithValue("$y1", box[3] + 1);
        using var reader = command.ExecuteReader();
        var ids = new List<long>();
        while (reader.Read()) ids.Add(reader.GetInt64(0));
        return ids;
    }

    private static string? Scalar(SqliteConnection c, string sql)
    {
        using var command = c.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar()?.ToString();
    }

    private static void Execute(SqliteConnection c, SqliteTransaction? t, string sql)
    {
        using var command = c.CreateCommand();
        command.Transaction = t;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
