using System.CommandLine;
using System.Globalization;
using LandMap.Cli.Storage;
using LandMap.Core.Conflicts;
using LandMap.Core.Layers;
using LandMap.Data.Conflicts;
using Spectre.Console;

namespace LandMap.Cli.Conflicts;

/// <summary>
/// <c>landmap conflicts --db DB [--plan-year Y] [--district D] [--kind K] --format table|csv|xlsx [--out PATH]</c>: the
/// conflicts the store keeps for each parcel's current outline, as <c>GET /api/conflicts</c> gives them.
/// </summary>
internal static class ConflictsCommand
{
    public static Command Create()
    {
        var db = StoreOptions.Db();
        var planYear = new Option<int?>("--plan-year") { Description = "计划年度，如 2023" };
        var district = new Option<string?>("--district") { Description = "区县，如 卫东区" };
        var kind = new Option<string?>("--kind") { Description = "图层类型: " + string.Join(" | ", ConflictCheckOp.CheckedKinds.Select(k => k.Name())) };
        kind.AcceptOnlyFromAmong([.. ConflictCheckOp.CheckedKinds.Select(k => k.Name())]);
        var format = new Option<string>("--format") { Description = "输出格式: table | csv | xlsx", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv", "xlsx");
        var output = new Option<string?>("--out") { Description = "输出文件（csv 默认写到标准输出；xlsx 必须给出）" };
        var command = new Command("conflicts", "地块与永久基本农田、生态保护红线、城镇开发边界、三调、宗地图层的冲突 (parcel conflicts with the bureau's layers)")
        {
            db, planYear, district, kind, format, output,
        };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(db)!, parse.GetValue(planYear), parse.GetValue(district), parse.GetValue(kind),
            parse.GetValue(format)!, parse.GetValue(output), ct));
        return command;
    }

    private static async Task<int> RunAsync(string db, int? planYear, string? district, string? kind, string format, string? output, CancellationToken ct)
    {
        if (format == "xlsx" && output is null)
        {
            Console.Error.WriteLine("landmap: error: --format xlsx needs --out PATH (a workbook is not written to the terminal).");
            return 1;
        }
        return await StoreOptions.RunAsync(db, async store =>
        {
            var rows = await ConflictRows.ReadAsync(store, planYear, district, kind is null ? null : LayerKinds.Parse(kind), ct);
            var layers = await Data.Layers.ILayerStore.Of(store).ListLayersAsync(ct);
            var checkedLayers = layers.Where(l => ConflictCheckOp.CheckedKinds.Contains(l.Kind)).Select(l => $"{l.Name}（{l.Kind.Name()}）").ToList();
            var scope = $"{district ?? "全部区县"} {(planYear is { } y ? $"{y} 年计划" : "全部计划年度")}";
            if (format == "table")
            {
                WriteTable(rows, scope, checkedLayers);
                return 0;
            }
            var notes = new List<string>
            {
                $"LandMap 地块冲突：{scope}，导出于 {DateTime.Now.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}",
                checkedLayers.Count == 0 ? "数据库中没有可检查的图层（landmap layer import）" : "检查的图层：" + string.Join("、", checkedLayers),
                "面积按地块所在 CGCS2000 3 度带高斯-克吕格投影计算；城镇开发边界为地块超出边界的部分",
            };
            var sheet = ConflictRows.Sheet(rows, notes);
            await using var stream = output is null ? Console.OpenStandardOutput() : File.Create(output);
            if (format == "csv") await sheet.WriteCsvAsync(stream, ct);
            else await sheet.WriteXlsxAsync(stream, ct);
            if (output is not null) Console.Error.WriteLine($"{rows.Count} 条冲突写入 {output}");
            return 0;
        });
    }

    private static void WriteTable(IReadOnlyList<ConflictRecord> rows, string scope, IReadOnlyList<string> checkedLayers)
    {
        var console = CliConsole.Create();
        var table = new Table().Title($"{scope} 地块冲突").AddColumns("编号", "名称", "图层", "冲突", "图斑/编号");
        foreach (var r in rows)
            table.AddRow(Cell(r.PublicId.ToString(CultureInfo.InvariantCulture)), Cell(r.Name), Cell(r.Conflict.Layer), Cell(ConflictText.Phrase(r.Conflict) ?? ""),
                Cell(string.Join("、", r.Conflict.Features.Take(5)) + (r.Conflict.FeatureCount > 5 ? $" 等 {r.Conflict.FeatureCount} 个" : "")));
        console.Write(table);
        console.WriteLine(checkedLayers.Count == 0
            ? "数据库中没有可检查的图层：先用 landmap layer import 导入永久基本农田、生态保护红线、城镇开发边界、三调或宗地图层。"
            : $"{rows.Count} 条冲突，共 {rows.Sum(r => r.Conflict.ConflictMu).ToString("0.00", CultureInfo.InvariantCulture)} 亩；检查的图层：{string.Join("、", checkedLayers)}");
    }

    private static Markup Cell(string text) => new(Markup.Escape(text));
}
