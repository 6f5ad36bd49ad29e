using System.Globalization;
using NetTopologySuite.Algorithm.Distance;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace LandMap.Benchmarks;

/// <summary>
/// <c>geocode compare A B</c>: two <c>geocode dump</c> files entry by entry. An entry is the same when its status, method,
/// confidence, area, checks and warnings are, and its geometry is the same point set to within a centimetre (its vertices
/// may start elsewhere or run the other way). Prints the counts, the largest geometry difference in metres, and the
/// entries that differ in substance.
/// </summary>
internal static class DumpComparison
{
    private const double SameM = 0.01;

    // Metres per degree at Pingdingshan's latitude, enough to tell a centimetre from a metre.
    private const double MetresPerDegreeLat = 110_900;
    private const double MetresPerDegreeLon = 92_500;

    public static int Compare(string beforePath, string afterPath)
    {
        var before = File.ReadAllLines(beforePath);
        var after = File.ReadAllLines(afterPath);
        if (before.Length != after.Length)
        {
            Console.WriteLine($"{beforePath}: {before.Length} entries, {afterPath}: {after.Length}");
            return 1;
        }
        var reader = new WKTReader();
        int identical = 0, formOnly = 0, moved = 0, other = 0;
        var largest = 0.0;
        for (var i = 0; i < before.Length; i++)
        {
            if (before[i] == after[i])
            {
                identical++;
                continue;
            }
            var (a, b) = (before[i].Split('\t'), after[i].Split('\t'));
            if (!a[..9].SequenceEqual(b[..9]))
            {
                other++;
                Console.WriteLine($"- {before[i][..Math.Min(before[i].Length, 400)]}\n+ {after[i][..Math.Min(after[i].Length, 400)]}");
                continue;
            }
            var distance = Metres(reader.Read(a[9]), reader.Read(b[9]));
            largest = Math.Max(largest, distance);
            if (distance <= SameM) formOnly++;
            else
            {
                moved++;
                Console.WriteLine($"~ {string.Join('\t', a[..3])}: geometry {distance.ToString("0.###", CultureInfo.InvariantCulture)} m apart");
            }
        }
        Console.WriteLine($"{before.Length} entries: {identical} identical, {formOnly} the same but for vertex order (≤ {SameM} m), " +
            $"{moved} geometry moved, {other} differ in status/method/confidence/area/checks/warnings; largest geometry difference {largest:0.###} m");
        return moved + other == 0 ? 0 : 1;
    }

    // The Hausdorff distance in metres, the degrees scaled near Pingdingshan.
    private static double Metres(Geometry a, Geometry b)
    {
        static Geometry Scaled(Geometry g)
        {
            var copy = g.Copy();
            copy.Apply(new ScaleFilter());
            copy.GeometryChanged();
            return copy;
        }
        return DiscreteHausdorffDistance.Distance(Scaled(a), Scaled(b), 0.25);
    }

    private sealed class ScaleFilter : ICoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            seq.SetX(i, seq.GetX(i) * MetresPerDegreeLon);
            seq.SetY(i, seq.GetY(i) * MetresPerDegreeLat);
        }
    }
}
