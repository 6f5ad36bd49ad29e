using LandMap.Data.Sqlite;
using Microsoft.Data.Sqlite;

namespace LandMap.Data.Tests;

/// <summary>Values through <see cref="SqliteBulkInsert"/> come back as they went in, empty ones and constants included.</summary>
public sealed class SqliteBulkInsertTests
{
    [Fact]
    public void EmptyTextAndBlobsStayEmptyNotNull()
    {
        using var c = Open("CREATE TABLE t (s TEXT NOT NULL, b BLOB NOT NULL, u TEXT)");
        using (var insert = new SqliteBulkInsert(c, "INSERT INTO t (s, b, u) VALUES (?, ?, ?)"))
        {
            insert.Add("").Add(Array.Empty<byte>()).Add("𠀀卫东区 \"'").Step();
        }
        Assert.Equal(["text|0|blob|0|𠀀卫东区 \"'"], Rows(c, "SELECT typeof(s) || '|' || length(s) || '|' || typeof(b) || '|' || length(b) || '|' || u FROM t"));
    }

    [Fact]
    public void ConstantsAreBoundOnceForEveryRow()
    {
        using var c = Open("CREATE TABLE t (id INTEGER, name TEXT, report INTEGER, by TEXT)");
        using (var insert = new SqliteBulkInsert(c, "INSERT INTO t (id, name, report, by) VALUES (?, ?, ?, ?)").Constants(3, s => s.Add(7L).Add("geocoder")))
        {
            insert.Add(1L).Add("甲").Step();
            insert.Add(2L).Add("乙").Step();
        }
        Assert.Equal(["1 甲 7 geocoder", "2 乙 7 geocoder"], Rows(c, "SELECT id || ' ' || name || ' ' || report || ' ' || by FROM t ORDER BY id"));
    }

    private static SqliteConnection Open(string ddl)
    {
        var c = new SqliteConnection("Data Source=:memory:");
        c.Open();
        using var command = c.CreateCommand();
        command.CommandText = ddl;
        command.ExecuteNonQuery();
        return c;
    }

    private static List<string> Rows(SqliteConnection c, string sql)
    {
        using var command = c.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read()) rows.Add(reader.GetString(0));
        return rows;
    }
}
