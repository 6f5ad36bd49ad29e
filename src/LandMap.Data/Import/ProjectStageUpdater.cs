using LandMap.Core.Extraction;
using LandMap.Core.Extraction.Input;
using LandMap.Core.Gazetteer.Registry;
using LandMap.Core.Geocoding;
using LandMap.Core.Linking;
using LandMap.Core.Reports;

namespace LandMap.Data.Import;

/// <summary>
/// Works out, at import, the stage of the key project on each parcel and stores it, so that the map and the API filter
/// and colour by a column instead of joining projects to parcels on every request. Projects come from the text each
/// current report was imported from (<see cref="ProjectTimelines"/>); they are put on parcels as <see cref="ParcelSites"/>
/// does; a parcel with several projects takes the furthest current stage. Reports stored before schema 4 keep no text
/// and add no projects.
/// </summary>
public static class ProjectStageUpdater
{
    /// <summary>Recomputes and stores the project stage of every current parcel of the store (districts of the shipped registry).</summary>
    public static Task RefreshAsync(IParcelStore store, CancellationToken cancellationToken = default) =>
        RefreshAsync(store, DistrictRegistry.Shipped, cancellationToken);

    /// <summary>Recomputes and stores the project stage of every current parcel, reading report texts with <paramref name="districts"/>.</summary>
    public static async Task RefreshAsync(IParcelStore store, DistrictRegistry districts, CancellationToken cancellationToken = default)
    {
        var reports = new List<ExtractedReport>();
        foreach (var report in (await store.ListReportsAsync(cancellationToken)).Where(r => r.SupersededBy is null))
        {
            if (await store.GetReportTextAsync(report.Id, cancellationToken) is { } text)
                reports.Add(ReportExtractor.Extract(new ReportText(report.FileName, text.Split('\n'), report.Encoding), districts));
        }
        var parcels = (await store.QueryAllParcelsAsync(new ParcelQuery(), cancellationToken)).Select(r => (r.PublicId, Entry: new GeocodedEntry
        {
            File = r.FileName, District = r.District, PlanYear = r.PlanYear, Seq = r.Seq, Name = r.Name, Status = GeocodeStatus.Unresolved,
            Confidence = r.Confidence, Method = r.Method,
        })).ToList();
        var ids = parcels.ToDictionary<(long PublicId, GeocodedEntry Entry), GeocodedEntry, long>(p => p.Entry, p => p.PublicId, ReferenceEqualityComparer.Instance);
        var entries = parcels.Select(p => p.Entry).ToList();
        var stages = new Dictionary<long, ProjectStage>();
        foreach (var project in ProjectTimelines.Build(reports))
        {
            if (project.CurrentStage is not { } stage) continue;
            foreach (var site in ParcelSites.ForProject(project, entries))
            {
                var id = ids[site.Parcel];
                if (!stages.TryGetValue(id, out var other) || other < stage) stages[id] = stage;
            }
        }
        foreach (var district in parcels.Select(p => p.Entry.District).Distinct())
        {
            var ofDistrict = parcels.Where(p => p.Entry.District == district && stages.ContainsKey(p.PublicId))
                .ToDictionary(p => p.PublicId, p => ProjectStageNames.Key(stages[p.PublicId]));
            await store.SetProjectStagesAsync(district, ofDistrict, cancellationToken);
        }
    }
}
