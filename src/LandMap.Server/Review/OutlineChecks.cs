using LandMap.Core.Gazetteer;
using LandMap.Core.Geocoding;
using LandMap.Server.Hosting;
using LandMap.Server.Parcels;
using Microsoft.Extensions.Options;
using NetTopologySuite.Geometries;

namespace LandMap.Server.Review;

/// <summary>
/// Checks a reviewer's or a survey's outline against what the report says of the parcel's entry, with the geocoder's
/// own checks (<see cref="ParcelGeocoder.CheckOutline"/>), so a saved correction keeps its ✓/✗ and a reviewer sees
/// them while editing. The gazetteer is the server's (<see cref="ServerOptions.GazetteerDirectory"/>), loaded once.
/// </summary>
internal sealed class OutlineChecks(IOptions<ServerOptions> options, StoreParcelSource source)
{
    private readonly Lazy<ParcelGeocoder> _geocoder = new(() =>
    {
        var (gazetteer, load) = GazetteerIndex.LoadDirectory(options.Value.GazetteerDirectory);
        return new ParcelGeocoder(gazetteer ?? throw new InvalidOperationException($"The gazetteer in {options.Value.GazetteerDirectory} could not be loaded: {load}"));
    });

    /// <summary>The checks of <paramref name="wgs84"/> as the outline of parcel <paramref name="id"/>; empty when its entry is not known.</summary>
    public async Task<IReadOnlyList<ConstraintResult>> CheckAsync(int id, Geometry wgs84, CancellationToken cancellationToken)
    {
        var parcels = await source.GetParcelsAsync(cancellationToken);
        if (parcels.FirstOrDefault(p => p.Id == id) is not { Entry: { } entry } parcel) return [];
        var neighbours = parcels
            .Where(p => p.Id != id && p.Parcel.File == parcel.Parcel.File && p.Entry is not null && p.Parcel.Geometry is not null)
            .Select(p => (p.Entry!, p.Parcel.Geometry!))
            .ToList();
        return _geocoder.Value.CheckOutline(entry, parcel.Parcel.District, wgs84, neighbours);
    }
}
