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
    // synthetic column): on from a corner along the bottom edge's line and back past that corner, 10 nm apart.
    private static readonly Gen<Polygon> FlatSpiked =
        Gen.Select(Gen.Double[430_000, 470_000], Gen.Double[3_720_000, 3_760_000], Gen.Double[0.5, 1500], Gen.Double[0.5, 1500], Gen.Double[0, Math.PI])
            .SelectMany(r => Gen.Double[1e-3, 2].Select(length => Bent(r.Item1, r.Item2, r.Item3, r.Item4, r.Item5, bend: 4, hair: length)));

    [Fact]
    public void AFlatSpikeIsStoredAsSnapRoundingStoresIt()
    {
        var spiked = 0;
        var cases = FixedSeed.Run(FlatSpiked, 2_000, 20261208, parcel =>
        {
            if (parcel.NumPoints == 6) spiked++;
            var stored = ParcelGeocoder.ToWgs84(parcel, Plane);
            Assert.True(stored.EqualsExact(ParcelGeocoder.SnapRoundedToWgs84(parcel, Plane)), $"{stored} vs snap-rounded");
            Assert.True(stored.IsValid);
            // Snap-rounding dissolves the spike: what is stored is the rectangle, and it is stored without that overlay.
            Assert.Equal(5, stored.NumPoints);
            Assert.NotNull(ParcelGeocoder.RoundedVertexByVertex(parcel, Plane));
        }, p => p.ToString());
        output.WriteLine($"flat spikes (seed 20261208): {cases} parcels, {spiked} of them valid with the spike");
        Assert.True(spiked > cases / 2, "most generated spikes should make valid polygons");
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
            // A flat spike hair × w long (FlatSpiked).
            4 => [At(0, 0), At(0, h), At(w, h), At(w, 0), At(w * (1 + hair), -1e-8)],
            _ => [At(0, 0), At(w, 0), At(w, h), At(0, h)],
        };
        var polygon = Plane.Factory.CreatePolygon([.. corners, corners[0]]);
        return polygon.IsValid ? polygon : (Polygon)Plane.Factory.CreatePolygon([.. corners.Take(4), corners[0]]);
    }
}
