using LandMap.Core.Extraction;
using LandMap.Core.Extraction.Input;
using LandMap.Core.Gazetteer.Registry;
using LandMap.Core.Reports;
using LandMap.Data;
using LandMap.Server.Hosting;
using LandMap.Server.Projects;
using Microsoft.Extensions.Options;

namespace LandMap.Server.Parcels;

/// <summary>
/// The cross-report answers (projects, reports, plan links) derived from the store, kept while the store's change
/// counter (<see cref="IParcelStore.GetChangeSeqAsync"/>) stays the same: a write by this or any other server process
/// on the same store makes the next request derive them again. Each current report's text is read, in this order, from
/// the store (schema 4; every import since), else from the file of the same name and content in the reports folder.
/// Only reports with text and their parcels take part (bulk-loaded parcels without a report text are left out).
/// Nothing is derived at start-up: the first request that needs it pays.
/// </summary>
internal sealed class StoreParcelSource(StoreAccess access, ServerGazetteer gazetteer, IOptions<ServerOptions> options, ILogger<StoreParcelSource> logger) : IParcelSource
{
    private readonly Lock _gate = new();
    private (long Seq, Task<Snapshot> Task)? _snapshot;

    public async Task<long> VersionAsync(CancellationToken cancellationToken = default) => (await CurrentAsync(cancellationToken)).Seq;

    public async Task<IReadOnlyList<ParcelView>> GetParcelsAsync(CancellationToken cancellationToken = default) =>
        (await CurrentAsync(cancellationToken)).Parcels;

    public async Task<IReadOnlyList<ProjectView>> GetProjectsAsync(CancellationToken cancellationToken = default) =>
        (await CurrentAsync(cancellationToken)).Projects;

    public async Task<IReadOnlyList<ReportView>> GetReportsAsync(CancellationToken cancellationToken = default) =>
        (await CurrentAsync(cancellationToken)).Reports;

    public async Task<IReadOnlyList<ExtractedReport>> GetExtractedReportsAsync(CancellationToken cancellationToken = default) =>
        (await CurrentAsync(cancellationToken)).Extracted;

    private async Task<Snapshot> CurrentAsync(CancellationToken cancellationToken)
    {
        var store = await access.GetAsync(cancellationToken);
        // The counter is read before the data it keys: a write in between leaves a newer snapshot under an older key, never the reverse.
        var seq = await store.GetChangeSeqAsync(cancellationToken);
        Task<Snapshot> task;
        lock (_gate)
        {
            if (_snapshot is not { } cached || cached.Seq != seq) _snapshot = cached = (seq, Load(store, seq, options.Value.ReportsDirectory, gazetteer.Index?.Districts ?? DistrictRegistry.Shipped, logger));
            task = cached.Task;
        }
        return await task.WaitAsync(cancellationToken);
    }

    private static async Task<Snapshot> Load(IParcelStore store, long seq, string reportsFolder, DistrictRegistry districts, ILogger logger)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var extracted = new List<ExtractedReport>();
        var parcels = new List<ParcelView>();
        foreach (var report in (await store.ListReportsAsync()).Where(r => r.SupersededBy is null))
        {
            if (await ReadReportAsync(store, report, reportsFolder) is not { } text)
            {
                logger.LogWarning("Report {File} has no stored text and no file of the same content in {Folder}: its projects and indicators are not shown",
                    report.FileName, reportsFolder);
                continue;
            }
            extracted.Add(ReportExtractor.Extract(text, districts));
            // Projects, land facts and plan links are read from report text: only the parcels of reports with text take part.
            await foreach (var parcel in store.StreamParcelsAsync(new LandMap.Data.ParcelQuery { ReportId = report.Id, ExcludeRejected = true }))
                parcels.Add(ParcelView.From(parcel));
        }
        var reportViews = extracted.Select(r => new ReportView(r.File, r.District, r.ReviewYear, r.PlanYear, r.Encoding,
            r.LandEntries.Count, r.Projects.Count, r.Indicators.Count, r.Warnings)).ToList();
        var snapshot = new Snapshot(seq, parcels, ProjectCatalog.Build(extracted, parcels), reportViews, extracted);
        logger.LogInformation("Derived projects and links of {Reports} reports and {Parcels} parcels at change {Seq} in {Ms} ms",
            reportViews.Count, parcels.Count, seq, started.ElapsedMilliseconds);
        return snapshot;
    }

    /// <summary>The text <paramref name="report"/> was imported from: kept by the store, or the unchanged file in <paramref name="folder"/>.</summary>
    private static async Task<ReportText?> ReadReportAsync(IParcelStore store, StoredReport report, string folder)
    {
        if (await store.GetReportTextAsync(report.Id) is { } text) return new ReportText(report.FileName, text.Split('\n'), report.Encoding);
        var path = Path.Combine(folder, report.FileName);
        // Only the very file that was imported: an edited file would put other entries beside the stored parcels.
        if (!File.Exists(path)) return null;
        var content = await File.ReadAllBytesAsync(path);
        return ReportImport.HashOf(content) == report.ContentSha256 ? ReportFileReader.Read(report.FileName, content).Text : null;
    }

    private sealed record Snapshot(long Seq, IReadOnlyList<ParcelView> Parcels, IReadOnlyList<ProjectView> Projects, IReadOnlyList<ReportView> Reports,
        IReadOnlyList<ExtractedReport> Extracted);
}
