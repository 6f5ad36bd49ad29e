namespace LandMap.Server.Investor;

/// <summary>
/// What an investor asks of a parcel, in the parcel detail (<c>GET /api/parcels/{id}</c>, member <c>investor</c>) of every
/// parcel: the nearest road and railway of the gazetteer, the park it lies in, whether it is still land to find, and whom
/// to call. The page shows it for industrial land (工矿, 物流仓储, 产业园区).
/// </summary>
/// <param name="NearestRoad">The nearest gazetteer road (its named main roads), or null when the parcel has no outline or none lies within <paramref name="SearchRadiusM"/>.</param>
/// <param name="NearestRailway">The nearest railway or mine railway siding, likewise.</param>
/// <param name="Park">The industrial park (产业园, 工业园, 园区 …) whose outline holds the parcel, or null when none is known — never a guess.</param>
/// <param name="Available">False when the key project on the parcel already operates (投产运营, 达效): the land is in use, not land to find.</param>
/// <param name="Contact">The investment-promotion contact of <c>LandMap:Investor:Contact</c>, null when not configured.</param>
/// <param name="SearchRadiusM">How far, in metres, roads and railways were looked for.</param>
public sealed record InvestorDto(NearbyFeatureDto? NearestRoad, NearbyFeatureDto? NearestRailway, ParkDto? Park, bool Available, string? Contact,
    double SearchRadiusM);

/// <summary>A gazetteer feature near the parcel.</summary>
/// <param name="Name">Its name (平安大道).</param>
/// <param name="DistanceM">Plane distance in metres, in the Gauss-Krüger zone of the parcel (EPSG:4547 in Pingdingshan), from the parcel's outline (0 when they touch), rounded to the metre.</param>
/// <param name="PrecisionM">How far the gazetteer says its line may be from the real one (sketched lines: hundreds of metres), null when unstated.</param>
public sealed record NearbyFeatureDto(string Name, double DistanceM, double? PrecisionM);

/// <summary>The park a parcel lies in.</summary>
/// <param name="Name">Its name (河南（平顶山）电子半导体产业园).</param>
/// <param name="Source"><c>gazetteer</c> (a landmark outline) or <c>parcel</c> (a park's own parcel in the reports).</param>
/// <param name="ParcelId">The park's parcel when <paramref name="Source"/> is <c>parcel</c>.</param>
public sealed record ParkDto(string Name, string Source, long? ParcelId);
