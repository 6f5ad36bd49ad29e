using LandMap.Core.Reports;

namespace LandMap.Core.Linking;

/// <summary>One report's word on a project: the year it speaks of, the stage and the sentence.</summary>
/// <param name="Year">The review year for progress, the plan year for targets.</param>
/// <param name="File">The report.</param>
/// <param name="Stage">The stage reached or aimed at; null when only investment is stated.</param>
/// <param name="StageText">The stage words as printed.</param>
/// <param name="Target">True for a goal.</param>
/// <param name="Phase">The phase printed (一期), if any.</param>
/// <param name="InvestmentYi">Investment in 亿元, if stated.</param>
/// <param name="Source">The sentence.</param>
public sealed record TimelineEvent(int? Year, string File, ProjectStage? Stage, string? StageText, bool Target, string? Phase, double? InvestmentYi, SourceRef Source);

/// <summary>A key project followed through every report that names it.</summary>
/// <param name="Name">The fullest name printed (长驰电子功率器件封测项目).</param>
/// <param name="Aliases">Every other name it is printed under.</param>
/// <param name="District">The district of the reports.</param>
/// <param name="Within">The park the reports place it in, if any.</param>
/// <param name="Events">What each report says, oldest first.</param>
public sealed record ProjectTimeline(string Name, IReadOnlyList<string> Aliases, string? District, string? Within, IReadOnlyList<TimelineEvent> Events)
{
    /// <summary>The furthest stage any report says the project reached (targets excluded).</summary>
    public ProjectStage? FurthestStage => Events.Where(e => !e.Target && e.Stage is not null and not ProjectStage.Suspended).Max(e => e.Stage);

    /// <summary>The furthest stage reported (not targeted) in the latest report that reports one: what the map colours a parcel by.</summary>
    public ProjectStage? CurrentStage =>
        Events.Where(e => !e.Target && e.Stage is not null).OrderBy(e => e.Year).ThenBy(e => e.Stage).LastOrDefault()?.Stage;
}

/// <summary>
/// Joins the key projects of several reports into one timeline per project. Two printings are one project
/// when they are of one district and their name cores are equal, or one core's bigrams all lie in the other's
/// (<see cref="NameCore.Similarity"/> = 1, cores of at least four characters): 电子功率器件封测项目 =
/// 长驰电子功率器件封测项目. A progress event is dated by the report's review year, a target by its plan year.
/// </summary>
public static class ProjectTimelines
{
    /// <summary>The timelines of every project in <paramref name="reports"/>.</summary>
    public static IReadOnlyList<ProjectTimeline> Build(IReadOnlyList<ExtractedReport> reports)
    {
        var mentions = reports.SelectMany(r => r.Projects.Select(p => (Report: r, Project: p))).ToList();
        var groups = new List<List<(ExtractedReport Report, KeyProject Project)>>();
        foreach (var mention in mentions)
        {
            var group = groups.FirstOrDefault(g => g.Any(m => Same(m, mention)));
            if (group is null) groups.Add([mention]);
            else group.Add(mention);
        }
        return groups.Select(ToTimeline).OrderBy(t => t.District).ThenBy(t => t.Name, StringComparer.Ordinal).ToList();
    }

    private static bool Same((ExtractedReport Report, KeyProject Project) a, (ExtractedReport Report, KeyProject Project) b)
    {
        if (a.Report.District != b.Report.District) return false;
        var x = NameCore.Core(a.Project.Name);
        var y = NameCore.Core(b.Project.Name);
        return x == y || (Math.Min(x.Length, y.Length) >= 4 && NameCore.Similarity(a.Project.Name, b.Project.Name) >= 1);
    }

    private static ProjectTimeline ToTimeline(List<(ExtractedReport Report, KeyProject Project)> group)
    {
        var names = group.Select(m => m.Project.Name).Distinct().OrderByDescending(n => n.Length).ThenBy(n => n, StringComparer.Ordinal).ToList();
        var events = group
            .Select(m => new TimelineEvent(m.Project.Target ? m.Report.PlanYear : m.Report.ReviewYear, m.Report.File, m.Project.Stage, m.Project.StageText,
                m.Project.Target, m.Project.Phase, m.Project.InvestmentYi, m.Project.Source))
            .OrderBy(e => e.Year).ThenBy(e => e.Target).ThenBy(e => e.Stage)
            .ToList();
        var within = group.Select(m => m.Project.Within).FirstOrDefault(w => w is not null);
        return new ProjectTimeline(names[0], names.Skip(1).ToList(), group[0].Report.District, within, events);
    }
}
