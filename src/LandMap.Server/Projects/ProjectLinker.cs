using LandMap.Core.Reports;
using LandMap.Server.Parcels;

namespace LandMap.Server.Projects;

/// <summary>
/// Groups key projects across reports and puts them on parcels by name containment (电子半导体产业园 ⊂
/// 电子半导体产业园二期项目). A stopgap until cross-year linking (issue 6) lands in LandMap.Core.
/// </summary>
internal static class ProjectLinker
{
    /// <summary>Shorter normalised names match too much (产业园, 项目).</summary>
    private const int MinMatchLength = 4;

    public static IReadOnlyList<ProjectView> Link(IReadOnlyList<ExtractedReport> reports, IReadOnlyList<ParcelView> parcels)
    {
        var groups = reports
            .SelectMany(r => r.Projects.Select(p => (Report: r, Project: p)))
            .GroupBy(x => (Key: Normalise(x.Project.Name), x.Report.District))
            .OrderBy(g => g.Key.District, StringComparer.Ordinal).ThenBy(g => g.Key.Key, StringComparer.Ordinal);

        var projects = new List<ProjectView>();
        foreach (var group in groups)
        {
            var timeline = group
                .Select(x => new ProjectMention(x.Report.File, x.Project.Target ? x.Report.PlanYear : x.Report.ReviewYear, x.Project))
                .OrderBy(m => m.Year).ThenBy(m => m.Project.Source.Line)
                .ToList();
            var parcelIds = parcels
                .Where(p => p.Parcel.District == group.Key.District && Matches(group.Key.Key, Normalise(p.Parcel.Name)))
                .OrderByDescending(p => p.Parcel.PlanYear).ThenBy(p => p.Id)
                .Select(p => p.Id)
                .ToList();
            projects.Add(new ProjectView(projects.Count + 1, timeline[^1].Project.Name, group.Key.District, timeline, parcelIds));
        }
        return projects;
    }

    private static bool Matches(string project, string parcel) =>
        project.Length >= MinMatchLength && parcel.Length >= MinMatchLength &&
        (project.Contains(parcel, StringComparison.Ordinal) || parcel.Contains(project, StringComparison.Ordinal));

    /// <summary>Place prefixes that parcel names carry and project names often drop (平顶山工业静脉产业园 / 工业静脉产业园…).</summary>
    private static readonly string[] PlacePrefixes = ["河南平顶山", "河南省", "平顶山市", "平顶山", "卫东区", "湛河区"];

    private static string Normalise(string name)
    {
        var text = new string(name.Where(c => !char.IsWhiteSpace(c) && c is not ('（' or '）' or '(' or ')' or '“' or '”')).ToArray())
            .Replace("项目", "", StringComparison.Ordinal);
        foreach (var prefix in PlacePrefixes)
            if (text.StartsWith(prefix, StringComparison.Ordinal)) text = text[prefix.Length..];
        return text;
    }
}
