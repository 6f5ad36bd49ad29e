using LandMap.Data.Postgis;
using LandMap.Data.Sql;
using LandMap.Data.Sqlite;
using Microsoft.Data.Sqlite;

namespace LandMap.Data;

/// <summary>
/// Opens the store a <c>--db</c> value names: a PostgreSQL connection string ("Host=…;Database=…") opens PostGIS,
/// anything else is a SQLite file (a path, or "Data Source=…"). Opening migrates the schema. <see cref="OpenAsync"/> creates
/// a missing store (and the SQLite file's folder); <see cref="OpenExistingAsync"/> refuses one, so that a mistyped --db
/// fails instead of yielding an empty store.
/// </summary>
public static class ParcelStoreFactory
{
    /// <summary>True when <paramref name="db"/> is a PostgreSQL connection string.</summary>
    public static bool IsPostgres(string db) =>
        db.Contains("Host=", StringComparison.OrdinalIgnoreCase) || db.Contains("Server=", StringComparison.OrdinalIgnoreCase)
        || db.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Opens and migrates the store <paramref name="db"/> names, creating it (and a SQLite file's folder) when missing.</summary>
    /// <exception cref="StoreException">The database cannot be opened or is newer than this LandMap.</exception>
    public static Task<IParcelStore> OpenAsync(string db, CancellationToken cancellationToken = default) => OpenStoreAsync(db, create: true, cancellationToken);

    /// <summary>Opens and migrates the store <paramref name="db"/> names, which must exist: nothing is created.</summary>
    /// <exception cref="StoreException">Kind <see cref="StoreErrorKind.NotFound"/> when there is no such SQLite file or the
    /// database holds no LandMap store; the other kinds as <see cref="OpenAsync(string, CancellationToken)"/>.</exception>
    public static Task<IParcelStore> OpenExistingAsync(string db, CancellationToken cancellationToken = default) => OpenStoreAsync(db, create: false, cancellationToken);

    private static async Task<IParcelStore> OpenStoreAsync(string db, bool create, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(db);
        if (db.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
            throw new StoreException(StoreErrorKind.Unavailable, "Pass PostgreSQL as a key=value string: --db \"Host=…;Port=5432;Database=…;Username=…;Password=…\".");
        SqlParcelStore store = IsPostgres(db) ? new PostgisParcelStore(db) : OpenSqlite(db, create);
        try
        {
            await store.InitializeAsync(create, cancellationToken);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    private static SqliteParcelStore OpenSqlite(string db, bool create)
    {
        var builder = new SqliteConnectionStringBuilder(db.Contains("Data Source=", StringComparison.OrdinalIgnoreCase) ? db : "Data Source=" + db);
        var file = builder.DataSource;
        var inMemory = builder.Mode == SqliteOpenMode.Memory || file is "" or ":memory:";
        if (!inMemory && create && Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder) Directory.CreateDirectory(folder);
        if (!inMemory && !create)
        {
            if (!File.Exists(file))
                throw new StoreException(StoreErrorKind.NotFound, NoStoreMessage(db, $"There is no store file {Path.GetFullPath(file)}"));
            // An empty file is a valid, empty SQLite database; refuse it before the first connection writes a header into it.
            if (new FileInfo(file).Length == 0) throw new StoreException(StoreErrorKind.NotFound, NoStoreMessage(db, $"{db} holds no LandMap store"));
            // SQLite itself then refuses to create the file should it vanish before the connection opens.
            builder.Mode = SqliteOpenMode.ReadWrite;
        }
        return new SqliteParcelStore(builder.ToString(), db);
    }

    /// <summary>What to do when --db names no store, after <paramref name="what"/> says which.</summary>
    internal static string NoStoreMessage(string db, string what) =>
        $"{what}: pass --db the store that `landmap import` or the server wrote (the server's default is data/landmap.db), " +
        $"or create it first with `landmap import FILE... --db {(IsPostgres(db) ? "\"Host=…\"" : db)}`.";
}
