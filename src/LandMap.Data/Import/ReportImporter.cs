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
/// <param name="Elapsed">Time spent on the file: geocoding and storing, or geocoding alone when all files share one transaction.</param>
public sealed record FileImportResult(string Path, ImportOutcome? Outcome, string? Error, TimeSpan Elapsed);

/// <summary>
/// Reads, extracts, geocodes and stores report files. Each report is stored in its own transaction, so a file that
/// cannot be read, extracted, geocoded or stored fails alone and the others still import; with
/// <see cref="OneTransaction"/> the reports go into one transaction, all or none (a file that cannot be read, extracted
/// or geocoded still fails alone, before the store sees it). Areas are borrowed across the files of one run, as
/// <see cref="ParcelGeocoder.GeocodeAll"/> does.
/// </summary>
public sealed class ReportImporter(IParcelStore store, GazetteerIndex gazetteer)
{
    /// <summary>
    /// Stores every report in one transaction (<see cref="IParcelStore.ImportReportsAsync"/>): a city's first load, whose
    /// spatial indexes are then built once, after all rows. One report that cannot be stored leaves nothing stored.
    /// </summary>
    public bool OneTransaction { get; init; }

    /// <summary>
    /// With <see cref="OneTransaction"/>, each file as it is geocoded and handed to the store (its result comes once the
    /// transaction commits): what a progress bar counts meanwhile.
    /// </summary>
    public IProgress<string>? Handed { get; init; }

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
        Func<string, (double AreaMu, int? PlanYear)?> Borrow(ExtractedReport report) =>
            name => stated.TryGetValue(name, out var s) && s.PlanYear != report.PlanYear ? (s.Area, s.PlanYear) : null;
        if (OneTransaction) await StoreInOneTransactionAsync(extracted, Borrow, Report, cancellationToken);
        foreach (var (path, report, sha256, text) in OneTransaction ? [] : extracted)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var (geocoded, failure) = TryGeocode(path, report, Borrow(report));
            if (geocoded is null)
            {
                Report(failure!);
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

    // The report's entries geocoded, or the file's failure (naming it) when the geocoder threw.
    private (IReadOnlyList<GeocodedEntry>? Geocoded, FileImportResult? Failure) TryGeocode(string path, ExtractedReport report,
        Func<string, (double AreaMu, int? PlanYear)?> borrow)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            return (Geocode(report, borrow), null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (null, new FileImportResult(path, null, $"{path}: geocoding failed, nothing stored: {e.Message}", System.Diagnostics.Stopwatch.GetElapsedTime(started)));
        }
    }

    // The reports are geocoded as the store asks for them, one at a time; the results are known once it commits. A
    // store that retries after a lock asks again from the first, so what a pass found is kept only from the last pass.
    private async Task StoreInOneTransactionAsync(IReadOnlyList<(string Path, ExtractedReport Report, string Sha256, string Text)> extracted,
        Func<ExtractedReport, Func<string, (double AreaMu, int? PlanYear)?>> borrow, Action<FileImportResult> report, CancellationToken ct)
    {
        if (extracted.Count == 0) return;
        var handed = new List<(string Path, TimeSpan Elapsed)>();
        var failed = new List<FileImportResult>();
        var handedAll = false;
        IEnumerable<ReportImport> Imports()
        {
            (handedAll, handed, failed) = (false, [], []);
            foreach (var (path, extractedReport, sha256, text) in extracted)
            {
                ct.ThrowIfCancellationRequested();
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                var (geocoded, failure) = TryGeocode(path, extractedReport, borrow(extractedReport));
                if (geocoded is null)
                {
                    failed.Add(failure!);
                    continue;
                }
                handed.Add((path, System.Diagnostics.Stopwatch.GetElapsedTime(started)));
                Handed?.Report(path);
                yield return new ReportImport(extractedReport, geocoded, sha256, SourceText: text);
            }
            handedAll = true;
        }

        try
        {
            var outcomes = await store.ImportReportsAsync(Imports(), ct);
            foreach (var f in failed) report(f);
            for (var i = 0; i < handed.Count; i++) report(new FileImportResult(handed[i].Path, outcomes[i], null, handed[i].Elapsed));
        }
        catch (StoreException e)
        {
            // The store was writing the last report handed to it, unless it had them all (it failed finishing them) or none
            // (it failed to begin): then no file is to blame, and each says why.
            var culprit = handedAll || handed.Count == 0 ? null : handed[^1].Path;
            foreach (var f in failed) report(f);
            foreach (var (path, _, _, _) in extracted.Where(x => failed.All(f => f.Path != x.Path)))
            {
                var elapsed = handed.FirstOrDefault(h => h.Path == path).Elapsed;
                report(new FileImportResult(path, null, path == culprit
                    ? $"{path}: not stored, and with it none of the other files (one transaction for all): {e.Message}"
                    : $"{path}: not stored: the one transaction of all files was rolled back " + (culprit is null ? $"({e.Message})" : $"at {culprit}"), elapsed));
            }
        }
    }
}
