using LandMap.Core.Geocoding;
using LandMap.Core.Linking;
using LandMap.Core.Reports;
using LandMap.Server.Parcels;

namespace LandMap.Server.Projects;

/// <summary>The key projects of the reports (<see cref="ProjectTimelines"/>) on their parcels (<see cref="ParcelSites"/>), numbered from 1.</summary>
internal static class ProjectCatalog
{
    public static IReadOnlyList<ProjectView> Build(IReadOnlyList<ExtractedReport> reports, IReadOnlyList<ParcelView> parcels)
    {
        var entries = parcels.Select(p => p.Parcel).ToList();
        var ids = parcels.ToDictionary<ParcelView, GeocodedEntry, long>(p => p.Parcel, p => p.Id, ReferenceEqualityComparer.Instance);
        return ProjectTimelines.Build(reports)
            .Select((timeline, i) => new ProjectView(i + 1, timeline,
                ParcelSites.ForProject(timeline, entries).Select(s => new ProjectSiteView(ids[s.Parcel], s.Reason)).ToList()))
            .ToList();
    }
}
