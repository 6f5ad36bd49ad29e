using LandMap.Data;
using LandMap.Core.Geocoding;
using LandMap.Server.Hosting;
using LandMap.Server.Parcels;
using NetTopologySuite.Geometries;

namespace LandMap.Server.Review;

/// <summary>
/// Checks a reviewer's or a survey's outline against what the report says of the parcel's entry, with the geocoder's
/// own checks (<see cref="ParcelGeocoder.CheckOutline"/>), so a saved correction keeps its ✓/✗ and a reviewer sees
/// them while editing. The gazetteer is the server's (<see cref="ServerGazetteer"/>).
/// </summary>
internal sealed class OutlineChecks(ServerGazetteer gazetteer, StoreAccess access)
{
    private readonly Lazy<ParcelGeocoder> _geocoder = new(() => new ParcelGeocoder(gazetteer.Required));
    private readonly Lazy<IReadOnlyList<Core.Crs.SurveyArea>> _surveyAreas =
        new(() => Core.Gazetteer.Registry.SurveyAreas.Of(gazetteer.Index?.Districts ?? Core.Gazetteer.Registry.DistrictRegistry.Shipped));

    /// <summary>The district registry outlines are checked against (the shipped list without outlines when the gazetteer did not load).</summary>
    public Core.Gazetteer.Registry.DistrictRegistry Districts => gazetteer.Index?.Districts ?? Core.Gazetteer.Registry.DistrictRegistry.Shipped;

    /// <summary>Where the registry's districts lie in survey metres (their zones), for 勘测定界 files; computed once.</summary>
    public IReadOnlyList<Core.Crs.SurveyArea> SurveyAreas => _surveyAreas.Value;

    /// <summary>
    /// The checks of <paramref name="wgs84"/> as the outline of parcel <paramref name="id"/> (public id), against its entry and the
    /// other parcels of its report as stored; empty when the store does not know the parcel.
    /// </summary>
    public async Task<IReadOnlyList<ConstraintResult>> CheckAsync(long id, Geometry wgs84, CancellationToken cancellationToken)
    {
        var store = await access.GetAsync(cancellationToken);
        if ((await store.QueryParcelsAsync(new LandMap.Data.ParcelQuery { PublicIds = [id], Limit = 1 }, cancellationToken)).SingleOrDefault() is not { } record)
            return [];
        var parcel = ParcelView.From(record);
        var neighbours = (await store.QueryAllParcelsAsync(new LandMap.Data.ParcelQuery { ReportId = record.ReportId, IncludeUnresolved = false }, cancellationToken))
            .Where(r => r.PublicId != id).Select(r => (ParcelView.From(r).Entry, r.Geometry!)).ToList();
        return _geocoder.Value.CheckOutline(parcel.Entry, parcel.Parcel.District, wgs84, neighbours);
    }
}
