using LandMap.Data.Postgis;
using LandMap.Data.Sql;
using LandMap.Data.Sqlite;

namespace LandMap.Data;

/// <summary>
/// Opens the store a <c>--db</c> value names: a PostgreSQL connection string ("Host=…;Database=…") opens PostGIS,
/// anything else is a SQLite file (a path, or "Data Source=…"). Opening migrates the schema.
/// </summary>
public static class ParcelStoreFactory
{
    /// <summary>True when <paramref name="db"/> is a PostgreSQL connection string.</summary>
    public static bool IsPostgres(string db) =>
        db.Contains("Host=", StringComparison.OrdinalIgnoreCase) || db.Contains("Server=", StringComparison.OrdinalIgnoreCase)
        || db.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Opens and migrates the store <paramref name="db"/> names.</summary>
    /// <exception cref="StoreException">The database cannot be opened or is newer than this LandMap.</exception>
    public static async Task<IParcelStore> OpenAsync(string db, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(db);
        if (db.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
            throw new StoreException(StoreErrorKind.Unavailable, "Pass PostgreSQL as a key=value string: --db \"Host=…;Port=5432;Database=…;Username=…;Password=…\".");
        SqlParcelStore store = IsPostgres(db)
            ? new PostgisParcelStore(db)
            : db.Contains("Data Source=", StringComparison.OrdinalIgnoreCase) ? new SqliteParcelStore(db, db) : new SqliteParcelStore("Data Source=" + db, db);
        try
        {
            await store.InitializeAsync(cancellationToken);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }
}
