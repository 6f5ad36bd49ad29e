using System.CommandLine;
using LandMap.Server.Hosting;
using Microsoft.Extensions.Hosting;

namespace LandMap.Cli.Serve;

/// <summary><c>landmap serve [--port P] [--db DB]</c>: the map server of LandMap.Server, with the same options as <c>dotnet run --project src/LandMap.Server</c>.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var port = new Option<int?>("--port") { Description = "本机端口 (默认 5180；0 为任选空闲端口)" };
        port.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is < 0 or > 65535) r.AddError("--port must be 0 to 65535.");
        });
        var db = new Option<string?>("--db") { Description = "数据库：SQLite 文件 (默认 data/landmap.db) 或 PostgreSQL 连接串 \"Host=…;Database=…\"" };
        var command = new Command("serve", "启动离线地图服务 (http://127.0.0.1:端口/) (serve the map on loopback)") { port, db };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var args = new List<string>();
            if (parse.GetValue(port) is { } p) args.AddRange(["--port", p.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            if (parse.GetValue(db) is { } database) args.AddRange(["--db", database]);
            var app = LandMapServer.Build([.. args]);
            await app.StartAsync(cancellationToken);
            await app.WaitForShutdownAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}
