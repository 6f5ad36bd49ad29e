using Microsoft.Data.Sqlite;
using LandMap.Tiles.Vector;

namespace LandMap.Tiles.MbTiles;

/// <summary>
/// Reads an MBTiles 1.3 file (SQLite: <c>metadata(name, value)</c>, <c>tiles(zoom_level, tile_column,
/// tile_row, tile_data)</c> with TMS rows and gzip-compressed PBF). Opened read-only and shared; each
/// read takes its own pooled connection, so concurrent requests do not serialise on one handle.
/// </summary>
public sealed class MbTilesFile
{
    private readonly string _connectionString;

    /// <summary>Opens <paramref name="path"/>; throws <see cref="FileNotFoundException"/> when it is missing.</summary>
    public MbTilesFile(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"MBTiles file not found: {path}", path);
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = true }.ToString();
        Metadata = ReadMetadataFrom(_connectionString);
    }

    /// <summary>
    /// The metadata of <paramref name="path"/>, read without a pooled connection: a caller that may replace the file next
    /// (a stale basemap) must leave no pooled handle on the old one.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ReadMetadata(string path) =>
        ReadMetadataFrom(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());

    /// <summary>The file's path.</summary>
    public string Path { get; }

    /// <summary>The metadata table (name → value): format, minzoom, maxzoom, bounds, json, …</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The stored (gzip-compressed) tile bytes, or null when the file holds no such tile.</summary>
    public byte[]? ReadTile(TileAddress tile)
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT tile_data FROM tiles WHERE zoom_level = $z AND tile_column = $x AND tile_row = $y";
        command.Parameters.AddWithValue("$z", tile.Z);
        command.Parameters.AddWithValue("$x", tile.X);
        command.Parameters.AddWithValue("$y", tile.TmsY);
        return command.ExecuteScalar() as byte[];
    }

    private static Dictionary<string, string> ReadMetadataFrom(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, value FROM metadata";
        using var reader = command.ExecuteReader();
        var metadata = new Dictionary<string, string>();
        while (reader.Read()) metadata[reader.GetString(0)] = reader.GetString(1);
        return metadata;
    }
}
