using System.Globalization;
using LandMap.Core.Gazetteer.Import;
using LandMap.Core.Layers;
using LandMap.Core.Layers.Sources;
using LandMap.Data.Layers;
using Spectre.Console;

namespace LandMap.Cli.Layers;

/// <summary>Reads a layer file into the store with a progress bar on a terminal, and prints the summary.</summary>
internal static class LayerImportRun
{
    /// <summary>Who the audit log names for CLI writes.</summary>
    public static string Actor => $"cli:{Environment.UserName}";

    public static async Task<int> RunAsync(ILayerStore store, string path, string name, LayerReadOptions options, CancellationToken ct)
    {
        using var reading = LayerReader.Open(path, options);
        if (!reading.IsOpen) return Fail(reading, "nothing was written");
        LayerImportResult result;
        try
        {
            var import = new LayerImport(name, options.Kind, reading.SourceFile, reading.Crs?.Label ?? "-", "-", Actor)
            {
                DeclaredFields = reading.Fields, Encoding = reading.Encoding, AreaCrsOnceRead = () => reading.AreaCrs,
            };
            result = await WithProgressAsync(reading, progress => store.ImportLayerAsync(import, Features(reading, ct), progress, ct));
        }
        catch (LayerReadException e)
        {
            Console.Error.WriteLine($"landmap: error: {e.Problem}");
            return Fail(reading, "the import was rolled back; the previous version of the layer, if any, is unchanged");
        }
        foreach (var warning in reading.Warnings) Console.Error.WriteLine($"landmap: warning: {warning}");
        ListProblems(reading);
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"layer import name={name} kind={options.Kind.Name()} file={reading.SourceFile} read={reading.Read} features={result.Features} " +
            $"repaired={result.Repaired} problems={reading.Skipped} added={result.Added} removed={result.Removed} changed={result.Changed} " +
            $"replaced={(result.Replaced ? "yes" : "no")} crs={reading.Crs?.Label} area_crs={reading.AreaCrs ?? "-"} encoding={reading.Encoding ?? "-"}"));
        return 0;
    }

    // A feature pulls the next record only when the store asks for it: the file is read once, in step with the writes.
    private static IEnumerable<LayerFeature> Features(LayerReading reading, CancellationToken ct) => reading.Features(ct);

    private static int Fail(LayerReading reading, string outcome)
    {
        Console.Error.WriteLine($"landmap: error: cannot import {reading.SourceFile} ({reading.Problems.Count + reading.OmittedProblems} problem(s)); {outcome}.");
        ListProblems(reading);
        return 1;
    }

    private static void ListProblems(LayerReading reading)
    {
        foreach (var problem in reading.Problems) Console.Error.WriteLine($"  {problem}");
        if (reading.OmittedProblems > 0) Console.Error.WriteLine($"  … and {reading.OmittedProblems} more");
    }

    private static async Task<LayerImportResult> WithProgressAsync(LayerReading reading, Func<IProgress<long>?, Task<LayerImportResult>> work)
    {
        // The bar goes to stderr, and only on a terminal: scripts and logs get the summary line alone.
        if (Console.IsErrorRedirected || Console.IsOutputRedirected) return await work(null);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        LayerImportResult? result = null;
        await console.Progress().AutoClear(true).StartAsync(async context =>
        {
            var task = context.AddTask(Markup.Escape(reading.SourceFile), maxValue: reading.Count is > 0 and var n ? n : 1);
            task.IsIndeterminate = reading.Count is not > 0;
            result = await work(new SyncProgress(done => task.Value = Math.Min(done, task.MaxValue)));
            task.Value = task.MaxValue;
        });
        return result!;
    }

    /// <summary>
    /// Reports at once, on the thread that reads the file (the store reads ahead on a second thread; Spectre's task is
    /// safe to update from it): <see cref="Progress{T}"/> would post to the thread pool, after the bar is gone.
    /// </summary>
    private sealed class SyncProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
