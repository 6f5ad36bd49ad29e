using System.Text.Json;
using LandMap.Core.Crs;
using NetTopologySuite;
using NetTopologySuite.Algorithm.Distance;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.IO.Converters;
using Xunit.Abstractions;

namespace LandMap.Core.Tests.Crs;

/// <summary>
/// The shipped district outlines are WGS 84: taking them back to GCJ-02 with the published forward formula (not the
/// inverse that converted them) gives the GCJ-02 source they came from — pingdingshan-districts.geojson, 高德-derived,
/// MIT (© 2017 jaska), copied into Fixtures/datum with its licence.
/// </summary>
public sealed class ShippedDatumTests(ITestOutputHelper output)
{
    private const double EarthRadiusM = 6371008.8;
    private static readonly GeometryFactory Factory = NtsGeometryServices.Instance.CreateGeometryFactory(4326);
    private static readonly JsonSerializerOptions GeoJson = new() { Converters = { new GeoJsonConverterFactory(Factory) } };

    private static string ShippedDistricts => Path.Combine(TestPaths.RepositoryRoot, "gis-data", "gazetteer", "districts.geojson");

    private static string Gcj02Source => Path.Combine(AppContext.BaseDirectory, "Fixtures", "datum", "pingdingshan-districts-gcj02.geojson");

    public static TheoryData<string> Districts() => [.. Read(Gcj02Source).Keys];

    // Hausdorff distance between the outlines' vertices: the shipped file was rounded to 6 decimals (≤ 0.08 m) and its
    // self-touching rings repaired (same vertices, other ring order), so vertex-by-vertex order cannot be relied on.
    [Theory]
    [MemberData(nameof(Districts))]
    public void ShippedOutlineTakenForwardToGcj02IsItsSourceWithinAMetre(string district)
    {
        // The shipped file repaired the source's self-touching rings (GeometryFixer, gis-data/README.md), which also drops
        // its zero-width spikes one grid step (90–220 m) long: compare with the source repaired the same way.
        var source = GeometryFixer.Fix(Read(Gcj02Source)[district]);
        var shipped = Read(ShippedDistricts)[district];

        var forward = shipped.Copy();
        forward.Apply(new ForwardToGcj02());
        var hausdorffM = DiscreteHausdorffDistance.Distance(Metric(forward), Metric(source));
        var asShippedM = DiscreteHausdorffDistance.Distance(Metric(shipped), Metric(source));

        var areaDifference = Math.Abs(Metric(forward).Area - Metric(source).Area) / Metric(source).Area;
        output.WriteLine($"{district}: forward(shipped) vs GCJ-02 source {hausdorffM:F3} m, area {areaDifference:P4}; shipped vs source {asShippedM:F0} m");
        Assert.True(hausdorffM < 1, $"{district}: {hausdorffM:F3} m");
        Assert.True(areaDifference < 1e-5, $"{district}: area differs by {areaDifference:P4}");
        // And the shipped file is not the GCJ-02 source itself: the conversion moved it by the GCJ-02 offset.
        Assert.InRange(asShippedM, 400, 800);
    }

    private static Dictionary<string, Geometry> Read(string path)
    {
        using var stream = File.OpenRead(path);
        var collection = JsonSerializer.Deserialize<FeatureCollection>(stream, GeoJson)!;
        return collection.ToDictionary(f => (string)f.Attributes["name"], f => f.Geometry);
    }

    // Local equirectangular metres at Pingdingshan (33.73°N), as gis-data/README.md measures.
    private static Geometry Metric(Geometry wgs84)
    {
        var copy = wgs84.Copy();
        var k = Math.PI / 180 * EarthRadiusM;
        copy.Apply(new CoordinateMap((x, y) => (x * k * Math.Cos(33.73 * Math.PI / 180), y * k)));
        return copy;
    }

    private sealed class ForwardToGcj02() : CoordinateMap(ChinaWebDatums.Wgs84ToGcj02);

    private class CoordinateMap(Func<double, double, (double, double)> map) : ICoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            var (x, y) = map(seq.GetX(i), seq.GetY(i));
            seq.SetX(i, x);
            seq.SetY(i, y);
        }
    }
}
