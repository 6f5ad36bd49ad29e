using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using LandMap.Cli.Storage;
using LandMap.Core.Gazetteer;
using LandMap.Core.Geocoding;
using LandMap.Core.Linking;
using LandMap.Core.Reports;
using LandMap.Data.Review;
using Spectre.Console;

namespace LandMap.Cli.Diff;

/// <summary>
/// <c>landmap diff --from 2021 --to 2023 [--district 卫东区] [--db landmap.db] [--format table|json] [FILE...]</c>. With
/// <c>--db</c> the reviewers' link decisions in that store are applied, so the table matches <c>GET /api/plans/diff</c>.
/// </summary>
internal static class DiffCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE") { Description = "报告文件（默认 gis-data/reports 下全部）", Arity = ArgumentArity.ZeroOrMore };
        var from = new Option<int>("--from") { Description = "较早的计划年度", Required = true };
        var to = new Option<int>("--to") { Description = "较晚的计划年度", Required = true };
        var district = new Option<string?>("--district") { Description = "区县，如 卫东区" };
        var format = new Option<string>("--format") { Description = "输出格式: table | json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var db = new Option<string?>("--db") { Description = "应用该数据库中审核员确认或断开的关联（SQLite 文件或 PostgreSQL 连接串）" };
        var command = new Command("diff", "比较两个计划年度的用地保障项目：延续、新增、取消 (compare two plan years)") { files, from, to, district, db, format };
        command.SetAction((parse, _) => RunAsync(parse.GetValue(files) ?? [], parse.GetValue(from), parse.GetValue(to), parse.GetValue(district),
            parse.GetValue(db), parse.GetValue(format)!));
        return command;
    }

    private static async Task<int> RunAsync(IReadOnlyList<string> paths, int fromYear, int toYear, string? district, string? db, string format)
    {
        IReadOnlyList<LinkDecision> decisions = [];
        if (db is not null && await StoreOptions.RunAsync(db, async store =>
            {
                decisions = await IReviewStore.Of(store).ListLinkDecisionsAsync();
                return 0;
            }) != 0) return 1;
        if (paths.Count == 0)
        {
            if (DataPaths.Reports is not { } shipped)
            {
                Console.Error.WriteLine($"landmap: error: no report FILE given and no gis-data/reports found (looked for {DataPaths.Searched}); pass the report files.");
                return 1;
            }
            paths = [.. Directory.GetFiles(shipped).Order()];
        }
        var (reports, failed) = ReportFiles.Extract(paths);
        var planYears = PlanComparer.PlanYears(reports, district);
        if ((PlanComparer.MissingYear(fromYear, planYears, district) ?? PlanComparer.MissingYear(toYear, planYears, district)) is { } missing)
        {
            Console.Error.WriteLine($"landmap: error: {missing}");
            return 1;
        }
        if (GazetteerFolder.Load(null) is not { } gazetteer) return 1;
        var diff = PlanComparer.Compare(reports, new ParcelGeocoder(gazetteer).GeocodeAll(reports), fromYear, toYear, district, decisions);
        if (format == "json") Console.Out.WriteLine(JsonSerializer.Serialize(diff, ReportJson.Options));
        else WriteTable(diff);
        return failed == 0 ? 0 : 1;
    }

    private static void WriteTable(PlanDiff diff)
    {
        var console = CliConsole.Create();
        var table = new Table().Title($"{diff.District ?? "全部区县"} {diff.FromYear} → {diff.ToYear} 年用地保障项目对比")
            .AddColumns("类别", $"{diff.FromYear} 年", $"{diff.ToYear} 年", "得分", "依据");
        foreach (var e in diff.Entries)
        {
            table.AddRow(
                Cell(e.Class switch { "carried" => "延续", "new" => "新增", _ => "取消" }),
                Cell(e.From is { } f ? $"{f.Seq} {f.Name}" : ""),
                Cell(e.To is { } t ? $"{t.Seq} {t.Name}" : ""),
                Cell(e.Score?.ToString("0.00", CultureInfo.InvariantCulture) ?? ""),
                Cell(string.Join("；", e.Reasons)));
        }
        console.Write(table);
        console.WriteLine($"延续 {diff.Entries.Count(e => e.Class == "carried")}，新增 {diff.Entries.Count(e => e.Class == "new")}，取消 {diff.Entries.Count(e => e.Class == "dropped")}");
        foreach (var d in diff.BrokenLinks)
            console.WriteLine($"已断开：{d.From.PlanYear} 年第 {d.From.Seq} 项 {d.From.Name} ↛ {d.To.PlanYear} 年第 {d.To.Seq} 项 {d.To.Name}（{d.DecidedBy}）");
        foreach (var i in diff.IgnoredDecisions)
            console.WriteLine($"未应用 {i.Decision.DecidedBy} 的决定（{i.Decision.From.Seq} → {i.Decision.To.Seq}）：{i.Reason}");
    }

    private static Markup Cell(string text) => new(Markup.Escape(text));
}
