using System.Diagnostics;
using LandMap.Benchmarks.City;
using LandMap.Core.Gazetteer;
using LandMap.Data;
using LandMap.Data.Import;
using LandMap.Tiles.Print;

namespace LandMap.Benchmarks.Print;

/// <summary>
/// <c>sheet [--db DB] [--parcels N] [--rounds R]</c>: how long one parcel sheet takes, from the store reads to the finished
/// PDF (and PNG), over the parcels of the store (the five sample reports imported afresh when no --db is given; a city
/// store with --db /tmp/city.db). Prints medians and p95 of each step; the target is under 1 s for the whole sheet.
/// </summary>
internal static class SheetBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var db = Option(args, "--db");
        var parcels = int.Parse(Option(args, "--parcels") ?? "60", System.Globalization.CultureInfo.InvariantCulture);
        var rounds = int.Parse(Option(args, "--rounds") ?? "3", System.Globalization.CultureInfo.InvariantCulture);
        var temporary = db is null;
        db ??= await ImportSamplesAsync();
        try
        {
            await using var store = await ParcelStoreFactory.OpenExistingAsync(db);
            var ids = (await store.QueryParcelsAsync(new ParcelQuery { IncludeUnresolved = false, MapFieldsOnly = true, Limit = 10_000 }))
                .Select(p => p.PublicId).ToList();
            var sample = ids.OrderBy(id => HashCode.Combine(id, 7)).Take(parcels).ToList();
            Console.WriteLine($"// {sample.Count} parcels of {ids.Count:N0} in {(temporary ? "the sample reports" : db)}, {rounds} rounds, {Environment.ProcessorCount} cores");

            // One sheet before timing: the font is found and loaded once per process.
            var first = await ParcelSheetSource.LoadAsync(store, sample[0], true, null, DateTime.Now, new Paper(PaperSize.A4));
            ParcelSheet.Render(first.Data!, PrintFormat.Pdf);

            var load = new Latencies();
            var pdf = new Latencies();
            var png = new Latencies();
            var whole = new Latencies();
            long bytes = 0;
            for (var round = 0; round < rounds; round++)
            {
                foreach (var id in sample)
                {
                    var start = Stopwatch.GetTimestamp();
                    var data = (await ParcelSheetSource.LoadAsync(store, id, true, null, DateTime.Now, new Paper(PaperSize.A4))).Data!;
                    var loaded = Stopwatch.GetTimestamp();
                    bytes += ParcelSheet.Render(data, PrintFormat.Pdf).Length;
                    var drawn = Stopwatch.GetTimestamp();
                    load.Add(Stopwatch.GetElapsedTime(start, loaded).TotalMilliseconds);
                    pdf.Add(Stopwatch.GetElapsedTime(loaded, drawn).TotalMilliseconds);
                    whole.Add(Stopwatch.GetElapsedTime(start, drawn).TotalMilliseconds);
                    var pngStart = Stopwatch.GetTimestamp();
                    ParcelSheet.Render(data, PrintFormat.Png);
                    png.Add(Stopwatch.GetElapsedTime(pngStart).TotalMilliseconds);
                }
            }

            Console.WriteLine($"store reads (parcel, neighbours, gazetteer, audit): {load}");
            Console.WriteLine($"PDF drawing:                                       {pdf}");
            Console.WriteLine($"whole PDF sheet (reads + drawing):                 {whole}   target < 1000 ms");
            Console.WriteLine($"PNG at {PageWriter.PngDpi} dpi (drawing only):                    {png}");
            Console.WriteLine($"PDF size: {bytes / (double)whole.Count / 1e6:0.00} MB on average (the whole CJK font is embedded: SkiaSharp does not subset)");
            return 0;
        }
        finally
        {
            if (temporary) File.Delete(db);
        }
    }

    private static async Task<string> ImportSamplesAsync()
    {
        var db = Path.Combine(Path.GetTempPath(), $"landmap-sheet-bench-{Guid.NewGuid():N}.db");
        var (gazetteer, problems) = GazetteerIndex.LoadDirectory(Path.Combine(Paths.GisData, "gazetteer"));
        if (gazetteer is null) throw new InvalidOperationException($"the gazetteer does not load: {problems}");
        await using var store = await ParcelStoreFactory.OpenAsync(db);
        await new ReportImporter(store, gazetteer).ImportFilesAsync(Directory.GetFiles(Paths.Reports, "*.txt").Order().ToList());
        return db;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
