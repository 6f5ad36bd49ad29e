using System.Text.Json;
using LandMap.Core.Extraction;
using LandMap.Core.Extraction.Input;
using LandMap.Core.Gazetteer;
using LandMap.Core.Geocoding;
using LandMap.Core.Reports;
using LandMap.Data;
using LandMap.Data.Import;
using LandMap.Server.Hosting;
using LandMap.Server.Projects;
using Microsoft.Extensions.Options;

namespace LandMap.Server.Parcels;

/// <summary>
/// Parcels from the store (SQLite by default, PostGIS with a connection string): the current geometry
/// version of every parcel with its status, confidence, constraints and warnings. An empty store is filled
/// on first start by importing gis-data/reports (extract, geocode, store: <see cref="ReportImporter"/>). The
/// printed text of entries, key projects, land facts and indicators are extracted again from each current report's
/// text, in this order: the text the store keeps (schema 4; every import since), else the file of the same name and
/// content in the reports folder, else none (its parcels then show without the printed entry, and the log says so).
/// Ids are stable: they derive from plan year, district and seq.
/// </summary>
internal sealed class StoreParcelSource(IOptions<ServerOptions> options, ILogger<StoreParcelSource> logger) : IParcelSource
{
    private static readonly JsonSerializerOptions StoredJson = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
    private Lazy<Task<Snapshot>> _snapshot = new(() => Load(options.Value, logger));
    private long _version;

    public long Version => Interlocked.Read(ref _version);

    /// <summary>Reads the store again after a write; readers wait for the new snapshot rather than see the old one.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        var next = new Lazy<Task<Snapshot>>(() => Load(options.Value, logger));
        _snapshot = next;
        Interlocked.Increment(ref _version);
        await next.Value.WaitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ParcelView>> GetParcelsAsync(CancellationToken cancellationToken = default) =>
        (await _snapshot.Value.WaitAsync(cancellationToken)).Parcels;

    public async Task<IReadOnlyList<ProjectView>> GetProjectsAsync(CancellationToken cancellationToken = default) =>
        (await _snapshot.Value.WaitAsync(cancellationToken)).Projects;

    public async Task<IReadOnlyList<ReportView>> GetReportsAsync(CancellationToken cancellationToken = default) =>
        (await _snapshot.Value.WaitAsync(cancellationToken)).Reports;

    public async Task<IReadOnlyList<ExtractedReport>> GetExtractedReportsAsync(CancellationToken cancellationToken = default) =>
        (await _snapshot.Value.WaitAsync(cancellationToken)).Extracted;

    /// <summary>
    /// plan year × 100000 + district number × 1000 + seq: 202301017 is entry 17 of 卫东区's 2023 column.
    /// The district number is its place in <see cref="Districts.All"/> (卫东区 1, 湛河区 2), 99 when unknown.
    /// </summary>
    public static int ParcelId(GeocodedEntry entry)
    {
        var district = entry.District is null ? -1 : Districts.All.ToList().IndexOf(entry.District);
        return (entry.PlanYear ?? 0) * 100_000 + (district < 0 ? 99 : district + 1) * 1000 + entry.Seq;
    }

    private static async Task<Snapshot> Load(ServerOptions options, ILogger logger)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        if (!options.Database.Contains('=') && Path.GetDirectoryName(Path.GetFullPath(options.Database)) is { } folder) Directory.CreateDirectory(folder);
        await using var store = await ParcelStoreFactory.OpenAsync(options.Database);
        if ((await store.ListReportsAsync()).Count == 0)
        {
            await ImportShippedReports(store, options, Directory.GetFiles(options.ReportsDirectory).Order(StringComparer.Ordinal).ToList(), logger);
        }

        // Keyed by the store's report id: two districts' reports may share a file name.
        var extractedById = new Dictionary<long, ExtractedReport>();
        foreach (var report in (await store.ListReportsAsync()).Where(r => r.SupersededBy is null))
        {
            if (await ReadReportAsync(store, report, options.ReportsDirectory) is { } text) extractedById[report.Id] = ReportExtractor.Extract(text);
            else logger.LogWarning("Report {File} has no stored text and no file of the same content in {Folder}: its parcels are shown without the printed entry",
                report.FileName, options.ReportsDirectory);
        }
        var reports = extractedById.Values.ToList();
        var entries = extractedById.SelectMany(r => r.Value.LandEntries.Select(e => (ReportId: r.Key, e))).ToDictionary(x => (x.ReportId, x.e.Seq), x => x.e);
        // One query: each record carries its current version's constraints and warnings.
        var parcels = (await store.QueryParcelsAsync(new LandMap.Data.ParcelQuery()))
            .Select(record => (record, geocoded: CurrentVersion(record)))
            .Select(x => new ParcelView(ParcelId(x.geocoded), x.geocoded, entries.GetValueOrDefault((x.record.ReportId, x.record.Seq))))
            .OrderBy(p => p.Parcel.PlanYear).ThenBy(p => p.Parcel.District, StringComparer.Ordinal).ThenBy(p => p.Parcel.Seq)
            .ToList();

        var reportViews = reports.Select(r => new ReportView(r.File, r.District, r.ReviewYear, r.PlanYear, r.Encoding,
            r.LandEntries.Count, r.Projects.Count, r.Indicators.Count, r.Warnings)).ToList();
        var snapshot = new Snapshot(parcels, ProjectCatalog.Build(reports, parcels), reportViews, reports);
        logger.LogInformation("Read {Parcels} parcels of {Reports} reports from the {Backend} store in {Ms} ms",
            parcels.Count, reportViews.Count, store.Backend, started.ElapsedMilliseconds);
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

    private static async Task ImportShippedReports(IParcelStore store, ServerOptions options, IReadOnlyList<string> files, ILogger logger)
    {
        var (gazetteer, load) = GazetteerIndex.LoadDirectory(options.GazetteerDirectory);
        if (gazetteer is null)
            throw new InvalidOperationException($"The gazetteer in {options.GazetteerDirectory} could not be loaded: {load}");
        foreach (var result in await new ReportImporter(store, gazetteer).ImportFilesAsync(files))
        {
            if (result.Error is { } error) logger.LogWarning("Skipped report {File}: {Reason}", result.Path, error);
            else logger.LogInformation("Imported {File}: {Status}, {Entries} entries", result.Path, result.Outcome!.Status, result.Outcome.Entries);
        }
    }

    private static GeocodedEntry CurrentVersion(ParcelRecord record) =>
        new()
        {
            File = record.FileName,
            District = record.District,
            PlanYear = record.PlanYear,
            Seq = record.Seq,
            Name = record.Name,
            Location = record.Location,
            AreaMu = record.AreaMu,
            AreaMuComputed = record.AreaMuComputed,
            // A version saved by a reviewer or from a survey carries its review status ("reviewed", "surveyed"): its outline is located.
            Status = Enum.TryParse<GeocodeStatus>(record.Status, ignoreCase: true, out var status) ? status
                : record.Geometry is null ? GeocodeStatus.Unresolved : GeocodeStatus.Located,
            Confidence = record.Confidence,
            Method = record.Method,
            Constraints = JsonSerializer.Deserialize<List<ConstraintResult>>(record.ConstraintsJson, StoredJson) ?? [],
            Warnings = JsonSerializer.Deserialize<List<string>>(record.WarningsJson, StoredJson) ?? [],
            Geometry = record.Geometry,
        };

    private sealed record Snapshot(IReadOnlyList<ParcelView> Parcels, IReadOnlyList<ProjectView> Projects, IReadOnlyList<ReportView> Reports,
        IReadOnlyList<ExtractedReport> Extracted);
}
