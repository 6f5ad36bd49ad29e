using System.Text.RegularExpressions;
using LandMap.Core.Reports;

namespace LandMap.Core.Extraction;

/// <summary>
/// Reads the sides of a parcel from a location: the 四至 form (东至A，西至B，南至C，北至D) and the
/// half-plane form (A以东，B以南), where "A以东" puts the parcel east of A, so A is its west side.
/// A single half-plane (北环路以南魏寨村) is a side constraint, not a box, and yields no bounds.
/// </summary>
public static partial class BoundsParser
{
    [GeneratedRegex(@"(?<dir>[东西南北])至(?<side>[^，,；;。、]+)")]
    private static partial Regex SizhiRegex();

    [GeneratedRegex(@"(?<side>[^，,；;。、（(]+?)以(?<dir>[东西南北])")]
    private static partial Regex HalfPlaneRegex();

    /// <summary>The bounds stated in <paramref name="location"/>, or null when it states no box.</summary>
    public static Bounds? Parse(string? location)
    {
        if (string.IsNullOrWhiteSpace(location)) return null;
        var sides = new Dictionary<char, string>();
        foreach (Match m in SizhiRegex().Matches(location))
        {
            sides.TryAdd(m.Groups["dir"].Value[0], m.Groups["side"].Value.Trim());
        }
        if (sides.Count > 0) return Build(sides, "sizhi");

        foreach (Match m in HalfPlaneRegex().Matches(location))
        {
            // The parcel lies to the named direction of the line, so the line bounds the opposite side.
            sides.TryAdd(Opposite(m.Groups["dir"].Value[0]), m.Groups["side"].Value.Trim());
        }
        return sides.Count >= 2 ? Build(sides, "half-planes") : null;
    }

    private static char Opposite(char direction) => direction switch
    {
        '东' => '西',
        '西' => '东',
        '南' => '北',
        _ => '南',
    };

    private static Bounds Build(Dictionary<char, string> sides, string form) => new(
        sides.GetValueOrDefault('西'), sides.GetValueOrDefault('东'), sides.GetValueOrDefault('南'), sides.GetValueOrDefault('北'), form);
}
