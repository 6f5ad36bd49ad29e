using System.CommandLine;
using LandMap.Core.Gazetteer.Registry;
using LandMap.Core.Reports;

namespace LandMap.Cli.Extract;

/// <summary><c>landmap extract FILE... [--gazetteer DIR] [--format json|table]</c>.</summary>
internal static class ExtractCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE") { Description = "报告文件 (.txt/.md UTF-8/UTF-16/GBK, .docx, .pdf)", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string>("--format") { Description = "输出格式: json | table", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "table");
        // Only the folder's district registry is read: a report names its district from it (districts imported there too).
        var gazetteer = new Option<string?>("--gazetteer") { Description = "地名库目录，读取其区县登记 (registry.csv; default: the shipped registry of 河南省)" };

        var command = new Command("extract", "提取用地保障重点项目、重点项目进度和指标表 (extract entries, projects, indicators)") { files, gazetteer, format };
        command.SetAction(parse => Run(parse.GetValue(files)!, parse.GetValue(gazetteer), parse.GetValue(format)!));
        return command;
    }

    /// <summary>Extracts every file; a file that fails is reported on stderr and the others still run.</summary>
    /// <returns>0 when every file was read, 1 when any failed.</returns>
    public static int Run(IReadOnlyList<string> paths, string? gazetteerDir, string format)
    {
        DistrictRegistry? registry = null;
        if (gazetteerDir is not null)
        {
            if (GazetteerFolder.Find(gazetteerDir) is not { } folder) return 1;
            try
            {
                registry = DistrictRegistry.ForFolder(folder);
            }
            catch (InvalidDataException e)
            {
                Console.Error.WriteLine($"landmap: error: {e.Message}");
                return 1;
            }
        }
        var (reports, failed) = ReportFiles.Extract(paths, registry);

        if (format == "table") ReportTable.Write(reports);
        else Console.Out.WriteLine(ReportJson.Serialize(reports));
        return failed == 0 ? 0 : 1;
    }
}
