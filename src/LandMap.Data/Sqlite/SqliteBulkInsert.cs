using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace LandMap.Data.Sqlite;

/// <summary>
/// One prepared INSERT run straight on the connection's SQLite handle: values bound by position, stepped, reset. It skips
/// what ADO.NET does per execution (a name lookup and a managed parameter per value, a reader per statement), which for a
/// city's import is most of the time spent. Runs inside the connection's open transaction; disposing finalizes it.
/// </summary>
internal sealed class SqliteBulkInsert : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private int _next = 1;

    public SqliteBulkInsert(SqliteConnection connection, string sql)
    {
        _db = connection.Handle!;
        var rc = raw.sqlite3_prepare_v2(_db, sql, out _statement);
        SqliteException.ThrowExceptionForRC(rc, _db);
    }

    public SqliteBulkInsert Add(long value) => Bound(raw.sqlite3_bind_int64(_statement, _next++, value));

    public SqliteBulkInsert Add(long? value) => value is { } v ? Add(v) : Null();

    public SqliteBulkInsert Add(double? value) => value is { } v ? Bound(raw.sqlite3_bind_double(_statement, _next++, v)) : Null();

    public SqliteBulkInsert Add(string? value) => value is null ? Null() : Bound(raw.sqlite3_bind_text16(_statement, _next++, value.AsSpan()));

    public SqliteBulkInsert Add(byte[]? value) => value is null ? Null() : Bound(raw.sqlite3_bind_blob(_statement, _next++, value));

    /// <summary>As Microsoft.Data.Sqlite writes a DateTime, so its reader parses it back the same.</summary>
    public SqliteBulkInsert Add(DateTime value) => Add(value.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture));

    /// <summary>
    /// Binds the parameters from position <paramref name="first"/> on once, for every row: SQLite keeps a binding across
    /// resets until it is replaced, so the rows bind only the positions before it.
    /// </summary>
    public SqliteBulkInsert Constants(int first, Action<SqliteBulkInsert> bind)
    {
        _next = first;
        bind(this);
        _next = 1;
        return this;
    }

    /// <summary>Inserts the row bound since the last call and readies the statement for the next.</summary>
    public void Step()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, _db);
        raw.sqlite3_reset(_statement);
        _next = 1;
    }

    public void Dispose() => _statement.Dispose();

    private SqliteBulkInsert Null() => Bound(raw.sqlite3_bind_null(_statement, _next++));

    private SqliteBulkInsert Bound(int rc)
    {
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, _db);
        return this;
    }
}
