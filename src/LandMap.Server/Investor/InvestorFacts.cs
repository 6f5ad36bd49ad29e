using LandMap.Core.Crs;
using LandMap.Core.Gazetteer;
using LandMap.Core.LandUse;
using LandMap.Data;
using LandMap.Server.Hosting;
using LandMap.Server.Parcels;
using LandMap.Server.Projects;
using Microsoft.Extensions.Options;
using NetTopologySuite.Geometries;

namespace LandMap.Server.Investor;

/// <summary>
/// Works out <see cref="InvestorDto"/> per request. Roads and railways come from the server's gazetteer
/// (<see cref="ServerGazetteer"/>, loaded once): its STRtree over the metres of the parcel's Gauss-Krüger zone
/// (<see cref="MetricPlane.For(Geometry)"/>: EPSG:4547 in Pingdingshan, 4548 in Beijing) finds the nearest in a few
/// microseconds, and distances are plane distances in that zone from the parcel's outline. The park is, in order:
/// the smallest gazetteer landmark outline named as a park (<see cref="ParkWords"/>) holding the parcel's interior point,
/// else the smallest published park parcel of the store holding it (asked through the store's spatial index), else none.
/// </summary>
internal sealed class InvestorFacts(ServerGazetteer gazetteers, IOptions<InvestorOptions> investor)
{
    /// <summary>How far roads and railways are looked for.</summary>
    public const double SearchRadiusM = 20_000;

    /// <summary>Words that make a name a park's (产业园, 工业园 …); 公园 is a park of another kind.</summary>
    public static readonly IReadOnlyList<string> ParkWords = ["产业园", "工业园", "物流园", "园区", "集聚区"];


    public static bool IsParkName(string name) => ParkWords.Any(w => name.Contains(w, StringComparison.Ordinal));

    public async Task<InvestorDto> ForAsync(ParcelView parcel, IParcelStore store, CancellationToken cancellationToken)
    {
        var stage = parcel.Record.ProjectStage is { } key ? StageKeys.Parse(key) : null;
        var contact = string.IsNullOrWhiteSpace(investor.Value.Contact) ? null : investor.Value.Contact.Trim();
        if (parcel.Parcel.Geometry is not { IsEmpty: false } geometry)
            return new InvestorDto(null, null, null, LandAvailability.IsAvailable(stage), contact, SearchRadiusM);
        // A gazetteer that cannot be loaded leaves the distances unknown (null, shown as 未知), never the detail failed.
        var gazetteer = gazetteers.Index;
        return new InvestorDto(Nearest(gazetteer, geometry, PlaceKind.Road), Nearest(gazetteer, geometry, PlaceKind.Railway),
            await ParkAsync(gazetteer, parcel, geometry, store, cancellationToken), LandAvailability.IsAvailable(stage), contact, SearchRadiusM);
    }

    private static NearbyFeatureDto? Nearest(GazetteerIndex? gazetteer, Geometry wgs84, PlaceKind kind) =>
        gazetteer?.Nearest(wgs84, 1, SearchRadiusM, kind) is [var hit]
            ? new NearbyFeatureDto(hit.Feature.Name, Math.Round(hit.DistanceM), hit.Feature.PrecisionM)
            : null;

    private static async Task<ParkDto?> ParkAsync(GazetteerIndex? gazetteer, ParcelView parcel, Geometry wgs84, IParcelStore store, CancellationToken cancellationToken)
    {
        var inside = wgs84.InteriorPoint;
        var landmark = gazetteer?.Within(inside, 0)
            .Where(n => n.Feature.Kind is PlaceKind.Landmark or PlaceKind.Park && IsParkName(n.Feature.Name) && n.Feature.Geometry is IPolygonal)
            .Where(n => n.Feature.Geometry.Covers(inside))
            .MinBy(n => gazetteer!.MetricGeometry(n.Feature).Area);
        if (landmark is not null) return new ParkDto(landmark.Feature.Name, "gazetteer", null);

        var parks = await store.QueryParcelsAsync(new LandMap.Data.ParcelQuery
        {
            Intersects = inside, ExcludeRejected = true, IncludeUnresolved = false, MapFieldsOnly = true, Limit = 200,
        }, cancellationToken);
        var park = parks
            .Where(p => p.PublicId != parcel.Id && IsParkName(p.Name) && p.Geometry is IPolygonal && p.Geometry.Covers(inside))
            .MinBy(p => MetricPlane.For(p.Geometry!).AreaM2(p.Geometry!));
        return park is null ? null : new ParkDto(park.Name, "parcel", park.PublicId);
    }
}
