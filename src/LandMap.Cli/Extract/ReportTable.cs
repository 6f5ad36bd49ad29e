using System.Globalization;
using LandMap.Core.Reports;
using Spectre.Console;

namespace LandMap.Cli.Extract;

/// <summary>The human-readable form of <c>landmap extract</c>: one block of tables per report.</summary>
internal static class ReportTable
{
    public static void Write(IReadOnlyList<ExtractedReport> reports)
    {
        var console = CliConsole.Create();

        foreach (var report in reports)
        {
            console.Write(new Rule($"[bold]{Markup.Escape(report.File)}[/]  {Markup.Escape(report.District ?? "?")}  回顾 {report.ReviewYear} / 计划 {report.PlanYear}  ({report.Encoding})").LeftJustified());
            if (report.LandEntries.Count > 0) console.Write(LandTable(report));
            if (report.Projects.Count > 0) console.Write(ProjectTable(report));
            if (report.Indicators.Count > 0) console.Write(IndicatorTable(report));
            foreach (var warning in report.Warnings) console.MarkupLineInterpolated($"[yellow]警告[/] {warning}");
            console.WriteLine();
        }
    }

    private static Table LandTable(ExtractedReport report)
    {
        var column = report.LandColumn;
        var table = new Table().Title($"{column?.Title} 声明 {column?.DeclaredCount?.ToString() ?? "-"} / 提取 {report.LandEntries.Count}")
            .AddColumns("序号", "名称", "位置", "面积(亩)", "子地块", "四至", "行");
        foreach (var e in report.LandEntries)
        {
            table.AddRow(
                Cell(e.Seq.ToString(CultureInfo.InvariantCulture)),
                Cell(e.Name),
                Cell(e.Location),
                Cell(e.AreaMu is { } a ? (e.Approx ? "约" : "") + a.ToString("0.####", CultureInfo.InvariantCulture) : "—"),
                Cell(string.Join("；", e.Parts.Select(p => $"{p.Label} {p.AreaMu:0.##}"))),
                Cell(e.Bounds is { } b ? $"西:{b.West} 东:{b.East} 南:{b.South} 北:{b.North}" : ""),
                Cell(e.Source.Line.ToString(CultureInfo.InvariantCulture)));
        }
        return table;
    }

    private static Table ProjectTable(ExtractedReport report)
    {
        var table = new Table().Title("重点项目进度").AddColumns("项目", "分期", "阶段", "原文", "目标", "投资(亿元)", "行");
        foreach (var p in report.Projects)
        {
            table.AddRow(
                Cell(p.Name),
                Cell(p.Phase),
                Cell(p.Stage is { } s ? ProjectStageNames.Chinese(s) : null),
                Cell(p.StageText),
                Cell(p.Target ? "是" : ""),
                Cell(p.InvestmentYi?.ToString("0.##", CultureInfo.InvariantCulture)),
                Cell(p.Source.Line.ToString(CultureInfo.InvariantCulture)));
        }
        return table;
    }

    private static Table IndicatorTable(ExtractedReport report)
    {
        var table = new Table().Title("主要指标").AddColumns("类别", "指标", "单位", "数值");
        foreach (var i in report.Indicators)
        {
            var values = string.Join("；", i.Values.Select(v => $"{v.Year}{KindLabel(v.Kind)}{(v.Measure == "growth" ? "增长" : "")} {v.Text}"));
            table.AddRow(Cell(i.Category), Cell(i.Name), Cell(i.Unit), Cell(values));
        }
        return table;
    }

    private static string KindLabel(string kind) => kind switch
    {
        "plan" => "计划",
        "actual" => "完成",
        _ => "预计",
    };

    private static Markup Cell(string? text) => new(Markup.Escape(text ?? ""));
}
