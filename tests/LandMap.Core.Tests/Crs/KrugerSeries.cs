namespace LandMap.Core.Tests.Crs;

/// <summary>
/// An independent forward Transverse Mercator: the Krüger n-series to 6th order (Karney 2011, eq. 35),
/// accurate to a few nanometres within the zone. Used only to check ProjNet.
/// </summary>
internal static class KrugerSeries
{
    public static (double E, double N) Forward(double lon, double lat, double lon0, double a, double inverseFlattening,
        double k0 = 1, double falseEasting = 500_000, double falseNorthing = 0)
    {
        var f = 1 / inverseFlattening;
        var n = f / (2 - f);
        var n2 = n * n;
        var n3 = n2 * n;
        var n4 = n3 * n;
        var n5 = n4 * n;
        var n6 = n5 * n;
        var rectifyingRadius = a / (1 + n) * (1 + (n2 / 4) + (n4 / 64) + (n6 / 256));
        double[] alpha =
        [
            (n / 2) - (2 * n2 / 3) + (5 * n3 / 16) + (41 * n4 / 180) - (127 * n5 / 288) + (7891 * n6 / 37800),
            (13 * n2 / 48) - (3 * n3 / 5) + (557 * n4 / 1440) + (281 * n5 / 630) - (1983433 * n6 / 1935360),
            (61 * n3 / 240) - (103 * n4 / 140) + (15061 * n5 / 26880) + (167603 * n6 / 181440),
            (49561 * n4 / 161280) - (179 * n5 / 168) + (6601661 * n6 / 7257600),
            (34729 * n5 / 80640) - (3418889 * n6 / 1995840),
            212378941 * n6 / 319334400,
        ];

        var e = Math.Sqrt(f * (2 - f));
        var phi = lat * Math.PI / 180;
        var lambda = (lon - lon0) * Math.PI / 180;
        var sinPhi = Math.Sin(phi);
        var t = Math.Sinh(Math.Atanh(sinPhi) - (e * Math.Atanh(e * sinPhi)));
        var xiPrime = Math.Atan2(t, Math.Cos(lambda));
        var etaPrime = Math.Atanh(Math.Sin(lambda) / Math.Sqrt(1 + (t * t)));
        var xi = xiPrime;
        var eta = etaPrime;
        for (var j = 1; j <= 6; j++)
        {
            xi += alpha[j - 1] * Math.Sin(2 * j * xiPrime) * Math.Cosh(2 * j * etaPrime);
            eta += alpha[j - 1] * Math.Cos(2 * j * xiPrime) * Math.Sinh(2 * j * etaPrime);
        }

        return (falseEasting + (k0 * rectifyingRadius * eta), falseNorthing + (k0 * rectifyingRadius * xi));
    }
}
