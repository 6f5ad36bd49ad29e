using System.Text;
using LandMap.Core.Crs;
using LandMap.Core.Gazetteer;
using LandMap.Core.Gazetteer.Registry;
using LandMap.Core.Surveys;

namespace LandMap.Core.Tests.Surveys;

/// <summary>
/// A 勘测定界 file is checked against the registry's districts in their own zone: a survey of 北京市朝阳区 comes in
/// 3-degree zone 39 (CM 117°E), which Pingdingshan's zone-38 ranges would refuse.
/// </summary>
public sealed class SurveyZoneTests
{
    private static readonly MetricPlane Zone39 = MetricPlane.ForEpsg(4548);

    // A 100 m square near 116.45°E 39.92°N in zone 39, with the 39 prefix.
    private static string ChaoyangSquare()
    {
        var (e, n) = Zone39.ToPlane(116.45, 39.92);
        var y0 = 39_000_000 + Math.Round(e, 3);
        (double X, double Y)[] corners = [(n, y0), (n + 100, y0), (n + 100, y0 + 100), (n, y0 + 100), (n, y0)];
        return "[属性描述]\n坐标系=2000国家大地坐标系\n几度分带=3\n带号=39\n[地块坐标]\n5,1,1,区块一,面,,工业用地,,@\n"
            + string.Join("\n", corners.Select((c, i) => $"J{i % 4 + 1},1,{c.X:0.000},{c.Y:0.000}")) + "\n";
    }

    private static DistrictRegistry WithChaoyang()
    {
        var outline = Zone39.ToWgs84(Zone39.Factory.ToGeometry(new NetTopologySuite.Geometries.Envelope(
            Zone39.ToPlane(116.40, 39.85).E, Zone39.ToPlane(116.60, 39.85).E, Zone39.ToPlane(116.40, 39.85).N, Zone39.ToPlane(116.40, 40.05).N)));
        var feature = new GazetteerFeature { Name = "朝阳区", Kind = PlaceKind.District, District = "朝阳区", Source = "test", Geometry = outline };
        return new DistrictRegistry([new RegisteredDistrict(110105, "朝阳区", "", "北京市")]).WithBoundaries([feature]);
    }

    [Fact]
    public void ASurveyOfAZone39DistrictIsReadInEpsg4548()
    {
        var areas = SurveyAreas.Of(WithChaoyang());

        var result = SurveyFileReader.Read("chaoyang.txt", Encoding.UTF8.GetBytes(ChaoyangSquare()), areas: areas);

        Assert.Equal(39, Assert.Single(areas).Zone);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var parcel = Assert.Single(result.Parcels);
        Assert.Equal(116.45, parcel.Geometry.Coordinates[0].X, 1e-6);
        Assert.Equal(39.92, parcel.Geometry.Coordinates[0].Y, 1e-6);
        Assert.Equal(10_000, Zone39.AreaM2(parcel.Geometry), 0.5);
    }

    [Fact]
    public void PingdingshansZoneRefusesTheSameFile()
    {
        var result = SurveyFileReader.Read("chaoyang.txt", Encoding.UTF8.GetBytes(ChaoyangSquare()));

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Contains("zone"));
    }

    [Fact]
    public void TheShippedRegistryCoversAllOfPingdingshanInZone38()
    {
        var (gazetteer, _) = GazetteerIndex.LoadDirectory(Path.Combine(TestPaths.RepositoryRoot, "gis-data", "gazetteer"));

        var area = Assert.Single(SurveyAreas.Of(gazetteer!.Districts));

        Assert.Equal(38, area.Zone);
        // 卫东区 and 湛河区 (the ranges of the first releases) lie inside; 汝州市 reaches west of them.
        Assert.True(area.MinNorthing <= SurveyArea.Pingdingshan.MinNorthing && area.MaxNorthing >= SurveyArea.Pingdingshan.MaxNorthing);
        Assert.True(area.MinEasting < SurveyArea.Pingdingshan.MinEasting - 20_000);
    }
}
