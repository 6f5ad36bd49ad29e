using CsCheck;
using LandMap.Core.Crs;
using LandMap.Core.Geocoding;
using LandMap.Tests.Shared;
using NetTopologySuite.Geometries;
using Xunit.Abstractions;

namespace LandMap.Core.Tests.Geocoding;

/// <summary>
/// A placed parcel is stored in WGS 84 at 1e-7°. Most are rectangles, rounded vertex by vertex without snap-rounding's
/// overlay; the stored form must be the one snap-rounding gives, for rectangles and for the shapes clipping leaves
/// (notches, spikes a millimetre wide or flat, necks, vertices a hair off an edge).
/// </summary>
public sealed class StoredFormTests(ITestOutputHelper output)
{
    private static readonly MetricPlane Plane = MetricPlane.Gk114;

    // A rectangle of any size and bearing near Pingdingshan, then bent: a notch cut in, a spike or a near-touch added.
    private static readonly Gen<Polygon> Parcels =
        Gen.Select(Gen.Double[430_000, 470_000], Gen.Double[3_720_000, 3_760_000], Gen.Double[0.5, 1500], Gen.Double[0.5, 1500], Gen.Double[0, Math.PI])
            .SelectMany(r => Gen.Int[0, 3].SelectMany(bend => Gen.Double[1e-4, 0.2].Select(hair => Bent(r.Item1, r.Item2, r.Item3, r.Item4, r.Item5, bend, hair))));

    [Fact]
    public void VertexByVertexRoundingStoresWhatSnapRoundingStores()
    {
        var bent = 0;
        var cases = FixedSeed.Run(Parcels, 5_000, 20261207, parcel =>
        {
            if (parcel.NumPoints > 5) bent++;
            var stored = ParcelGeocoder.ToWgs84(parcel, Plane);
            var snapRounded = ParcelGeocoder.SnapRoundedToWgs84(parcel, Plane);
            Assert.True(stored.EqualsExact(snapRounded), $"{stored} vs {snapRounded}");
            Assert.True(stored.IsValid);
        }, p => p.ToString());
        output.WriteLine($"stored form (seed 20261207): {cases} parcels, {bent} bent, each stored as snap-rounding stores it");
    }

    // A rectangle with a flat spike, as clipping along a neighbour's edge leaves one (447844 → 447984 → 447810 in a
    // synthetic column): on from a corner along the bottom edge's line and back, 10 nm apart. The spike is 1 mm to 3 m
    // long (under a neck, snap-rounding may keep it), of one vertex or two (back part of the way first), and the ring
    // starts at any of its vertices.
    private static readonly Gen<(Polygon Parcel, double SpikeM)> FlatSpiked =
        Gen.Select(Gen.Double[430_000, 470_000], Gen.Double[3_720_000, 3_760_000], Gen.Double[0.5, 1500], Gen.Double[0.5, 1500], Gen.Double[0, Math.PI])
            .SelectMany(r => Gen.Select(Gen.Double[0.001, 3], Gen.Bool, Gen.Int[0, 5],
                (length, twoVertices, start) => (Spiked(r.Item1, r.Item2, r.Item3, r.Item4, r.Item5, length, twoVertices, start), length)));

    [Fact]
    public void AFlatSpikeIsStoredAsSnapRoundingStoresIt()
    {
        var (spiked, withoutOverlay) = (0, 0);
        var cases = FixedSeed.Run(FlatSpiked, 2_000, 20261208, t =>
        {
            var (parcel, spikeM) = t;
            if (parcel.NumPoints >= 6) spiked++;
            var stored = ParcelGeocoder.ToWgs84(parcel, Plane);
            Assert.True(stored.EqualsExact(ParcelGeocoder.SnapRoundedToWgs84(parcel, Plane)), $"{stored} vs snap-rounded");
            Assert.True(stored.IsValid);
            if (ParcelGeocoder.RoundedVertexByVertex(parcel, Plane) is not null) withoutOverlay++;
            // A spike longer than a neck, clear of the rest, is dissolved without snap-rounding's overlay.
            else Assert.True(spikeM < 0.1 || parcel.NumPoints < 6, $"a {spikeM:0.###} m spike went to snap-rounding");
        }, t => $"{t.SpikeM:0.###} m: {t.Parcel}");
        output.WriteLine($"flat spikes (seed 20261208): {cases} parcels, {spiked} valid with the spike, {withoutOverlay} stored without snap-rounding");
        Assert.True(spiked > cases / 2, "most generated spikes should make valid polygons");
        Assert.True(withoutOverlay > cases / 2, "most spikes are longer than a neck and should not need snap-rounding");
    }

    private static Polygon Spiked(double x, double y, double w, double h, double bearing, double length, bool twoVertices, int start)
    {
        var (u, v) = ((Math.Cos(bearing), Math.Sin(bearing)), (-Math.Sin(bearing), Math.Cos(bearing)));
        Coordinate At(double a, double b) => new(x + u.Item1 * a + v.Item1 * b, y + u.Item2 * a + v.Item2 * b);
        Coordinate[] corners = twoVertices
            ? [At(0, 0), At(0, h), At(w, h), At(w, 0), At(w + length, -1e-8), At(w + length / 2, -1.5e-8)]
            : [At(0, 0), At(0, h), At(w, h), At(w, 0), At(w + length, -1e-8)];
        var ring = corners.Skip(start % corners.Length).Concat(corners.Take(start % corners.Length)).ToArray();
        var polygon = Plane.Factory.CreatePolygon([.. ring, ring[0]]);
        return polygon.IsValid ? polygon : Plane.Factory.CreatePolygon([At(0, 0), At(0, h), At(w, h), At(w, 0), At(0, 0)]);
    }

    private static Polygon Bent(double x, double y, double w, double h, double bearing, int bend, double hair)
    {
        var (u, v) = ((Math.Cos(bearing), Math.Sin(bearing)), (-Math.Sin(bearing), Math.Cos(bearing)));
        Coordinate At(double a, double b) => new(x + u.Item1 * a + v.Item1 * b, y + u.Item2 * a + v.Item2 * b);
        var corners = bend switch
        {
            // A spike: out along the bottom edge's line and back, hair metres wide.
            1 => new[] { At(0, 0), At(w, 0), At(w, h), At(0, h), At(0, h / 2 + hair), At(-w / 3, h / 2), At(0, h / 2) },
            // A notch from the top whose tip comes within hair metres of the bottom edge.
            2 => [At(0, 0), At(w, 0), At(w, h), At(w * 0.6, h), At(w / 2, hair), At(w * 0.4, h), At(0, h)],
            // A vertex hair metres off the straight line of the left edge.
            3 => [At(0, 0), At(w, 0), At(w, h), At(0, h), At(hair, h / 2)],
            _ => [At(0, 0), At(w, 0), At(w, h), At(0, h)],
        };
        var polygon = Plane.Factory.CreatePolygon([.. corners, corners[0]]);
        return polygon.IsValid ? polygon : (Polygon)Plane.Factory.CreatePolygon([.. corners.Take(4), corners[0]]);
    }
}
