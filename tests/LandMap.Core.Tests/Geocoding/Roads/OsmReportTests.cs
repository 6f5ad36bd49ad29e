using LandMap.Core.Extraction;
using LandMap.Core.Geocoding;
using LandMap.Core.Geocoding.Grammar;
using LandMap.Core.Reports;
using Xunit.Abstractions;

namespace LandMap.Core.Tests.Geocoding.Roads;

/// <summary>
/// A small report of 北京市朝阳区 geocoded on the real OSM network around 北三环东路 (dual ground roads beside the elevated
/// 北三环, one-way pairs on 樱花园西街 and 和平里东街, 惠新西街辅路), each parcel checked against the OSM ways themselves.
/// The report is built directly (ExtractedReport with District 朝阳区): the district registry is another helper's work,
/// and the geocoder needs only a district feature of that name, which the gazetteer has from the adcode fence.
/// </summary>
public sealed class OsmReportTests(ITestOutputHelper output)
{
    private static readonly string[] Locations =
    [
        "北三环东路与樱花园西街交叉口东北角，面积 30 亩",
        "北三环东路与和平里东街交叉口西南角，面积 25 亩",
        "北三环东路与和平里西街交叉口东南角，面积 20 亩",
        "位于樱花园南街北侧，面积 15 亩",
        "位于北三环东路北侧，面积 12 亩",
        "西至樱花园西街，东至樱花园东街，南至北三环东路，北至樱花园南街，面积 40 亩",
        "位于化工大学实验楼项目北侧，面积 8 亩",
        "位于惠新西街东侧，面积 10 亩",
        "位于北三环东路南侧，面积 12 亩",
        "位于樱花园西街东侧，面积 10 亩",
        "位于北三环北侧，面积 6 亩",
        "位于北三环东路东段北侧，面积 5 亩",
    ];

    /// <summary>The report's entries: corners, sides, a 四至 box and a relative position between real roads.</summary>
    public static TheoryData<string> Column => new(Locations);

    private static readonly string[] Names =
    [
        "樱花园西街东北角地块", "和平里东街西南角地块", "和平里西街东南角地块", "樱花园南街北侧地块",
        "北三环东路北侧地块", "化工大学实验楼项目", "实验楼北侧地块", "惠新西街东侧地块", "北三环东路南侧地块", "樱花园西街东侧地块",
        "北三环高架北侧地块", "北三环东路东段北侧地块",
    ];

    private static readonly Lazy<IReadOnlyList<GeocodedEntry>> Geocoded = new(() =>
    {
        var warnings = new List<string>();
        var entries = Locations.Select((l, i) => LandEntryParser.Parse(i + 1, $"{Names[i]}：{l}。", false, i + 1, warnings)).ToList();
        var report = new ExtractedReport { File = "chaoyang.txt", District = OsmNetwork.District, PlanYear = 2026, Encoding = "utf-8", LandEntries = entries };
        return new ParcelGeocoder(OsmNetwork.Gazetteer.Value).GeocodeReport(report);
    });

    [Theory]
    [MemberData(nameof(Column))]
    public void EachParcelLiesWhereTheReportSaysAmongTheRealRoads(string location)
    {
        var index = Array.IndexOf(Locations, location);
        var entry = Geocoded.Value[index];
        output.WriteLine($"{entry.Name}: {entry.Status} {entry.Method} {entry.AreaMuComputed} 亩 ({entry.MetricCrs}); {string.Join("；", entry.Constraints.Select(c => c.Detail))}; {string.Join("；", entry.Warnings)}");

        Assert.Equal(GeocodeStatus.Located, entry.Status);
        var parcel = OsmNetwork.Local(entry.Geometry!);
        Assert.InRange(NetworkCheck.AreaMu(parcel), entry.AreaMu!.Value * 0.97, entry.AreaMu!.Value * 1.03);
        Assert.True(NetworkCheck.Compactness(parcel) >= 1 / 3.0, $"width/length {NetworkCheck.Compactness(parcel):0.00}");
        var problem = index switch
        {
            0 => Corner(parcel, "北三环东路", "樱花园西街", Compass.NorthEast),
            1 => Corner(parcel, "北三环东路", "和平里东街", Compass.SouthWest),
            2 => Corner(parcel, "北三环东路", "和平里西街", Compass.SouthEast),
            3 => Front(parcel, "樱花园南街", Compass.North),
            4 => Front(parcel, "北三环东路", Compass.North),
            5 => NetworkCheck.InBox(parcel, "樱花园西街", "樱花园东街", "北三环东路", "樱花园南街"),
            6 => NorthOf(parcel, OsmNetwork.Local(Geocoded.Value[5].Geometry!)),
            7 => Front(parcel, "惠新西街", Compass.East),
            8 => Front(parcel, "北三环东路", Compass.South),
            9 => Front(parcel, "樱花园西街", Compass.East),
            // The text names the viaduct (bridge=yes): it is read, and the land still keeps off the ground road under it.
            10 => Front(parcel, "北三环", Compass.North),
            _ => Front(parcel, "北三环东路", Compass.North) ?? InEastThird(parcel, "北三环东路"),
        };
        Assert.True(problem is null, problem);
        var onStreet = NetworkCheck.OffTheStreets(parcel);
        Assert.True(onStreet is null, onStreet);
    }

    // At the corner: beyond both roads' carriageways on the stated sides, and touching the junction.
    private static string? Corner(NetTopologySuite.Geometries.Geometry parcel, string a, string b, Compass quadrant) =>
        NetworkCheck.InQuadrant(parcel, a, b, quadrant)
        ?? (NetworkCheck.Distance(parcel, a) > 40 || NetworkCheck.Distance(parcel, b) > 40
            ? $"{NetworkCheck.Distance(parcel, a):0} m from {a}, {NetworkCheck.Distance(parcel, b):0} m from {b}: not at the corner"
            : null);

    // Fronting a road: beyond all its carriageways, within 40 m of the nearest.
    private static string? Front(NetTopologySuite.Geometries.Geometry parcel, string road, Compass side) =>
        NetworkCheck.Beyond(parcel, road, side)
        ?? (NetworkCheck.Distance(parcel, road) > 40 ? $"{NetworkCheck.Distance(parcel, road):0} m from {road}" : null);

    // 东段: the eastern third of the road's extent (the whole road lies in the district here).
    private static string? InEastThird(NetTopologySuite.Geometries.Geometry parcel, string road)
    {
        var xs = OsmNetwork.Carriageways(road).Select(p => p.X).ToList();
        var from = xs.Max() - (xs.Max() - xs.Min()) / 3;
        return parcel.Centroid.X >= from - 10 ? null : $"centre at x {parcel.Centroid.X:0}, the east third of {road} starts at {from:0}";
    }

    private static string? NorthOf(NetTopologySuite.Geometries.Geometry parcel, NetTopologySuite.Geometries.Geometry other) =>
        parcel.EnvelopeInternal.MinY >= other.EnvelopeInternal.MaxY - 2 && parcel.Distance(other) <= 120
            ? null
            : $"not just north of the other parcel (its south edge {parcel.EnvelopeInternal.MinY:0.#}, the other's north edge {other.EnvelopeInternal.MaxY:0.#}, {parcel.Distance(other):0} m apart)";
}

/// <summary>
/// Junctions have gaps: with 樱花园西街's ways stopping 45 m short of 北三环东路 (as centre lines drawn by hand or clipped
/// at a junction often do), the corner is still where the two roads meet, beyond both roads' real carriageways.
/// </summary>
public sealed class OsmJunctionGapTests(ITestOutputHelper output)
{
    [Fact]
    public void ACornerAcrossAGapAtTheJunctionIsStillInItsQuadrant()
    {
        // 45 m north of the north carriageway of 北三环东路 where 樱花园西街 meets it (local y ≈ −205 m).
        var cut = 39.9698 + -160 / 111_035.0;
        var keep = new NetTopologySuite.Geometries.GeometryFactory(new NetTopologySuite.Geometries.PrecisionModel(), 4326)
            .ToGeometry(new NetTopologySuite.Geometries.Envelope(116.40, 116.43, cut, 39.99));
        var features = OsmNetwork.Imported.Value.Select(f => f.Name != "樱花园西街" ? f : Clip(f, keep)).ToList();
        var gazetteer = new LandMap.Core.Gazetteer.GazetteerIndex([OsmNetwork.Outline.Value, .. features]);
        var warnings = new List<string>();
        var entry = LandEntryParser.Parse(1, "转角地块：北三环东路与樱花园西街交叉口东北角，面积 30 亩。", false, 1, warnings);
        var report = new ExtractedReport { File = "gap.txt", District = OsmNetwork.District, PlanYear = 2026, Encoding = "utf-8", LandEntries = [entry] };

        var geocoded = Assert.Single(new ParcelGeocoder(gazetteer).GeocodeReport(report));

        Assert.Equal(GeocodeStatus.Located, geocoded.Status);
        var parcel = OsmNetwork.Local(geocoded.Geometry!);
        output.WriteLine($"{geocoded.Status} {geocoded.MetricCrs}: {string.Join("；", geocoded.Constraints.Select(c => c.Detail))}; " +
            $"{NetworkCheck.Distance(parcel, "北三环东路"):0} m from 北三环东路, {NetworkCheck.Distance(parcel, "樱花园西街"):0} m from 樱花园西街; envelope {parcel.EnvelopeInternal}");
        var problem = NetworkCheck.InQuadrant(parcel, "北三环东路", "樱花园西街", Compass.NorthEast);
        Assert.True(problem is null, problem);
        Assert.InRange(NetworkCheck.Distance(parcel, "北三环东路"), 0, 40);
        Assert.InRange(NetworkCheck.Distance(parcel, "樱花园西街"), 0, 40);
    }

    private static LandMap.Core.Gazetteer.GazetteerFeature Clip(LandMap.Core.Gazetteer.GazetteerFeature road, NetTopologySuite.Geometries.Geometry keep)
    {
        var parts = Enumerable.Range(0, road.Geometry.NumGeometries)
            .Select(i => (Line: road.Geometry.GetGeometryN(i).Intersection(keep), Way: road.Ways![i]))
            .SelectMany(p => Enumerable.Range(0, p.Line.NumGeometries).Select(k => (Line: p.Line.GetGeometryN(k), p.Way)))
            .Where(p => p.Line is NetTopologySuite.Geometries.LineString { IsEmpty: false })
            .ToList();
        return road with
        {
            Geometry = road.Geometry.Factory.CreateMultiLineString(parts.Select(p => (NetTopologySuite.Geometries.LineString)p.Line).ToArray()),
            Ways = parts.Select(p => p.Way).ToList(),
        };
    }
}
