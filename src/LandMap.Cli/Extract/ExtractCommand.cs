using System.CommandLine;
using LandMap.Core.Reports;

namespace LandMap.Cli.Extract;

/// <summary><c>landmap extract FILE... [--format json|table]</c>.</summary>
internal static class ExtractCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE") { Description = "报告文件 (.txt/.md UTF-8/UTF-16/GBK, .docx, .pdf)", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string>("--format") { Description = "输出格式: json | table", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "table");

        var command = new Command("extract", "提取用地保障重点项目、重点项目进度和指标表 (extract entries, projects, indicators)") { files, format };
        command.SetAction(parse => Run(parse.GetValue(files)!, parse.GetValue(format)!));
        return command;
    }

    /// <summary>Extracts every file; a file that fails is reported on stderr and the others still run.</summary>
    /// <returns>0 when every file was read, 1 when any failed.</returns>
    public static int Run(IReadOnlyList<string> paths, string format)
    {
        var (reports, failed) = ReportFiles.Extract(paths);

        if (format == "table") ReportTable.Write(reports);
        else Console.Out.WriteLine(ReportJson.Serialize(reports));
        return failed == 0 ? 0 : 1;
    }
}
