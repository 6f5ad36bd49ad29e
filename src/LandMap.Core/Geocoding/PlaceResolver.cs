using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using LandMap.Core.Crs;
using LandMap.Core.Gazetteer;
using LandMap.Core.Geocoding.Roads;
using NetTopologySuite.Geometries;

namespace LandMap.Core.Geocoding;

/// <summary>A name found in the gazetteer, with its geometry in the metres of the district's <see cref="MetricPlane"/>.</summary>
/// <param name="Name">The name as the report printed it.</param>
/// <param name="Feature">The gazetteer feature it resolved to.</param>
/// <param name="Metric">The feature's geometry in metres.</param>
/// <param name="Note">How it was resolved when not directly (规划 dropped, ambiguity), or null.</param>
public sealed record ResolvedPlace(string Name, GazetteerFeature Feature, Geometry Metric, string? Note)
{
    /// <summary>How far off the feature may be, in metres (500 when the gazetteer does not say).</summary>
    public double PrecisionM => Feature.PrecisionM ?? 500;

    /// <summary>True for roads, railways, rivers, canals and boundaries drawn as lines.</summary>
    public bool IsLine => Metric is LineString or MultiLineString;

    /// <summary>A road of a real network (many ways, dual carriageways, 辅路) read as one road; null for a hand-drawn line.</summary>
    public RoadGeometry? Road { get; init; }

    /// <summary>True for a place taken from the official lists' centre points (<see cref="DivisionPoints"/>): an entry using it is at best approximate.</summary>
    public bool ApproximateOnly { get; init; }
}

/// <summary>
/// Resolves printed names through the gazetteer. Fallbacks, in order: the name as printed; without a
/// 规划/原 prefix (规划矿工路 → 矿工路); without a vicinity tail (十二矿独立工矿区部分区域 → 十二矿独立工矿区).
/// Among several hits it prefers a canonical name over an alias and the wanted kinds; when a name matches
/// more than one feature it says so (许南路 is also 原许南路, now 昆阳大道); a street a network has only as its side road
/// (惠新西街 → 惠新西街辅路); a village written with its 街道/乡镇 (蒲城街道辛南村 → 辛南村, in the district of that
/// town); last, a 村/社区 the gazetteer lacks, from the official lists' centre points (<see cref="DivisionPoints"/>).
/// A road of a real network comes with its <see cref="RoadGeometry"/>.
/// All geometries are in <see cref="Plane"/>: the given one, else the 3° Gauss-Krüger zone of the district's gazetteer
/// feature (EPSG:4547 for Pingdingshan, and when the district is unknown).
/// </summary>
public sealed partial class PlaceResolver(GazetteerIndex gazetteer, string? district, MetricPlane? plane = null)
{
    private readonly MetricPlane _plane = plane ?? PlaneOf(gazetteer, district);

    [GeneratedRegex(@"^(?:规划|原|老)")]
    private static partial Regex PrefixRegex();

    [GeneratedRegex(@"(?<!辅路)(?:路|街|大道)$")]
    private static partial Regex StreetRegex();

    [GeneratedRegex(@"(?:及其周边区域|及其周边|周边区域|部分区域|周边|一带|附近)$")]
    private static partial Regex VicinityRegex();

    /// <summary>The gazetteer this resolver reads.</summary>
    public GazetteerIndex Gazetteer => gazetteer;

    /// <summary>The plane every geometry of this resolver is in.</summary>
    public MetricPlane Plane => _plane;

    /// <summary>
    /// The corridors (this plane) of a real network's roads within <paramref name="distanceM"/> of <paramref name="at"/>,
    /// whatever their names: land keeps off the streets. None for a hand-drawn gazetteer.
    /// </summary>
    public IReadOnlyList<Geometry> StreetsNear(Coordinate at, double distanceM)
    {
        if (!RoadNetwork.HasNetwork(gazetteer)) return [];
        var point = _plane.ToWgs84(_plane.Factory.CreatePoint(at));
        return gazetteer.Within(point, distanceM, PlaceKind.Road)
            .Where(n => n.Feature.Ways is not null)
            .Select(n => RoadNetwork.For(gazetteer, n.Feature, district, _plane)?.Corridor)
            .OfType<Geometry>()
            .ToList();
    }

    /// <summary>The plane of a district: the zone of its gazetteer feature's centroid; EPSG:4547 when it has none.</summary>
    public static MetricPlane PlaneOf(GazetteerIndex gazetteer, string? district) =>
        DistrictFeature(gazetteer, district) is { } feature ? MetricPlane.ForLongitude(feature.Geometry.Centroid.X) : MetricPlane.Gk114;

    // A gazetteer never changes once built, so a name resolves the same way in every column of a district; entries
    // name the same roads and villages again and again. Names come from reports: past this many the cache starts over.
    private static readonly ConditionalWeakTable<GazetteerIndex, ConcurrentDictionary<(string? District, int Epsg, string Name, bool Line), ResolvedPlace?>> Resolved = new();
    internal const int ResolvedCap = 50_000;

    /// <summary>Resolves <paramref name="name"/>, preferring lines or places as the grammar expects; null when unknown.</summary>
    public ResolvedPlace? Resolve(string name, bool preferLine)
    {
        var cache = Resolved.GetValue(gazetteer, _ => new());
        var key = (district, _plane.Epsg, name, preferLine);
        if (cache.TryGetValue(key, out var known)) return known;
        if (cache.Count >= ResolvedCap) cache.Clear();
        return cache.GetOrAdd(key, _ => ResolveOnce(name, preferLine));
    }

    private ResolvedPlace? ResolveOnce(string name, bool preferLine)
    {
        foreach (var (candidate, note, inDistrict) in Candidates(name))
        {
            var hits = gazetteer.Lookup(candidate, inDistrict);
            if (hits.Count == 0) continue;
            var best = hits.OrderBy(h => h.MatchedBy).ThenBy(h => IsLineKind(h.Feature.Kind) == preferLine ? 0 : 1).First();
            var others = hits.Where(h => !ReferenceEquals(h.Feature, best.Feature)).Select(h => h.Feature.Name).Distinct().ToList();
            var ambiguity = others.Count > 0 ? $"{name} 也可能指 {string.Join("、", others)}；取 {best.Feature.Name}" : null;
            var text = string.Join("；", new[] { note, ambiguity }.Where(t => t is not null));
            return new ResolvedPlace(name, best.Feature, gazetteer.MetricGeometry(best.Feature, _plane), text.Length > 0 ? text : null)
            {
                Road = preferLine ? RoadNetwork.For(gazetteer, best.Feature, district, _plane) : null,
            };
        }
        return FromLists(name);
    }

    private ResolvedPlace? FromLists(string name)
    {
        if (district is null || DivisionPoints.Locate(gazetteer.Villages, district, name) is not { Feature: { } feature } found) return null;
        return new ResolvedPlace(name, feature, _plane.ToPlane(feature.Geometry), found.Note) { ApproximateOnly = true };
    }

    /// <summary>The district polygon in metres, or null when the gazetteer has none.</summary>
    public Geometry? DistrictArea() =>
        DistrictFeature(gazetteer, district) is { } feature ? gazetteer.MetricGeometry(feature, _plane) : null;

    private static GazetteerFeature? DistrictFeature(GazetteerIndex gazetteer, string? district) =>
        district is null ? null : gazetteer.Lookup(district).Where(h => h.Feature.Kind == PlaceKind.District).Select(h => h.Feature).FirstOrDefault();

    private IEnumerable<(string Name, string? Note, string? District)> Candidates(string name)
    {
        yield return (name, null, district);
        var bare = PrefixRegex().Replace(name, "");
        if (bare != name && bare.Length >= 2) yield return (bare, $"{name} 按 {bare} 查找", district);
        var core = VicinityRegex().Replace(bare, "");
        if (core != bare && core.Length >= 2) yield return (core, $"{name} 按 {core} 查找", district);
        // A network may have only the side road of a street under its name (惠新西街 → 惠新西街辅路).
        if (StreetRegex().IsMatch(core)) yield return (core + "辅路", $"{name} 按 {core}辅路 查找", district);
        // 蒲城街道辛南村 → 辛南村; 曹镇乡焦庄村 in a 卫东区 report → 湛河区's 焦庄村, not 卫东区's.
        if (gazetteer.Villages.SplitTown(core) is ({ } town, var village))
        {
            var owner = DivisionPoints.DistrictOf(gazetteer.Villages, district, town);
            yield return (village, owner == district ? null : $"{town}属{owner}：{name} 按{owner}的{village}查找", owner);
        }
    }

    private static bool IsLineKind(PlaceKind kind) =>
        kind is PlaceKind.Road or PlaceKind.Railway or PlaceKind.River or PlaceKind.Canal or PlaceKind.Boundary;
}
