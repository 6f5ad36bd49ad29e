using LandMap.Core.Extraction;
using LandMap.Core.Extraction.Input;
using LandMap.Core.Gazetteer;
using LandMap.Core.Geocoding;
using LandMap.Core.Reports;

namespace LandMap.Data.Import;

/// <summary>What happened to one file of an import: stored (or unchanged), or the reason it failed.</summary>
/// <param name="Path">The file as the user named it.</param>
/// <param name="Outcome">What the store did; null when the file failed.</param>
/// <param name="Error">Why the file failed, naming it; null when it was stored.</param>
/// <param name="Elapsed">Time spent on the file (geocoding and storing).</param>
public sealed record FileImportResult(string Path, ImportOutcome? Outcome, string? Error, TimeSpan Elapsed);

/// <summary>
/// Reads, extracts, geocodes and stores report files. Each report is stored in its own transaction, so a file that
/// cannot be read, extracted, geocoded or stored fails alone and the others still import. Areas are borrowed
/// across the files of one run, as <see cref="ParcelGeocoder.GeocodeAll"/> does.
/// </summary>
public sealed class ReportImporter(IParcelStore store, GazetteerIndex gazetteer)
{
    /// <summary>Geocodes one report with a borrow-area callback; replaceable so tests can make geocoding fail.</summary>
    public Func<ExtractedReport, Func<string, (double AreaMu, int? PlanYear)?>, IReadOnlyList<GeocodedEntry>> Geocode { get; init; } =
        (report, borrow) => new ParcelGeocoder(gazetteer).GeocodeReport(report, borrow);

    /// <summary>Imports <paramref name="paths"/> in order, reporting each file as it finishes.</summary>
    public async Task<IReadOnlyList<FileImportResult>> ImportFilesAsync(IReadOnlyList<string> paths, IProgress<FileImportResult>? progress = null,
        CancellationToken cancellationToken = default)
    {
        await store.SyncGazetteerAsync(gazetteer.Features, cancellationToken);
        var results = new List<FileImportResult>();
        var extracted = new List<(string Path, ExtractedReport Report, string Sha256, string Text)>();
        foreach (var path in paths)
        {
            var read = ReportFileReader.Read(path);
            if (read.Error is { } error) { Report(new FileImportResult(path, null, error.ToString(), TimeSpan.Zero)); continue; }
            try
            {
                var report = ReportExtractor.Extract(read.Text!, gazetteer.Districts);
                if ((ReportRecognition.WhyNotAReport(report) ?? ReportRecognition.WhyDistrictNotRegistered(report)) is { } notAReport)
                {
                    Report(new FileImportResult(path, null, $"{path}: {notAReport}", TimeSpan.Zero));
                    continue;
                }
                extracted.Add((path, report, ReportImport.HashOf(await File.ReadAllBytesAsync(path, cancellationToken)), string.Join('\n', read.Text!.Lines)));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Report(new FileImportResult(path, null, $"{path}: extraction failed: {e.Message}", TimeSpan.Zero));
            }
        }

        var stated = extracted.SelectMany(x => x.Report.LandEntries.Where(e => e.AreaMu is not null).Select(e => (x.Report.PlanYear, e.Name, Area: e.AreaMu!.Value)))
            .GroupBy(x => x.Name).ToDictionary(g => g.Key, g => g.First());
        foreach (var (path, report, sha256, text) in extracted)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            IReadOnlyList<GeocodedEntry> geocoded;
            try
            {
                geocoded = Geocode(report, name => stated.TryGetValue(name, out var s) && s.PlanYear != report.PlanYear ? (s.Area, s.PlanYear) : null);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Report(new FileImportResult(path, null, $"{path}: geocoding failed, nothing stored: {e.Message}", System.Diagnostics.Stopwatch.GetElapsedTime(started)));
                continue;
            }
            try
            {
                var outcome = await store.ImportReportAsync(new ReportImport(report, geocoded, sha256, SourceText: text), cancellationToken);
                Report(new FileImportResult(path, outcome, null, System.Diagnostics.Stopwatch.GetElapsedTime(started)));
            }
            catch (StoreException e)
            {
                Report(new FileImportResult(path, null, $"{path}: not stored (rolled back): {e.Message}", System.Diagnostics.Stopwatch.GetElapsedTime(started)));
            }
        }
        // Projects of one report may sit on parcels of another: the stages are worked out again over the whole store.
        if (results.Any(r => r.Outcome?.Status is ImportStatus.Imported or ImportStatus.Superseded))
            await ProjectStageUpdater.RefreshAsync(store, gazetteer.Districts, cancellationToken);
        return results;

        void Report(FileImportResult result)
        {
            results.Add(result);
            progress?.Report(result);
        }
    }
}
