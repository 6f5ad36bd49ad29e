using LandMap.Core.Crs;
using LandMap.Core.Layers;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Operation.Union;

namespace LandMap.Core.Conflicts;

/// <summary>
/// Checks one parcel against the features of one layer: geometry in, figures out. All metric work is in the CGCS2000 3°
/// Gauss-Krüger zone (no prefix) of the parcel's centroid (<see cref="GaussKrugerZones.AreaCrs"/>), parcel and features
/// projected from WGS 84 alike.
/// </summary>
/// <remarks>
/// Fallback chain per feature, in order: OverlayNG with its own snapping (<see cref="OverlayNGRobust"/>); on a topology or
/// argument exception, both geometries repaired by <see cref="GeometryFixer"/> and overlaid again; if that fails too,
/// the feature is counted in <see cref="LayerConflict.Problems"/> and left out — one bad feature never takes the check
/// down. Overlaps below <see cref="ConflictOptions.ToleranceM2"/> (per feature and in total) are slivers and do not
/// count, so a parcel sharing only an edge with a polygon has no conflict.
/// </remarks>
public sealed class ConflictCheckOp(ConflictOptions? options = null)
{
    private const double SquareMetresPerMu = 10_000.0 / 15;

    // ProjNet transforms are not promised thread-safe: one per thread and zone.
    private static readonly ThreadLocal<Dictionary<int, CrsTransformer>> Transformers = new(() => []);

    private readonly ConflictOptions _options = options ?? new ConflictOptions();

    /// <summary>The layer kinds every parcel is checked against.</summary>
    public static readonly IReadOnlyList<LayerKind> CheckedKinds =
        [LayerKind.Farmland, LayerKind.EcoRedline, LayerKind.UrbanBoundary, LayerKind.LandSurvey, LayerKind.Cadastre];

    /// <summary>Checks with default options; see <see cref="Check(Geometry, string, LayerKind, IEnumerable{OverlayFeature})"/>.</summary>
    public static LayerConflict? Run(Geometry parcel, string layer, LayerKind kind, IEnumerable<OverlayFeature> features) =>
        new ConflictCheckOp().Check(parcel, layer, kind, features);

    /// <summary>
    /// What <paramref name="parcel"/> (WGS 84, polygonal) has with <paramref name="features"/> of layer <paramref name="layer"/>:
    /// null when nothing reaches the tolerance (or the parcel is not a polygon).
    /// </summary>
    /// <param name="parcel">The parcel outline, WGS 84 lon/lat.</param>
    /// <param name="layer">The layer's name, copied into the result.</param>
    /// <param name="kind">The layer's kind: urban-boundary reports the part outside; land-survey the composition.</param>
    /// <param name="features">The layer's features near the parcel (more do no harm: non-intersecting ones are skipped).</param>
    public LayerConflict? Check(Geometry parcel, string layer, LayerKind kind, IEnumerable<OverlayFeature> features)
    {
        ArgumentNullException.ThrowIfNull(parcel);
        ArgumentNullException.ThrowIfNull(features);
        if (parcel is not IPolygonal || parcel.IsEmpty) return null;
        var transformer = TransformerFor(parcel);
        var projected = transformer.Transform(parcel);
        if (!projected.IsSuccess) return null;
        var plane = projected.Value.IsValid ? projected.Value : GeometryFixer.Fix(projected.Value);
        var parcelM2 = plane.Area;
        if (parcelM2 <= 0) return null;
        var prepared = PreparedGeometryFactory.Prepare(plane);

        var problems = 0;
        var keys = new List<string>();
        var featureCount = 0;
        var totalM2 = 0.0;
        var byGroup = new Dictionary<(string Class, string Group), double>();
        var insideParts = new List<Geometry>();
        foreach (var feature in features)
        {
            var f = transformer.Transform(feature.Geometry);
            if (!f.IsSuccess) { problems++; continue; }
            if (f.Value is not IPolygonal || !prepared.Intersects(f.Value)) continue;
            var overlap = Intersect(plane, f.Value);
            if (overlap is null) { problems++; continue; }
            var m2 = overlap.Area;
            if (kind == LayerKind.UrbanBoundary)
            {
                if (m2 > 0) insideParts.Add(overlap);
                continue;
            }
            if (m2 < _options.ToleranceM2) continue;
            featureCount++;
            if (keys.Count < _options.MaxFeatureKeys) keys.Add(feature.Key);
            totalM2 += m2;
            if (kind == LayerKind.LandSurvey)
            {
                var group = LandSurveyClasses.Of(feature.LandClassCode);
                byGroup[group] = byGroup.GetValueOrDefault(group) + m2;
            }
        }

        if (kind == LayerKind.UrbanBoundary)
        {
            var insideM2 = insideParts.Count == 0 ? 0 : Union(insideParts, ref problems)?.Area ?? Math.Min(parcelM2, insideParts.Sum(p => p.Area));
            var outsideM2 = Math.Max(0, parcelM2 - insideM2);
            return outsideM2 < _options.ToleranceM2 ? null
                : new LayerConflict(layer, kind.Name(), Mu(outsideM2), Share(outsideM2, parcelM2), [], 0, Problems: problems);
        }
        if (totalM2 < _options.ToleranceM2) return null;
        if (kind != LayerKind.LandSurvey)
            return new LayerConflict(layer, kind.Name(), Mu(totalM2), Share(totalM2, parcelM2), keys, featureCount, Problems: problems);

        var composition = byGroup
            .OrderBy(g => LandSurveyClasses.Rank(g.Key.Class)).ThenByDescending(g => g.Value)
            .Select(g => new CompositionPart(g.Key.Class, g.Key.Group, Mu(g.Value), Share(g.Value, parcelM2))).ToList();
        var cultivatedM2 = byGroup.Where(g => g.Key.Class == LandSurveyClasses.Cultivated).Sum(g => g.Value);
        return new LayerConflict(layer, kind.Name(), Mu(totalM2), Share(totalM2, parcelM2), keys, featureCount, composition,
            Mu(cultivatedM2 < _options.ToleranceM2 ? 0 : cultivatedM2), problems);
    }

    private static CrsTransformer TransformerFor(Geometry parcel)
    {
        var target = GaussKrugerZones.AreaCrs(parcel.EnvelopeInternal.Centre.X);
        var cache = Transformers.Value!;
        if (!cache.TryGetValue(target.Srid, out var transformer))
            cache[target.Srid] = transformer = CrsTransformer.Create(KnownCrs.Wgs84, target).Value;
        return transformer;
    }

    private static Geometry? Intersect(Geometry a, Geometry b)
    {
        try
        {
            return OverlayNGRobust.Overlay(a, b, SpatialFunction.Intersection);
        }
        catch (Exception e) when (e is TopologyException or ArgumentException or InvalidOperationException)
        {
            try
            {
                return OverlayNGRobust.Overlay(GeometryFixer.Fix(a), GeometryFixer.Fix(b), SpatialFunction.Intersection);
            }
            catch (Exception again) when (again is TopologyException or ArgumentException or InvalidOperationException)
            {
                return null;
            }
        }
    }

    private static Geometry? Union(List<Geometry> parts, ref int problems)
    {
        try
        {
            return UnaryUnionOp.Union(parts);
        }
        catch (Exception e) when (e is TopologyException or ArgumentException or InvalidOperationException)
        {
            problems++;
            // Overlapping boundary features are rare; without a union their areas are summed.
            return null;
        }
    }

    private static double Mu(double m2) => Math.Round(m2 / SquareMetresPerMu, 4);

    private static double Share(double part, double whole) => Math.Round(Math.Clamp(part / whole, 0, 1), 6);
}
