using Microsoft.Data.Sqlite;
using LandMap.Tiles.Vector;

namespace LandMap.Tiles.MbTiles;

/// <summary>
/// Writes an MBTiles 1.3 file of vector tiles. The file is built under a temporary name and moved into
/// place on <see cref="Complete"/>, so a reader never sees half a tileset and a crash leaves the old one.
/// </summary>
public sealed class MbTilesWriter : IDisposable
{
    private readonly string _path;
    private readonly string _temporaryPath;
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly SqliteCommand _insert;
    private bool _completed;

    /// <summary>Starts a tileset that will replace <paramref name="path"/>.</summary>
    public MbTilesWriter(string path)
    {
        _path = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        _temporaryPath = $"{_path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _temporaryPath, Pooling = false }.ToString());
        _connection.Open();
        Execute("""
            CREATE TABLE metadata (name TEXT, value TEXT);
            CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);
            CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);
            """);
        _transaction = _connection.BeginTransaction();
        _insert = _connection.CreateCommand();
        _insert.Transaction = _transaction;
        _insert.CommandText = "INSERT OR REPLACE INTO tiles VALUES ($z, $x, $y, $data)";
    }

    /// <summary>How many tiles were written.</summary>
    public int TileCount { get; private set; }

    /// <summary>Stores an uncompressed MVT tile (gzip-compressing it, as the format expects).</summary>
    public void WriteTile(TileAddress tile, byte[] mvt)
    {
        _insert.Parameters.Clear();
        _insert.Parameters.AddWithValue("$z", tile.Z);
        _insert.Parameters.AddWithValue("$x", tile.X);
        _insert.Parameters.AddWithValue("$y", tile.TmsY);
        _insert.Parameters.AddWithValue("$data", MvtEncoder.Gzip(mvt));
        _insert.ExecuteNonQuery();
        TileCount++;
    }

    /// <summary>Writes the metadata table, commits and moves the file into place.</summary>
    public void Complete(IReadOnlyDictionary<string, string> metadata)
    {
        using (var command = _connection.CreateCommand())
        {
            command.Transaction = _transaction;
            command.CommandText = "INSERT INTO metadata VALUES ($name, $value)";
            foreach (var (name, value) in metadata)
            {
                command.Parameters.Clear();
                command.Parameters.AddWithValue("$name", name);
                command.Parameters.AddWithValue("$value", value);
                command.ExecuteNonQuery();
            }
        }
        _transaction.Commit();
        _connection.Close();
        File.Move(_temporaryPath, _path, overwrite: true);
        _completed = true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _insert.Dispose();
        _transaction.Dispose();
        _connection.Dispose();
        if (!_completed && File.Exists(_temporaryPath)) File.Delete(_temporaryPath);
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
