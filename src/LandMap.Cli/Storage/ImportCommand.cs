using System.CommandLine;
using System.Globalization;
using LandMap.Core.Gazetteer;
using LandMap.Data;
using LandMap.Data.Import;
using Spectre.Console;

namespace LandMap.Cli.Storage;

/// <summary>
/// <c>landmap import FILE... --db DB [--gazetteer DIR] [--one-transaction]</c>: extract, geocode and store, one transaction
/// per report, or all reports in one (all or none; a city's first load, whose spatial indexes are then built once).
/// </summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE") { Description = "报告文件", Arity = ArgumentArity.OneOrMore };
        var db = StoreOptions.Db();
        var gazetteer = new Option<string?>("--gazetteer") { Description = "地名库目录（默认 gis-data/gazetteer）" };
        var oneTransaction = new Option<bool>("--one-transaction") { Description = "全部报告一个事务：全部入库或全不入库（首次批量导入更快）" };
        var command = new Command("import", "提取、定位并入库，每份报告一个事务 (import reports into the store)") { files, db, gazetteer, oneTransaction };
        command.SetAction((parse, _) => Run(parse.GetValue(files)!, parse.GetValue(db)!, parse.GetValue(gazetteer), parse.GetValue(oneTransaction)));
        return command;
    }

    private static async Task<int> Run(string[] paths, string db, string? gazetteerDir, bool oneTransaction)
    {
        if (GazetteerFolder.Load(gazetteerDir) is not { } gazetteer) return 1;
        return await StoreOptions.RunAsync(db, async store =>
        {
            var results = await WithProgressBar(paths.Length, oneTransaction, (progress, handed) =>
                new ReportImporter(store, gazetteer) { OneTransaction = oneTransaction, Handed = handed }.ImportFilesAsync(paths, progress));
            var failed = results.Count(r => r.Error is not null);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"import done files={results.Count} imported={results.Count(r => r.Outcome?.Status == ImportStatus.Imported)} " +
                $"superseded={results.Count(r => r.Outcome?.Status == ImportStatus.Superseded)} unchanged={results.Count(r => r.Outcome?.Status == ImportStatus.Unchanged)} failed={failed} db={store.Backend}"));
            return failed == 0 ? 0 : 1;
        }, create: true);
    }

    /// <summary>One structured line per file: key=value pairs a script can split; errors go to stderr naming the file.</summary>
    private static void Log(FileImportResult r)
    {
        if (r.Error is not null)
        {
            Console.Error.WriteLine($"landmap: error: {r.Error}");
            return;
        }
        var o = r.Outcome!;
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"import file={Path.GetFileName(r.Path)} status={o.Status.ToString().ToLowerInvariant()} report={o.ReportId} entries={o.Entries} " +
            $"superseded={o.SupersededReportId?.ToString(CultureInfo.InvariantCulture) ?? "-"} kept_reviewed={o.KeptReviewedGeometries} ms={r.Elapsed.TotalMilliseconds:0}"));
    }

    // With one transaction the bar counts files handed to the store (geocoded); their lines come once it commits.
    private static async Task<IReadOnlyList<FileImportResult>> WithProgressBar(int total, bool countHanded,
        Func<IProgress<FileImportResult>, IProgress<string>?, Task<IReadOnlyList<FileImportResult>>> work)
    {
        // The bar goes to stderr, and only on a terminal: scripts and logs get the plain lines alone.
        if (Console.IsErrorRedirected || Console.IsOutputRedirected) return await work(new SyncProgress<FileImportResult>(Log), null);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        IReadOnlyList<FileImportResult> results = [];
        await console.Progress().AutoClear(true).StartAsync(async context =>
        {
            var task = context.AddTask("import", maxValue: total);
            void Step(string path)
            {
                task.Description = Markup.Escape(Path.GetFileName(path));
                task.Increment(1);
            }
            results = await work(new SyncProgress<FileImportResult>(r =>
            {
                Log(r);
                if (!countHanded) Step(r.Path);
            }), countHanded ? new SyncProgress<string>(Step) : null);
        });
        return results;
    }

    /// <summary>Reports on the caller's thread, in order: <see cref="Progress{T}"/> would post to the thread pool.</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
