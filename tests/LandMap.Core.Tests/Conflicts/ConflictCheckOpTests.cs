using CsCheck;
using LandMap.Core.Conflicts;
using LandMap.Core.Crs;
using LandMap.Core.Layers;
using LandMap.Tests.Shared;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using Xunit.Abstractions;

namespace LandMap.Core.Tests.Conflicts;

/// <summary>
/// Parcels and layer features built in EPSG:4547 (CGCS2000 / 3° GK CM 114E, the zone of 113.3°E) where overlaps are known
/// by construction, handed over in WGS 84 as the store does.
/// </summary>
public sealed class ConflictCheckOpTests(ITestOutputHelper output)
{
    private const double SquareMetresPerMu = 10_000.0 / 15;
    private static readonly GeometryFactory Factory = new();

    // A point in 卫东区, 平顶山 (about 113.33°E, 33.73°N) in EPSG:4547 metres.
    private static readonly (double E, double N) Origin = MetricPlane.Gk114.ToPlane(113.33, 33.73);

    /// <summary>A rectangle in the GK plane (metres from <see cref="Origin"/>), rotated by <paramref name="degrees"/> about the origin, as WGS 84.</summary>
    private static Geometry Box(double x0, double y0, double x1, double y1, double degrees = 0)
    {
        var a = degrees * Math.PI / 180;
        Coordinate At(double x, double y) =>
            new(Origin.E + x * Math.Cos(a) - y * Math.Sin(a), Origin.N + x * Math.Sin(a) + y * Math.Cos(a));
        var ring = Factory.CreatePolygon([At(x0, y0), At(x1, y0), At(x1, y1), At(x0, y1), At(x0, y0)]);
        return MetricPlane.Gk114.ToWgs84(ring);
    }

    private static OverlayFeature Feature(string key, Geometry g, string? dlbm = null) => new(key, g, dlbm);

    [Fact]
    public void FarmlandOverlapKnownByConstructionIsReportedInMuAndShare()
    {
        var parcel = Box(0, 0, 200, 100);
        var farmland = Box(150, -50, 400, 300);
        var result = ConflictCheckOp.Run(parcel, "永久基本农田", LayerKind.Farmland, [Feature("JB001", farmland), Feature("JB002", Box(1000, 1000, 1100, 1100))]);
        Assert.NotNull(result);
        Assert.Equal(50 * 100 / SquareMetresPerMu, result.AreaMu, 0.01);
        Assert.Equal(0.25, result.Share, 4);
        Assert.Equal(["JB001"], result.Features);
        Assert.Equal("farmland", result.Kind);
    }

    [Fact]
    public void EdgeOnlyTouchIsNoConflict()
    {
        var parcel = Box(0, 0, 100, 100, degrees: 17);
        var redline = Box(100, 0, 300, 100, degrees: 17);
        Assert.Null(ConflictCheckOp.Run(parcel, "生态保护红线", LayerKind.EcoRedline, [Feature("H1", redline)]));
    }

    [Fact]
    public void SliverBelowToleranceIsNoConflictButCountsWhenTheToleranceIsLower()
    {
        var parcel = Box(0, 0, 100, 100);
        var sliver = Box(99.995, 0, 200, 100); // 0.005 m × 100 m = 0.5 m²
        Assert.Null(ConflictCheckOp.Run(parcel, "农田", LayerKind.Farmland, [Feature("S", sliver)]));
        var strict = new ConflictCheckOp(new ConflictOptions { ToleranceM2 = 0.1 }).Check(parcel, "农田", LayerKind.Farmland, [Feature("S", sliver)]);
        Assert.NotNull(strict);
        Assert.Equal(0.5, strict.AreaMu * SquareMetresPerMu, 0.05);
    }

    [Fact]
    public void UrbanBoundaryReportsThePartOutside()
    {
        var parcel = Box(0, 0, 100, 100);
        var boundary = Box(-500, -500, 70, 500);
        var result = ConflictCheckOp.Run(parcel, "城镇开发边界", LayerKind.UrbanBoundary, [Feature("B", boundary)]);
        Assert.NotNull(result);
        Assert.Equal(3000 / SquareMetresPerMu, result.AreaMu, 0.01);
        Assert.Equal(0.3, result.Share, 4);
        Assert.Null(ConflictCheckOp.Run(parcel, "城镇开发边界", LayerKind.UrbanBoundary, [Feature("B", Box(-500, -500, 500, 500))]));
        Assert.Equal(1.0, ConflictCheckOp.Run(parcel, "城镇开发边界", LayerKind.UrbanBoundary, [])!.Share);
    }

    [Fact]
    public void LandSurveyGivesTheCompositionAndCultivatedLandApart()
    {
        var parcel = Box(0, 0, 300, 100);
        var result = ConflictCheckOp.Run(parcel, "三调", LayerKind.LandSurvey,
        [
            Feature("1", Box(0, 0, 100, 100), "0103"), Feature("2", Box(100, 0, 150, 100), "0101"), Feature("3", Box(150, 0, 250, 100), "0601"),
            Feature("4", Box(250, 0, 300, 100), "1104"),
        ]);
        Assert.NotNull(result);
        Assert.Equal(15000 / SquareMetresPerMu, result.CultivatedMu!.Value, 0.01);
        Assert.Equal(result.CultivatedMu, result.ConflictMu);
        Assert.Equal(["耕地", "建设用地", "水域"], result.Composition!.Select(p => p.Class));
        Assert.Equal("工矿用地", result.Composition![1].Group);
        Assert.Equal(0.5, result.Composition[0].Share, 4);
        Assert.Equal(4, result.FeatureCount);
    }

    [Fact]
    public void ABrokenFeatureIsCountedNotThrown()
    {
        var parcel = Box(0, 0, 100, 100);
        var bowTie = Factory.CreatePolygon(Box(50, 50, 150, 150).Coordinates is var c
            ? new[] { c[0], c[2], c[1], c[3], c[0] } : null);
        var nan = Factory.CreatePolygon([new(113, 33), new(double.NaN, 33.5), new(113, 34), new(113, 33)]);
        var result = ConflictCheckOp.Run(parcel, "农田", LayerKind.Farmland, [Feature("bad", nan), Feature("bow", bowTie), Feature("ok", Box(0, 0, 10, 100))]);
        Assert.NotNull(result);
        Assert.Contains("ok", result.Features);
        Assert.True(result.Problems >= 1, $"problems {result.Problems}");
    }

    [Fact]
    public void KnownOverlapsOfRandomRectanglesAreReportedWithinATenthOfAMu()
    {
        var gen = Gen.Select(Gen.Double[20, 600], Gen.Double[20, 600], Gen.Double[-700, 700], Gen.Double[-700, 700], Gen.Double[20, 800], Gen.Double[20, 800], Gen.Double[0, 90]);
        var conflicts = 0;
        var cases = FixedSeed.Run(gen, 400, seed: 13, t =>
        {
            var (w, h, dx, dy, fw, fh, angle) = t;
            var parcel = Box(0, 0, w, h, angle);
            var farmland = Box(dx, dy, dx + fw, dy + fh, angle);
            var known = Math.Max(0, Math.Min(w, dx + fw) - Math.Max(0, dx)) * Math.Max(0, Math.Min(h, dy + fh) - Math.Max(0, dy));
            var result = ConflictCheckOp.Run(parcel, "农田", LayerKind.Farmland, [Feature("F", farmland)]);
            if (known < ConflictOptions.DefaultToleranceM2 * 0.9) Assert.Null(result);
            else if (known > ConflictOptions.DefaultToleranceM2 * 1.1)
            {
                Assert.NotNull(result);
                Assert.InRange(result.AreaMu - known / SquareMetresPerMu, -0.1, 0.1);
                Assert.InRange(result.Share - known / (w * h), -1e-3, 1e-3);
                conflicts++;
            }
        }, t => $"parcel {t.Item1:0.#}×{t.Item2:0.#}, farmland at ({t.Item3:0.#}, {t.Item4:0.#}) {t.Item5:0.#}×{t.Item6:0.#}, {t.Item7:0.#}°");
        output.WriteLine($"{cases} random parcel/farmland pairs (seed 13), {conflicts} overlapping, each within 0.1 亩 of the constructed overlap");
    }

    [Fact]
    public void RandomSplitsOfAParcelByTheBoundaryAddUp()
    {
        var gen = Gen.Select(Gen.Double[30, 500], Gen.Double[30, 500], Gen.Double[0.05, 0.95], Gen.Double[0, 180]);
        var cases = FixedSeed.Run(gen, 300, seed: 29, t =>
        {
            var (w, h, cut, angle) = t;
            var parcel = Box(0, 0, w, h, angle);
            var boundary = Box(-1000, -1000, w * cut, 1000, angle);
            var outside = ConflictCheckOp.Run(parcel, "边界", LayerKind.UrbanBoundary, [Feature("B", boundary)]);
            Assert.NotNull(outside);
            Assert.InRange(outside.AreaMu - w * h * (1 - cut) / SquareMetresPerMu, -0.1, 0.1);
        });
        output.WriteLine($"{cases} random boundary cuts (seed 29), outside part within 0.1 亩");
    }
}
