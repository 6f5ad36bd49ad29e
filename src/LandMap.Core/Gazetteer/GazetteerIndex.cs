using System.Collections.Concurrent;
using LandMap.Core.Crs;
using LandMap.Core.Gazetteer.Registry;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace LandMap.Core.Gazetteer;

/// <summary>How a lookup matched a feature.</summary>
public enum NameMatch
{
    /// <summary>The canonical name.</summary>
    Name,
    /// <summary>One of the aliases.</summary>
    Alias,
}

/// <summary>A lookup hit.</summary>
/// <param name="Feature">The feature found.</param>
/// <param name="MatchedBy">Whether the name or an alias matched.</param>
/// <param name="MatchedText">The name or alias as written in the gazetteer.</param>
public sealed record GazetteerMatch(GazetteerFeature Feature, NameMatch MatchedBy, string MatchedText);

/// <summary>A spatial-query hit with its plane distance in metres (0 when touching).</summary>
/// <param name="Feature">The feature found.</param>
/// <param name="DistanceM">Distance in metres.</param>
public sealed record GazetteerNeighbour(GazetteerFeature Feature, double DistanceM);

/// <summary>
/// An in-memory, read-only index of <see cref="GazetteerFeature"/>s: by normalized name and alias, by kind,
/// and spatially (an STRtree over the metres of a <see cref="MetricPlane"/>). Safe for concurrent reads.
/// </summary>
/// <remarks>
/// <para>Features with the same (name, kind, district) after <see cref="PlaceNames.Normalize"/> replace earlier
/// ones in input order, as a later gazetteer file overrides an earlier one (see <see cref="GazetteerLoader"/>) — except
/// the ways of a road network (features carrying <see cref="GazetteerFeature.Ways"/>, as OSM is read): a road is many
/// ways, and same-named ways join into one road (a MultiLineString with each way's tags).</para>
/// <para>Lookups never choose between candidates: 许南路 can be the new road and also an alias of 昆阳大道
/// (原许南路), and both come back, canonical-name matches first. The caller decides from context.</para>
/// <para>A district filter keeps features of that district and features without a district (city-wide:
/// rivers, railways). A feature's district may list several, separated by 、 , ， ; or /.</para>
/// <para>Features are projected to a plane (a CGCS2000 3° Gauss-Krüger zone) the first time that plane is asked for,
/// all at once, and kept: a gazetteer of one city is projected once, one spanning two zones twice.</para>
/// </remarks>
public sealed class GazetteerIndex
{
    private static readonly char[] DistrictSeparators = ['、', ',', '，', ';', '；', '/'];

    private readonly List<Entry> _entries = [];
    private readonly Dictionary<string, List<(Entry Entry, NameMatch By, string Text)>> _byName = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, Lazy<PlaneIndex>> _planes = new();
    private readonly Dictionary<GazetteerFeature, Entry> _byFeature = new(ReferenceEqualityComparer.Instance);

    /// <summary>Indexes <paramref name="features"/>; later features override earlier ones with the same key.</summary>
    public GazetteerIndex(IEnumerable<GazetteerFeature> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var positions = new Dictionary<(string, PlaceKind, string), int>();
        var kept = new List<GazetteerFeature>();
        foreach (var feature in features)
        {
            if (positions.TryGetValue(feature.Key, out var at))
            {
                kept[at] = RoadWays.Join(kept[at], feature) ?? feature;
            }
            else
            {
                positions[feature.Key] = kept.Count;
                kept.Add(feature);
            }
        }

        foreach (var feature in kept)
        {
            var entry = new Entry(feature, SplitDistricts(feature.District), _entries.Count);
            _entries.Add(entry);
            _byFeature[feature] = entry;
            Add(PlaceNames.Normalize(feature.Name), entry, NameMatch.Name, feature.Name);
            foreach (var alias in feature.Aliases)
            {
                Add(PlaceNames.Normalize(alias), entry, NameMatch.Alias, alias);
            }
        }

        Features = _entries.Select(e => e.Feature).ToList();
        Districts = DistrictRegistry.Shipped.WithBoundaries(Features);
    }

    /// <summary>Loads a directory with <see cref="GazetteerLoader"/> and indexes it; null plus the problems on failure.</summary>
    public static (GazetteerIndex? Gazetteer, GazetteerLoadResult Load) LoadDirectory(string directory, GazetteerLoadOptions? options = null)
    {
        var load = new GazetteerLoader(options).LoadAll(directory);
        if (!load.IsSuccess) return (null, load);
        try
        {
            var districts = DistrictRegistry.ForFolder(directory).WithBoundaries(load.Features);
            var folder = Path.Combine(directory, VillageRegistry.FolderName);
            return (new GazetteerIndex(load.Features) { Villages = VillageRegistry.Load(folder), Districts = districts }, load);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return (null, load with { Problems = [new GazetteerProblem(GazetteerProblemCode.ReadFailed, directory, null, null, e.Message)] });
        }
    }

    /// <summary>The official 村/社区 lists of the folder's <c>divisions/</c> (none when it has none).</summary>
    public VillageRegistry Villages { get; init; } = VillageRegistry.Empty;

    /// <summary>
    /// The county-level districts reports may be of: the folder's <c>registry.csv</c> (else the shipped one), with the
    /// outlines of this gazetteer's <c>kind: district</c> features.
    /// </summary>
    public DistrictRegistry Districts { get; init; }

    /// <summary>All features, in load order, after overrides.</summary>
    public IReadOnlyList<GazetteerFeature> Features { get; }

    /// <summary>
    /// The feature's geometry in <paramref name="plane"/>'s metres, projected once per plane and kept.
    /// Callers must not change it (copy first).
    /// </summary>
    public Geometry MetricGeometry(GazetteerFeature feature, MetricPlane plane) =>
        _byFeature.TryGetValue(feature, out var entry) ? Plane(plane).Geometries[entry.Order] : throw new ArgumentException($"{feature} is not in this gazetteer", nameof(feature));

    /// <summary>The feature's geometry in the metres of the plane of its own longitude (<see cref="MetricPlane.For"/>).</summary>
    public Geometry MetricGeometry(GazetteerFeature feature) => MetricGeometry(feature, MetricPlane.For(feature.Geometry));

    /// <summary>The number of features.</summary>
    public int Count => _entries.Count;

    /// <summary>
    /// Every feature whose name or alias equals <paramref name="name"/> after normalization, optionally in
    /// <paramref name="district"/>; canonical-name matches first, then in load order. Empty when none.
    /// </summary>
    public IReadOnlyList<GazetteerMatch> Lookup(string name, string? district = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!_byName.TryGetValue(PlaceNames.Normalize(name), out var hits))
        {
            return [];
        }

        var wanted = district is null ? null : PlaceNames.Normalize(district);
        return hits.Where(h => InDistrict(h.Entry, wanted))
            .OrderBy(h => h.By)
            .ThenBy(h => h.Entry.Order)
            .Select(h => new GazetteerMatch(h.Entry.Feature, h.By, h.Text))
            .ToList();
    }

    /// <summary>The features of one kind, optionally in a district, in load order.</summary>
    public IReadOnlyList<GazetteerFeature> OfKind(PlaceKind kind, string? district = null)
    {
        var wanted = district is null ? null : PlaceNames.Normalize(district);
        return _entries.Where(e => e.Feature.Kind == kind && InDistrict(e, wanted)).Select(e => e.Feature).ToList();
    }

    /// <summary>Features within <paramref name="distanceM"/> metres of a WGS 84 geometry, nearest first (measured in the plane of its longitude).</summary>
    public IReadOnlyList<GazetteerNeighbour> Within(Geometry wgs84, double distanceM, PlaceKind? kind = null)
    {
        ArgumentNullException.ThrowIfNull(wgs84);
        ArgumentOutOfRangeException.ThrowIfNegative(distanceM);
        var plane = MetricPlane.For(wgs84);
        return WithinGk(Plane(plane), plane.ToPlane(wgs84), distanceM, kind);
    }

    /// <summary>
    /// Up to <paramref name="count"/> features nearest to a WGS 84 geometry, no farther than
    /// <paramref name="maxDistanceM"/> metres, nearest first.
    /// </summary>
    public IReadOnlyList<GazetteerNeighbour> Nearest(Geometry wgs84, int count = 1, double maxDistanceM = 5_000, PlaceKind? kind = null)
    {
        ArgumentNullException.ThrowIfNull(wgs84);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(maxDistanceM);
        var plane = MetricPlane.For(wgs84);
        var index = Plane(plane);
        var gk = plane.ToPlane(wgs84);

        // Widen the search until enough are found: everything within r is found, anything missed is beyond r.
        for (var radius = Math.Min(250, maxDistanceM); ; radius = Math.Min(radius * 4, maxDistanceM))
        {
            var found = WithinGk(index, gk, radius, kind);
            if (found.Count >= count || radius >= maxDistanceM)
            {
                return found.Take(count).ToList();
            }
        }
    }

    private static List<GazetteerNeighbour> WithinGk(PlaneIndex index, Geometry gk, double distanceM, PlaceKind? kind)
    {
        var search = gk.EnvelopeInternal.Copy();
        search.ExpandBy(distanceM);
        return index.Tree.Query(search)
            .Where(e => kind is null || e.Feature.Kind == kind)
            .Select(e => (Entry: e, Distance: index.Geometries[e.Order].Distance(gk)))
            .Where(x => x.Distance <= distanceM)
            .OrderBy(x => x.Distance)
            .ThenBy(x => x.Entry.Order)
            .Select(x => new GazetteerNeighbour(x.Entry.Feature, x.Distance))
            .ToList();
    }

    private void Add(string key, Entry entry, NameMatch by, string text)
    {
        if (key.Length == 0)
        {
            return;
        }

        if (!_byName.TryGetValue(key, out var list))
        {
            _byName[key] = list = [];
        }

        // An alias that normalizes to the feature's own name adds nothing.
        if (!list.Any(h => ReferenceEquals(h.Entry, entry)))
        {
            list.Add((entry, by, text));
        }
    }

    private static bool InDistrict(Entry entry, string? wanted) =>
        wanted is null || entry.Districts.Count == 0 || entry.Districts.Contains(wanted);

    private static HashSet<string> SplitDistricts(string? district) =>
        district is null
            ? []
            : district.Split(DistrictSeparators, StringSplitOptions.RemoveEmptyEntries)
                .Select(PlaceNames.Normalize)
                .Where(d => d.Length > 0)
                .ToHashSet(StringComparer.Ordinal);

    // Lazy with its default ExecutionAndPublication mode: one thread projects a plane, the others wait for it.
    // TryGetValue first: the hot path (every resolved name) allocates no closure.
    private PlaneIndex Plane(MetricPlane plane) =>
        (_planes.TryGetValue(plane.Epsg, out var made) ? made : _planes.GetOrAdd(plane.Epsg, _ => new Lazy<PlaneIndex>(() => new PlaneIndex(plane, _entries)))).Value;

    private sealed class PlaneIndex
    {
        public PlaneIndex(MetricPlane plane, List<Entry> entries)
        {
            Geometries = new Geometry[entries.Count];
            foreach (var entry in entries)
            {
                var projected = plane.ToPlane(entry.Feature.Geometry);
                Geometries[entry.Order] = projected;
                Tree.Insert(projected.EnvelopeInternal, entry);
            }

            // Build now: STRtree builds lazily on first query, which is not thread-safe.
            Tree.Build();
        }

        public Geometry[] Geometries { get; }

        public STRtree<Entry> Tree { get; } = new();
    }

    private sealed class Entry(GazetteerFeature feature, HashSet<string> districts, int order)
    {
        public GazetteerFeature Feature { get; } = feature;

        public HashSet<string> Districts { get; } = districts;

        public int Order { get; } = order;
    }
}
