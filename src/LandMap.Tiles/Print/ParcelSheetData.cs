using LandMap.Core.Crs;
using LandMap.Core.Gazetteer;
using LandMap.Core.Layers;
using LandMap.Data;
using LandMap.Data.Layers;
using NetTopologySuite.Geometries;

namespace LandMap.Tiles.Print;

/// <summary>Everything a parcel sheet shows, read from the store: the sheet draws nothing it did not read here.</summary>
/// <param name="Parcel">The parcel with its current geometry (WGS 84).</param>
/// <param name="Audit">The parcel's audit rows, newest first: who reviewed or surveyed it, and when.</param>
/// <param name="Neighbours">Other published parcels in the map frame.</param>
/// <param name="Places">Gazetteer roads, railways, water and villages in the map frame.</param>
/// <param name="Scale">The map frame's scale denominator (2000 for 1:2000).</param>
/// <param name="DrawnAt">制图日期.</param>
/// <param name="Paper">A4 (the layout) or A3 (the same layout, larger, with more ground in the frame).</param>
public sealed record ParcelSheetData(ParcelRecord Parcel, IReadOnlyList<AuditRecord> Audit, IReadOnlyList<ParcelRecord> Neighbours,
    IReadOnlyList<GazetteerFeature> Places, int Scale, DateTime DrawnAt, Paper Paper)
{
    /// <summary>The bureau's imported control layers (farmland, red line, development boundary) with their features in the frame.</summary>
    public IReadOnlyList<SheetOverlay> Overlays { get; init; } = [];

    /// <summary>How many layers of those kinds the store holds, in the frame or not: 0 means nothing was checked.</summary>
    public int OverlayLayersInStore { get; init; }

    /// <summary>
    /// The plane of every figure on the sheet (frame, 界址点 X/Y, edges, area): the Gauss-Krüger zone of the parcel
    /// (<see cref="MetricPlane.For(Geometry)"/>), EPSG:4547 in Pingdingshan, 4548 in Beijing.
    /// </summary>
    public MetricPlane Zone { get; } = MetricPlane.For(Parcel.Geometry is { IsEmpty: false } g ? g
        : throw new ArgumentException("A sheet needs a parcel with a geometry.", nameof(Parcel)));

    /// <summary>The coordinate system of every plane figure on the sheet.</summary>
    public CrsDefinition Crs => Zone.Crs;

    /// <summary>The current geometry in the sheet's plane (<see cref="Zone"/> E, N metres).</summary>
    public Geometry Plane => _plane ??= Zone.ToPlane(Parcel.Geometry!);

    private Geometry? _plane;
}

/// <summary>One imported layer as a sheet draws it: its features (WGS 84) in the map frame.</summary>
/// <param name="Layer">The layer's name.</param>
/// <param name="Kind">Farmland, eco-redline or urban-boundary: the kinds a 宗地图 is checked against.</param>
/// <param name="Features">The features whose envelope meets the frame.</param>
public sealed record SheetOverlay(string Layer, LayerKind Kind, IReadOnlyList<Geometry> Features);

/// <summary>Why a sheet could not be made.</summary>
public enum SheetRefusal
{
    /// <summary>No such parcel (or not visible to the asker).</summary>
    NotFound,
    /// <summary>The parcel has no geometry: nothing to draw or measure.</summary>
    Unresolved,
}

/// <summary>The data of a sheet, or why there is none.</summary>
public sealed record ParcelSheetLoad(ParcelSheetData? Data, SheetRefusal? Refusal, string? Message);

/// <summary>Reads what a parcel sheet needs from the store, one parcel at a time.</summary>
public static class ParcelSheetSource
{
    /// <summary>Neighbouring parcels drawn at most: the frame of a small parcel holds a handful, of a city's largest a few hundred.</summary>
    public const int MaxNeighbours = 500;

    /// <summary>Gazetteer features drawn at most.</summary>
    public const int MaxPlaces = 500;

    /// <summary>Features of one overlay layer drawn at most.</summary>
    public const int MaxOverlayFeatures = 500;

    // The control lines a reviewer lays a parcel over (国土 review): farmland, the ecological red line, the development boundary.
    private static readonly LayerKind[] OverlayKinds = [LayerKind.Farmland, LayerKind.EcoRedline, LayerKind.UrbanBoundary];

    private static readonly PlaceKind[] DrawnKinds =
        [PlaceKind.Road, PlaceKind.Railway, PlaceKind.River, PlaceKind.Canal, PlaceKind.Village, PlaceKind.Community];

    /// <summary>Loads the sheet of the parcel with public id <paramref name="publicId"/>.</summary>
    /// <param name="store">The store.</param>
    /// <param name="publicId">The parcel's public id.</param>
    /// <param name="includeRejected">Reviewers and the CLI see rejected parcels; the public does not.</param>
    /// <param name="scale">A fixed scale denominator, or null to choose the largest round scale that fits.</param>
    /// <param name="drawnAt">The date to print as 制图日期.</param>
    /// <param name="paper">A4 or A3, portrait.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public static async Task<ParcelSheetLoad> LoadAsync(IParcelStore store, long publicId, bool includeRejected, int? scale, DateTime drawnAt,
        Paper paper, CancellationToken cancellationToken = default)
    {
        var parcel = (await store.QueryParcelsAsync(new ParcelQuery { PublicIds = [publicId], ExcludeRejected = !includeRejected, Limit = 1 }, cancellationToken))
            .SingleOrDefault();
        if (parcel is null) return new(null, SheetRefusal.NotFound, $"No parcel has id {publicId}.");
        if (parcel.Geometry is null or { IsEmpty: true })
        {
            return new(null, SheetRefusal.Unresolved,
                $"Parcel {publicId} ({parcel.Name}) is unresolved: it has no outline to print. Place it on the map (审核) first.");
        }

        var zone = MetricPlane.For(parcel.Geometry);
        var plane = zone.ToPlane(parcel.Geometry);
        var chosen = scale ?? ParcelSheetLayout.FitScale(plane.EnvelopeInternal, paper);
        var frame = ParcelSheetLayout.GroundFrame(plane.EnvelopeInternal, chosen, paper);
        var box = zone.ToWgs84(new GeometryFactory().ToGeometry(frame)).EnvelopeInternal;

        var neighbours = (await store.QueryParcelsAsync(
                new ParcelQuery { BoundingBox = box, ExcludeRejected = true, MapFieldsOnly = true, IncludeUnresolved = false, Sort = ParcelSort.OutlineAreaDescending, Limit = MaxNeighbours },
                cancellationToken))
            .Where(p => p.PublicId != publicId)
            .ToList();
        var places = await store.ListGazetteerAsync(box, DrawnKinds, MaxPlaces, cancellationToken);
        var audit = await store.ListParcelAuditAsync(parcel.Id, 20, cancellationToken);
        var layers = ILayerStore.Of(store);
        var controlLayers = (await layers.ListLayersAsync(cancellationToken)).Where(l => OverlayKinds.Contains(l.Kind)).ToList();
        var overlays = await OverlaysAsync(layers, controlLayers, box, cancellationToken);
        return new(new ParcelSheetData(parcel, audit, neighbours, places, chosen, drawnAt, paper) { Overlays = overlays, OverlayLayersInStore = controlLayers.Count },
            null, null);
    }

    private static async Task<IReadOnlyList<SheetOverlay>> OverlaysAsync(ILayerStore layers, IReadOnlyList<StoredLayer> controlLayers, Envelope box,
        CancellationToken cancellationToken)
    {
        var overlays = new List<SheetOverlay>();
        foreach (var layer in controlLayers.OrderBy(l => Array.IndexOf(OverlayKinds, l.Kind)))
        {
            if (layer.Extent is { } extent && !extent.Intersects(box)) continue;
            var features = await layers.QueryLayerFeaturesAsync(layer.Name, box, MaxOverlayFeatures, 0, cancellationToken: cancellationToken) ?? [];
            if (features.Count > 0) overlays.Add(new SheetOverlay(layer.Name, layer.Kind, features.Select(f => f.Geometry).ToList()));
        }

        return overlays;
    }
}
