using LandMap.Core.Gazetteer.Import;
using Spectre.Console;

namespace LandMap.Cli.Gazetteer;

/// <summary>The summary printed after <c>gazetteer import</c>: read per kind, replaced sketch features, new features.</summary>
internal static class ImportSummary
{
    private const int MaxNamesListed = 30;

    public static void Write(GazetteerImportResult result, bool dryRun)
    {
        var console = CliConsole.Create();

        var encoding = result.Encoding is null ? "" : $", text {result.Encoding}";
        console.MarkupLineInterpolated($"[bold]{result.File}[/] ({result.Format}{encoding})");
        var table = new Table().AddColumns("kind 类型", "read 读取").Title("features read");
        foreach (var (kind, count) in result.ReadPerKind.OrderBy(k => k.Key))
        {
            table.AddRow(kind.ToString().ToLowerInvariant(), count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        console.Write(table);
        console.MarkupLineInterpolated($"{result.Features.Count} feature(s) after merging parts with the same name, kind and district; {result.Unnamed} unnamed skipped.");
        if (dryRun)
        {
            console.MarkupLine("dry run: nothing written.");
            return;
        }

        console.MarkupLineInterpolated($"replaced {result.Replaced.Count} sketch feature(s): {Names(result.Replaced.Select(o => $"{o.Replaced} from {o.Replaced.File}"))}");
        console.MarkupLineInterpolated($"new {result.Added.Count} feature(s): {Names(result.Added.Select(f => f.ToString()))}");
        console.MarkupLineInterpolated($"written: {result.OutputPath}");
    }

    private static string Names(IEnumerable<string> names)
    {
        var list = names.ToList();
        var shown = string.Join("、", list.Take(MaxNamesListed));
        return list.Count > MaxNamesListed ? $"{shown} … (+{list.Count - MaxNamesListed})" : shown;
    }
}
