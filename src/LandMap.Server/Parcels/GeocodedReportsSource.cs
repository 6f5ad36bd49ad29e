using LandMap.Core.Extraction;
using LandMap.Core.Extraction.Input;
using LandMap.Core.Gazetteer;
using LandMap.Core.Geocoding;
using LandMap.Core.Reports;
using LandMap.Server.Hosting;
using LandMap.Server.Projects;
using Microsoft.Extensions.Options;

namespace LandMap.Server.Parcels;

/// <summary>
/// Parcels geocoded from the report files (gis-data/reports) with the gazetteer, once, in memory. The
/// first call does the work (start-up warms it); ids are stable because they derive from what is printed.
/// </summary>
internal sealed class GeocodedReportsSource(IOptions<ServerOptions> options, ILogger<GeocodedReportsSource> logger) : IParcelSource
{
    private readonly Lazy<Task<Snapshot>> _snapshot = new(() => Task.Run(() => Load(options.Value, logger)));

    public async Task<IReadOnlyList<ParcelView>> GetParcelsAsync(CancellationToken cancellationToken = default) =>
        (await _snapshot.Value.WaitAsync(cancellationToken)).Parcels;

    public async Task<IReadOnlyList<ProjectView>> GetProjectsAsync(CancellationToken cancellationToken = default) =>
        (await _snapshot.Value.WaitAsync(cancellationToken)).Projects;

    public async Task<IReadOnlyList<ReportView>> GetReportsAsync(CancellationToken cancellationToken = default) =>
        (await _snapshot.Value.WaitAsync(cancellationToken)).Reports;

    /// <summary>
    /// plan year × 100000 + district number × 1000 + seq: 202301017 is entry 17 of 卫东区's 2023 column.
    /// The district number is its place in <see cref="Districts.All"/> (卫东区 1, 湛河区 2), 99 when unknown.
    /// </summary>
    public static int ParcelId(GeocodedEntry entry)
    {
        var district = entry.District is null ? -1 : Districts.All.ToList().IndexOf(entry.District);
        return (entry.PlanYear ?? 0) * 100_000 + (district < 0 ? 99 : district + 1) * 1000 + entry.Seq;
    }

    private static Snapshot Load(ServerOptions options, ILogger logger)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var (gazetteer, load) = GazetteerIndex.LoadDirectory(options.GazetteerDirectory);
        if (gazetteer is null)
            throw new InvalidOperationException($"The gazetteer in {options.GazetteerDirectory} could not be loaded: {load}");

        var reports = new List<ExtractedReport>();
        foreach (var file in Directory.GetFiles(options.ReportsDirectory).Order(StringComparer.Ordinal))
        {
            var read = ReportFileReader.Read(file);
            if (read.Succeeded) reports.Add(ReportExtractor.Extract(read.Text!));
            else logger.LogWarning("Skipped report {File}: {Reason}", file, read.Error);
        }

        var entries = reports.SelectMany(r => r.LandEntries.Select(e => (r.File, e))).ToDictionary(x => (x.File, x.e.Seq), x => x.e);
        var parcels = new ParcelGeocoder(gazetteer).GeocodeAll(reports)
            .Select(g => new ParcelView(ParcelId(g), g, entries.GetValueOrDefault((g.File, g.Seq))))
            .OrderBy(p => p.Parcel.PlanYear).ThenBy(p => p.Parcel.District, StringComparer.Ordinal).ThenBy(p => p.Parcel.Seq)
            .ToList();
        var duplicate = parcels.GroupBy(p => p.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"Two reports give plan year, district and seq of parcel {duplicate.Key}: {string.Join(", ", duplicate.Select(p => p.Parcel.File))}");

        var reportViews = reports.Select(r => new ReportView(r.File, r.District, r.ReviewYear, r.PlanYear, r.Encoding,
            r.LandEntries.Count, r.Projects.Count, r.Indicators.Count, r.Warnings)).ToList();
        var snapshot = new Snapshot(parcels, ProjectLinker.Link(reports, parcels), reportViews);
        logger.LogInformation("Geocoded {Parcels} parcels and {Projects} key projects from {Reports} reports in {Ms} ms",
            parcels.Count, snapshot.Projects.Count, reports.Count, started.ElapsedMilliseconds);
        return snapshot;
    }

    private sealed record Snapshot(IReadOnlyList<ParcelView> Parcels, IReadOnlyList<ProjectView> Projects, IReadOnlyList<ReportView> Reports);
}
