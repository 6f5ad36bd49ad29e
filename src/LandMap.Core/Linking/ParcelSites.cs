using System.Text.RegularExpressions;
using LandMap.Core.Geocoding;
using LandMap.Core.Reports;

namespace LandMap.Core.Linking;

/// <summary>A parcel a project or a land fact was put on, and why.</summary>
public sealed record ParcelSite(GeocodedEntry Parcel, string Reason);

/// <summary>
/// Puts key projects and land facts on the parcels of their district, newest plan year first. A project is
/// put, in this order, (1) on the parcel of the park it is printed in (<see cref="ProjectTimeline.Within"/>:
/// the 封测 project in 电子半导体产业园 sits on 河南（平顶山）电子半导体产业园), else (2) on the parcels whose name
/// core one of its names covers (<see cref="NameCore.Similarity"/> = 1) and that, when the parcel's name starts
/// with a company, name the company too (东部医药冷链物流仓储中心 is not 新丝路物流有限公司物流仓储项目). A land
/// fact goes on the parcels whose name core its subject covers, under the same company rule. Cores shorter than
/// four characters (产业园) never match: they name too much.
/// </summary>
public static partial class ParcelSites
{
    private const int MinCoreLength = 4;

    /// <summary>The parcels <paramref name="project"/> sits on; empty when none matches.</summary>
    public static IReadOnlyList<ParcelSite> ForProject(ProjectTimeline project, IReadOnlyList<GeocodedEntry> parcels)
    {
        var district = Candidates(parcels, project.District);
        if (project.Within is { } park)
        {
            var inPark = district.Where(p => Covers(park, p.Name)).Select(p => new ParcelSite(p, $"项目位于{park}")).ToList();
            if (inPark.Count > 0) return inPark;
        }
        string[] names = [project.Name, .. project.Aliases];
        return district
            .Where(p => names.Any(n => Covers(n, p.Name) && NamesCompany(n, p.Name)))
            .Select(p => new ParcelSite(p, $"名称相同：{NameCore.Core(p.Name)}"))
            .ToList();
    }

    /// <summary>The parcels of <paramref name="district"/> that <paramref name="fact"/> speaks of.</summary>
    public static IReadOnlyList<ParcelSite> ForFact(LandFact fact, string? district, IReadOnlyList<GeocodedEntry> parcels) =>
        Candidates(parcels, district)
            .Where(p => Covers(fact.Subject, p.Name) && NamesCompany(fact.Subject, p.Name))
            .Select(p => new ParcelSite(p, $"名称相同：{NameCore.Core(p.Name)}"))
            .ToList();

    private static List<GeocodedEntry> Candidates(IReadOnlyList<GeocodedEntry> parcels, string? district) =>
        parcels.Where(p => p.District == district).OrderByDescending(p => p.PlanYear).ThenBy(p => p.Seq).ToList();

    /// <summary>One name's core lies whole in the other's (电子半导体产业园 / 电子半导体产业园区).</summary>
    private static bool Covers(string a, string b) =>
        Math.Min(NameCore.Core(a).Length, NameCore.Core(b).Length) >= MinCoreLength && NameCore.Similarity(a, b) >= 1;

    [GeneratedRegex(@"^(?:河南省|河南|平顶山市|平顶山)|(?:有限责任公司|股份有限公司|有限公司|集团公司|公司|供销社)$")]
    private static partial Regex CompanyFillerRegex();

    /// <summary>True when <paramref name="parcelName"/> names no company, or <paramref name="name"/> names it too (新丝路物流).</summary>
    private static bool NamesCompany(string name, string parcelName)
    {
        if (NameCore.Company(parcelName) is not { } company) return true;
        var word = CompanyFillerRegex().Replace(company, "");
        return word.Length < 2 || name.Contains(word, StringComparison.Ordinal);
    }
}
