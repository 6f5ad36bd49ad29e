using LandMap.Core.Crs;
using LandMap.Core.Gazetteer;
using NetTopologySuite.Geometries;

namespace LandMap.Core.Geocoding;

/// <summary>What the official lists say of a 村/社区 the gazetteer lacks: a place to use, or why there is none.</summary>
/// <param name="Feature">A point feature (WGS 84) built from the list, or null when the list gives no usable point.</param>
/// <param name="Note">Where the point came from and how far off it may be; or, without a feature, why it is not placed.</param>
public sealed record DivisionLookup(GazetteerFeature? Feature, string Note);

/// <summary>
/// Places a 村/社区 that the gazetteer lacks from the centre points of the official lists (<c>divisions/{code}.csv</c>,
/// GCJ-02 as published, converted to WGS 84). A gazetteer feature of the name always wins: the resolver asks here last.
/// <list type="bullet">
/// <item>The village's own point (its 村委会/居委会 office): precision <see cref="VillagePrecisionM"/> for a 村,
/// <see cref="CommunityPrecisionM"/> for a 社区. An office point says where a village's centre is, not its extent: a
/// 村 on the city's fringe (卫东区, 湛河区) holds 1–3 km² of houses and fields, radius about 0.6–1 km; a 社区 a few city
/// blocks, about 0.5 km². The points were geocoded from names, so a point two villages share says where neither is and is
/// not used (<see cref="VillageRegistry"/>).</item>
/// <item>No point of its own: the point of its 街道 (named in the text, 蒲城街道任寨村, or the list's), precision
/// <see cref="SubdistrictPrecisionM"/>: a 街道 of these districts covers 5–15 km² (radius 1.3–2.2 km) and its 办事处 is
/// seldom at its middle. A 乡/镇 is not used: it covers tens of km², and a parcel at its seat would look placed when it is not,
/// so the village stays unresolved and the note says why.</item>
/// <item>Homonyms in one district are told apart by the 街道/乡镇 the text names; without it they are not placed.</item>
/// </list>
/// A place from the lists makes its entry at best <c>approximate</c>.
/// </summary>
public static class DivisionPoints
{
    /// <summary>How far the 村委会 point may be from the village's land, in metres.</summary>
    public const double VillagePrecisionM = 800;

    /// <summary>How far the 居委会 point may be from the community's land, in metres.</summary>
    public const double CommunityPrecisionM = 500;

    /// <summary>How far the 街道办事处 point may be from a village of that 街道, in metres.</summary>
    public const double SubdistrictPrecisionM = 2500;

    private const string Source = "统计用区划代码名录（Vonng/adcode，CC BY 4.0）";

    private static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);

    /// <summary>
    /// The district a place belongs to: <paramref name="district"/>, unless the place names a 街道/乡镇 that is not
    /// <paramref name="district"/>'s but exactly one other district's (曹镇乡焦庄村 in a 卫东区 report: 湛河区).
    /// </summary>
    public static string? DistrictOf(VillageRegistry registry, string? district, string? town)
    {
        if (town is null) return district;
        var owners = registry.FindTown(town).Select(t => t.District).Distinct().ToList();
        return owners.Contains(district ?? "") || owners.Count != 1 ? district : owners[0];
    }

    /// <summary>
    /// What the lists say of <paramref name="place"/> (辛南村, 蒲城街道任寨村) in <paramref name="district"/>; null when it
    /// is no listed 村/社区 of that district and names no 街道 of it either.
    /// </summary>
    public static DivisionLookup? Locate(VillageRegistry registry, string district, string place)
    {
        var (town, village) = registry.SplitTown(place);
        if (!VillageRegistry.IsVillageName(village)) return null;
        district = DistrictOf(registry, district, town) ?? district;
        var listed = registry.Find(village).Where(v => v.District == district).ToList();
        // The town the text names picks among homonyms; a village the list has only elsewhere is not that one.
        if (town is not null) listed = listed.Where(v => v.Town == town).ToList();
        var kind = village.EndsWith("社区", StringComparison.Ordinal) ? "居委会" : "村委会";

        if (listed.Count > 1 && town is null)
            return new DivisionLookup(null, $"名录中{district}有 {listed.Count} 个{village}（{string.Join("、", listed.Select(v => v.Town).Distinct())}），报告未写所属街道/乡镇，未按名录定位");
        if (listed.Count == 1 && listed[0].CentreGcj02 is { } own)
        {
            var precision = kind == "居委会" ? CommunityPrecisionM : VillagePrecisionM;
            return new DivisionLookup(
                Point(village, village.EndsWith("社区", StringComparison.Ordinal) ? PlaceKind.Community : PlaceKind.Village, district, own, precision, listed[0].Code),
                $"{village}位置取自统计用区划代码的{kind}中心点（GCJ-02 已转 WGS 84），精度约 {precision:0} 米");
        }

        // No point of its own: its 街道, as the text names it or the list has it.
        var townName = town ?? (listed.Select(v => v.Town).Distinct().Count() == 1 && listed[0].Town.Length > 0 ? listed[0].Town : null);
        if (townName is null) return null;
        var ofTown = registry.FindTown(townName).FirstOrDefault(t => t.District == district);
        if (ofTown is null) return null;
        var what = listed.Count == 0 ? $"名录中{townName}没有{village}" : $"名录中{village}（{district}{townName}）没有中心点";
        if (!ofTown.IsSubdistrict)
            return new DivisionLookup(null, $"{what}；{townName}是乡镇，范围达数十平方公里，不以其驻地代替村的位置，未定位");
        if (ofTown.CentreGcj02 is not { } at)
            return new DivisionLookup(null, $"{what}，{townName}也没有中心点，未定位");
        return new DivisionLookup(
            Point(townName, PlaceKind.Village, district, at, SubdistrictPrecisionM, ofTown.Code),
            $"{what}：取{townName}办事处的中心点（统计用区划代码，GCJ-02 已转 WGS 84），街道范围数平方公里，精度约 {SubdistrictPrecisionM:0} 米");
    }

    private static GazetteerFeature Point(string name, PlaceKind kind, string district, (double Lon, double Lat) gcj02, double precisionM, string code)
    {
        var (lon, lat) = ChinaWebDatums.Gcj02ToWgs84(gcj02.Lon, gcj02.Lat);
        return new GazetteerFeature
        {
            Name = name,
            Kind = kind,
            District = district,
            PrecisionM = precisionM,
            Source = $"{Source} {code}，GCJ-02 已转 WGS 84",
            Id = code,
            Geometry = Wgs84.CreatePoint(new Coordinate(lon, lat)),
        };
    }
}
