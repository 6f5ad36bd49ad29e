using System.CommandLine;

namespace LandMap.Cli.Storage;

/// <summary><c>landmap backup --db DB --out FILE</c>: a consistent copy of a SQLite store; pg_dump guidance for PostGIS.</summary>
internal static class BackupCommand
{
    public static Command Create()
    {
        var db = StoreOptions.Db();
        var output = new Option<string>("--out") { Description = "备份文件（不得已存在）", Required = true };
        var command = new Command("backup", "在线备份数据库 (back up the store while it stays in use)") { db, output };
        command.SetAction((parse, _) => StoreOptions.RunAsync(parse.GetValue(db)!, async store =>
        {
            var result = await store.BackupAsync(parse.GetValue(output)!);
            (result.Succeeded ? Console.Out : Console.Error).WriteLine(result.Succeeded ? result.Message : $"landmap: error: {result.Message}");
            return result.Succeeded ? 0 : 1;
        }));
        return command;
    }
}
