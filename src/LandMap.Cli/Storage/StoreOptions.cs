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

    /// <summary>Opens the store and runs <paramref name="work"/>; a <see cref="StoreException"/> becomes one line on stderr and exit code 1.</summary>
    public static async Task<int> RunAsync(string db, Func<IParcelStore, Task<int>> work)
    {
        try
        {
            await using var store = await ParcelStoreFactory.OpenAsync(db);
            return await work(store);
        }
        catch (StoreException e)
        {
            Console.Error.WriteLine($"landmap: error: {e.Message}");
            return 1;
        }
    }
}
