namespace LandMap.Core.Geocoding;

/// <summary>
/// Finds where a growing area first reaches a target, with the answer plain bisection of [0, high] down to
/// <see cref="Resolution"/> would give, in a handful of evaluations instead of ~20.
/// </summary>
/// <remarks>
/// Bisection of [0, high] only ever asks at the points of a grid of step high / 2ⁿ (n halvings until the bracket is
/// at most <see cref="Resolution"/>) and, when the area grows with the scale, ends at the first grid point whose area
/// reaches the target. This finds that same grid point, guessing it by false position on area^(1/power) (a
/// rectangle's area grows with the square of its scale, linearly with its depth) and falling back to halving the
/// bracket when guesses stop closing it. Where the area does not grow steadily (a second clipped piece appears),
/// the two may settle on different points; both are then a point where the area crosses the target.
/// </remarks>
internal static class GridBisection
{
    /// <summary>The bracket width at which bisection stops.</summary>
    public const double Resolution = 1e-5;

    private const int MaxHalvings = 40;

    /// <summary>
    /// The first grid point of [0, <paramref name="high"/>] at which <paramref name="area"/> reaches
    /// <paramref name="target"/> (<paramref name="high"/> when none does); <paramref name="guess"/> is where to look
    /// first, <paramref name="power"/> how the area grows (2: with the square of the argument).
    /// </summary>
    public static double Solve(Func<double, double> area, double target, double high, double guess, int power)
    {
        var halvings = 0;
        for (var width = high; halvings < MaxHalvings && width > Resolution; halvings++) width /= 2;
        var points = 1L << halvings;
        double At(long m) => high * m / points;
        double Root(double a) => power == 2 ? Math.Sqrt(Math.Max(a, 0)) : Math.Max(a, 0);

        // lo: known (or, at 0, taken) below the target; hi: known to reach it, or the unasked end as in bisection.
        long lo = 0, hi = points;
        double fLo = -Root(target), fHi = double.NaN;
        var next = guess / high * points;
        var slow = 0;
        while (hi - lo > 1)
        {
            var m = double.IsFinite(next) ? Math.Clamp((long)Math.Ceiling(next), lo + 1, hi - 1) : lo + (hi - lo) / 2;
            var value = area(At(m));
            var f = Root(value) - Root(target);
            var before = hi - lo;
            if (value < target) (lo, fLo) = (m, f);
            else (hi, fHi) = (m, f);

            // A guess that left more than half the bracket twice running: halve instead, as bisection would.
            slow = (hi - lo) * 2 > before ? slow + 1 : 0;
            if (slow >= 2)
            {
                next = double.NaN;
                slow = 0;
            }
            else if (!double.IsNaN(fHi))
            {
                next = fHi > fLo ? lo + (hi - lo) * (-fLo / (fHi - fLo)) : double.NaN;
            }
            else
            {
                // Both known points are short of the target: extend the line through them.
                var slope = lo > 0 ? (fLo + Root(target)) / lo : 0;
                next = slope > 0 ? lo - fLo / slope : double.NaN;
            }
        }
        return At(hi);
    }
}
