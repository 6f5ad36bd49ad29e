using LandMap.Core.Crs;
using LandMap.Core.Gazetteer;
using LandMap.Data;
using NetTopologySuite.Geometries;

namespace LandMap.Tiles.Print;

/// <summary>What a thematic map is asked to show.</summary>
public sealed record ThematicMapRequest
{
    /// <summary>Only this plan year's parcels; null for every year.</summary>
    public int? PlanYear { get; init; }

    /// <summary>Only this district's parcels (卫东区); null for every district.</summary>
    public string? District { get; init; }

    /// <summary>
    /// The area to show (WGS 84 lon/lat), e.g. the page's view; null for the district's outline and its parcels. The frame
    /// shows at least this area (more along one side when the frame's shape differs).
    /// </summary>
    public Envelope? Bounds { get; init; }

    /// <summary>The overlays drawn.</summary>
    public MapLayers Layers { get; init; } = MapLayers.All;

    /// <summary>The paper: A3 landscape unless asked otherwise.</summary>
    public Paper Paper { get; init; } = new(PaperSize.A3, PaperOrientation.Landscape);

    /// <summary>制图日期.</summary>
    public DateTime DrawnAt { get; init; } = DateTime.Now;

    /// <summary>The page's parcel colours.</summary>
    public ParcelPalette Palette { get; init; } = ParcelPalette.Default;
}

/// <summary>Everything a thematic map shows, read from the store: the map draws nothing it did not read here.</summary>
/// <param name="Request">What was asked.</param>
/// <param name="Ground">The ground the map frame shows (E, N metres of <paramref name="Plane"/>).</param>
/// <param name="Plane">The Gauss-Krüger zone of the frame's centre, the map's plane (EPSG:4547 for Pingdingshan).</param>
/// <param name="Parcels">The published parcels drawn (with a geometry, in the frame), largest outline first.</param>
/// <param name="Matched">Published parcels with a geometry that match the request (more than <see cref="Parcels"/> when capped).</param>
/// <param name="Unresolved">Published parcels of the plan year and district without a geometry: not drawn, counted.</param>
/// <param name="Places">Gazetteer features in the frame (the basemap), empty when the basemap is off.</param>
/// <param name="Source">The store's backend (sqlite, postgis), for the source line.</param>
public sealed record ThematicMapData(ThematicMapRequest Request, Envelope Ground, MetricPlane Plane, IReadOnlyList<ParcelRecord> Parcels, long Matched, long Unresolved,
    IReadOnlyList<GazetteerFeature> Places, string Source)
{
    /// <summary>Ground metres per millimetre of paper: the map's scale is 1 : 1000 × this.</summary>
    public double MetresPerMm => Ground.Width / ThematicMapLayout.FrameOf(Request.Paper).Width;

    /// <summary>The scale denominator (25 000 for 1:25 000) of the frame as printed at 100 %.</summary>
    public double ScaleDenominator => MetresPerMm * 1000;
}

/// <summary>Reads what a thematic map needs from the store, one page of parcels at a time.</summary>
public static class ThematicMapSource
{
    /// <summary>Parcels drawn at most; beyond it the largest outlines are kept and the sheet says how many were left out.</summary>
    public const int MaxParcels = 5000;

    /// <summary>Gazetteer features drawn at most.</summary>
    public const int MaxPlaces = 5000;

    /// <summary>Parcels read per query.</summary>
    private const int PageSize = 1000;

    /// <summary>Margin around the district when no bounds are given, as a share of its larger side.</summary>
    private const double Margin = 0.04;

    private static readonly PlaceKind[] BaseKinds = Enum.GetValues<PlaceKind>();

    /// <summary>Loads the map of <paramref name="request"/>; null with a message when there is nothing to show.</summary>
    /// <remarks>
    /// The area shown, in order: the request's bounds; else the district's outline from the stored gazetteer together with
    /// the outlines of its parcels (a parcel placed beyond the border still shows); else the parcels' outlines. Published
    /// parcels only (rejected ones are never printed); stored geometries only (nothing is geocoded again).
    /// </remarks>
    public static async Task<(ThematicMapData? Data, string? Problem)> LoadAsync(IParcelStore store, ThematicMapRequest request,
        CancellationToken cancellationToken = default)
    {
        var query = new ParcelQuery
        {
            PlanYear = request.PlanYear, District = request.District, ExcludeRejected = true, MapFieldsOnly = true,
            IncludeUnresolved = false, Sort = ParcelSort.OutlineAreaDescending,
        };
        var wanted = request.Bounds;
        if (wanted is null)
        {
            var extent = new Envelope();
            if (request.District is { } district) extent.ExpandToInclude(await DistrictExtentAsync(store, district, cancellationToken));
            foreach (var parcel in await ReadAsync(store, query, cancellationToken)) extent.ExpandToInclude(parcel.Geometry!.EnvelopeInternal);
            if (extent.IsNull)
            {
                return (null, $"Nothing to draw: the store has no published parcel with an outline{Describe(request)} and no district outline of that name.");
            }

            wanted = extent;
        }

        var plane = MetricPlane.ForExtent(wanted);
        var ground = ThematicMapLayout.GroundOf(wanted, plane, request.Paper, request.Bounds is null ? Margin : 0);
        var box = plane.ToWgs84(new GeometryFactory().ToGeometry(ground)).EnvelopeInternal;
        IReadOnlyList<ParcelRecord> parcels = [];
        long matched = 0, unresolved = 0;
        if (request.Layers.HasFlag(MapLayers.Parcels))
        {
            var inFrame = query with { BoundingBox = box };
            matched = await store.CountParcelsAsync(inFrame, cancellationToken);
            parcels = await ReadAsync(store, inFrame, cancellationToken);
            unresolved = await store.CountParcelsAsync(query with { IncludeUnresolved = true }, cancellationToken)
                - await store.CountParcelsAsync(query, cancellationToken);
        }

        var places = request.Layers.HasFlag(MapLayers.Basemap)
            ? await store.ListGazetteerAsync(box, BaseKinds, MaxPlaces, cancellationToken)
            : [];
        return (new ThematicMapData(request, ground, plane, parcels, matched, unresolved, places, store.Backend), null);
    }

    // Pages through the matches, largest outline first, up to MaxParcels.
    private static async Task<List<ParcelRecord>> ReadAsync(IParcelStore store, ParcelQuery query, CancellationToken cancellationToken)
    {
        var all = new List<ParcelRecord>();
        for (var offset = 0; offset < MaxParcels; offset += PageSize)
        {
            var page = await store.QueryParcelsAsync(query with { Offset = offset, Limit = Math.Min(PageSize, MaxParcels - offset) }, cancellationToken);
            all.AddRange(page.Where(p => p.Geometry is { IsEmpty: false }));
            if (page.Count < PageSize) break;
        }

        return all;
    }

    private static async Task<Envelope> DistrictExtentAsync(IParcelStore store, string district, CancellationToken cancellationToken)
    {
        var name = PlaceNames.Normalize(district);
        var extent = new Envelope();
        var world = new Envelope(-180, 180, -90, 90);
        foreach (var feature in await store.ListGazetteerAsync(world, [PlaceKind.District], 1000, cancellationToken))
        {
            if (PlaceNames.Normalize(feature.Name) == name) extent.ExpandToInclude(feature.Geometry.EnvelopeInternal);
        }

        return extent;
    }

    private static string Describe(ThematicMapRequest request) =>
        (request.District is { } d ? $" in {d}" : "") + (request.PlanYear is { } y ? $" of plan year {y}" : "");
}
