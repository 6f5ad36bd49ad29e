using LandMap.Core.Gazetteer.Import;
using Spectre.Console;

namespace LandMap.Cli.Gazetteer;

/// <summary>Shows a Spectre.Console progress bar for large inputs on a terminal; runs silently otherwise.</summary>
internal static class ImportProgressBar
{
    // Below this a read takes about a second: a bar would only flicker.
    private const long LargeFileBytes = 8L * 1024 * 1024;

    public static GazetteerImportResult Run(string path, Func<IProgress<ImportProgress>?, GazetteerImportResult> work)
    {
        var size = File.Exists(path) ? new FileInfo(path).Length : 0;
        if (size < LargeFileBytes || Console.IsErrorRedirected)
        {
            return work(null);
        }

        // Progress goes to stderr so that stdout keeps only the summary.
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        GazetteerImportResult? result = null;
        console.Progress().AutoClear(true).Start(context =>
        {
            var task = context.AddTask(Markup.Escape(Path.GetFileName(path)));
            result = work(new SyncProgress(p =>
            {
                task.Description = Markup.Escape($"{Path.GetFileName(path)}: {p.Stage}");
                if (p.Total is long total && total > 0)
                {
                    task.MaxValue = total;
                    task.Value = Math.Min(p.Done, total);
                }
                else
                {
                    task.IsIndeterminate = true;
                }
            }));
            task.Value = task.MaxValue;
        });
        return result!;
    }

    /// <summary>Reports on the caller's thread: <see cref="Progress{T}"/> posts to the thread pool, after the bar is gone.</summary>
    private sealed class SyncProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
