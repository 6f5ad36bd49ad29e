namespace LandMap.Tiles.Print;

/// <summary>The round scales maps are printed at, and the choice of one that fits.</summary>
public static class SheetScales
{
    /// <summary>Smallest first: 1:500 … 1:500 000.</summary>
    public static IReadOnlyList<int> Round { get; } = [500, 1000, 2000, 5000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000];

    /// <summary>The smallest accepted <c>--scale</c>: larger than 1:100 is no longer a map.</summary>
    public const int MinDenominator = 100;

    /// <summary>The largest accepted <c>--scale</c>.</summary>
    public const int MaxDenominator = 5_000_000;

    /// <summary>
    /// The largest-scale round denominator at which <paramref name="widthM"/> × <paramref name="heightM"/> ground metres fit
    /// a frame of <paramref name="frameWidthMm"/> × <paramref name="frameHeightMm"/>; the last round scale when nothing fits.
    /// </summary>
    public static int Fit(double widthM, double heightM, double frameWidthMm, double frameHeightMm)
    {
        var needed = Math.Max(widthM / frameWidthMm, heightM / frameHeightMm) * 1000;
        return Round.FirstOrDefault(s => s >= needed, Round[^1]);
    }

    /// <summary>"1:2000", "1：2000" or "2000" to 2000; null when not a scale LandMap prints.</summary>
    public static int? Parse(string text)
    {
        var denominator = text.Trim().Replace('：', ':');
        if (denominator.StartsWith("1:", StringComparison.Ordinal)) denominator = denominator[2..];
        return int.TryParse(denominator.Replace(",", "").Replace("_", ""), System.Globalization.NumberStyles.None,
                   System.Globalization.CultureInfo.InvariantCulture, out var n)
               && n is >= MinDenominator and <= MaxDenominator
            ? n
            : null;
    }

    /// <summary>A ground length in metres that is 1, 2 or 5 × 10ⁿ and at most <paramref name="maxM"/>.</summary>
    public static double NiceLength(double maxM)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(maxM)));
        foreach (var step in new[] { 5, 2, 1 })
        {
            if (step * power <= maxM) return step * power;
        }

        return power;
    }
}
