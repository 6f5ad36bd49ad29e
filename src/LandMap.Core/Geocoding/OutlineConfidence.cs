namespace LandMap.Core.Geocoding;

/// <summary>
/// How sure LandMap is of an outline a person drew or surveyed, from its own checks: a person placed it, so it starts
/// sure, and loses as the geocoder's outlines do for each check it fails (40 % of the certainty rests on the checks) and
/// for an area far from the one the report states. An outline that passes every check at the stated area is 100 %.
/// </summary>
public static class OutlineConfidence
{
    /// <summary>The confidence (0–1, two decimals) of an outline with <paramref name="checks"/> and <paramref name="computedMu"/> 亩, for <paramref name="statedMu"/> 亩 stated.</summary>
    public static double Of(IReadOnlyList<ConstraintResult> checks, double? computedMu, double? statedMu)
    {
        var satisfied = checks.Count == 0 ? 1 : checks.Count(c => c.Satisfied) / (double)checks.Count;
        // Within 3 % of the stated area is the stated area (the geocoder's own tolerance); beyond, confidence falls with the gap.
        var gap = statedMu is > 0 && computedMu is { } mu ? Math.Abs(mu - statedMu.Value) / statedMu.Value : 0;
        var area = gap <= 0.03 ? 1 : 0.4 + 0.6 * Math.Max(0, 1 - gap);
        return Math.Round(Math.Clamp((0.4 + 0.6 * satisfied) * area, 0, 1), 2);
    }
}
