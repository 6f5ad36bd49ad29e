using System.CommandLine;
using LandMap.Data;

namespace LandMap.Cli.Storage;

/// <summary>The --db option every storage command shares, and the one place store errors become exit codes.</summary>
internal static class StoreOptions
{
    public static Option<string> Db() => new("--db")
    {
        Description = "数据库：SQLite 文件（landmap.db）或 PostgreSQL 连接串（\"Host=…;Database=…;Username=…;Password=…\"）",
        DefaultValueFactory = _ => "landmap.db",
    };

    /// <summary>
    /// Opens the existing store and runs <paramref name="work"/>; a <see cref="StoreException"/> (a missing or empty store
    /// among them) becomes one line on stderr and exit code 1. Only <c>import</c> and <c>user add</c> may
    /// <paramref name="create"/> a store: any other command given a mistyped --db would otherwise work on a new, empty one.
    /// </summary>
    public static async Task<int> RunAsync(string db, Func<IParcelStore, Task<int>> work, bool create = false)
    {
        try
        {
            await using var store = create ? await ParcelStoreFactory.OpenAsync(db) : await ParcelStoreFactory.OpenExistingAsync(db);
            return await work(store);
        }
        catch (StoreException e)
        {
            Console.Error.WriteLine($"landmap: error: {e.Message}");
            return 1;
        }
    }
}
