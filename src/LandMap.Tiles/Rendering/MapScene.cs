using LandMap.Core.Gazetteer;
using LandMap.Core.Geocoding;
using NetTopologySuite.Geometries;

namespace LandMap.Tiles.Rendering;

/// <summary>
/// What a map image shows: gazetteer features as the base map, geocoded entries on top, the area to fit
/// and the title. All geometries are WGS 84 lon/lat; <see cref="MapRenderer"/> projects them.
/// </summary>
/// <remarks>
/// The area shown, when <see cref="Bounds"/> is not set, is the first that is not empty of:
/// the district polygons named by <see cref="District"/>; the district polygons named by the entries;
/// the entries' geometries; all features. The renderer adds a margin around it.
/// </remarks>
public sealed record MapScene
{
    /// <summary>The base map: districts, roads, rivers, villages…</summary>
    public IReadOnlyList<GazetteerFeature> Features { get; init; } = [];

    /// <summary>The parcels to draw; unresolved ones are only counted in the legend.</summary>
    public IReadOnlyList<GeocodedEntry> Entries { get; init; } = [];

    /// <summary>The district to focus on (卫东区), or null for the districts that have entries.</summary>
    public string? District { get; init; }

    /// <summary>An explicit area to show in WGS 84 lon/lat, overriding the default.</summary>
    public Envelope? Bounds { get; init; }

    /// <summary>The title; null for one made from the entries' districts and plan years.</summary>
    public string? Title { get; init; }

    /// <summary>The area to fit into the image (WGS 84), before the margin.</summary>
    /// <exception cref="InvalidOperationException">The scene has nothing to show and no bounds.</exception>
    public Envelope ResolveBounds()
    {
        if (Bounds is { IsNull: false } explicitBounds)
        {
            return explicitBounds;
        }

        IReadOnlyList<string> districts = District is not null
            ? [District]
            : Entries.Select(e => e.District).OfType<string>().Distinct().ToList();
        var candidates = new IEnumerable<Geometry>[]
        {
            DistrictPolygons(districts),
            Entries.Select(e => e.Geometry).OfType<Geometry>(),
            Features.Select(f => f.Geometry),
        };

        foreach (var geometries in candidates)
        {
            var envelope = new Envelope();
            foreach (var g in geometries)
            {
                envelope.ExpandToInclude(g.EnvelopeInternal);
            }

            if (!envelope.IsNull)
            {
                return envelope;
            }
        }

        throw new InvalidOperationException("The scene has no features, no placed entries and no bounds: nothing to draw.");
    }

    /// <summary>The given title, or "卫东区 2023 年用地保障重点项目（草图，仅供核对）" from the entries.</summary>
    public string ResolveTitle()
    {
        if (Title is not null)
        {
            return Title;
        }

        IReadOnlyList<string> districts = District is not null
            ? [District]
            : Entries.Select(e => e.District).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        var years = Entries.Select(e => e.PlanYear).OfType<int>().Distinct().Order().ToList();
        var where = districts.Count > 0 ? string.Join("、", districts) : "平顶山";
        var when = years.Count switch
        {
            0 => "",
            1 => $" {years[0]} 年",
            _ => $" {years[0]}–{years[^1]} 年",
        };
        var what = Entries.Count > 0 ? "用地保障重点项目" : "地名底图";
        return $"{where}{when}{what}（草图，仅供核对）";
    }

    private IEnumerable<Geometry> DistrictPolygons(IReadOnlyCollection<string> names)
    {
        var wanted = names.Select(PlaceNames.Normalize).ToHashSet(StringComparer.Ordinal);
        return Features
            .Where(f => f.Kind == PlaceKind.District && wanted.Contains(PlaceNames.Normalize(f.Name)))
            .Select(f => f.Geometry);
    }
}
