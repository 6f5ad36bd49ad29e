using System.Text.Json;
using LandMap.Core.Geocoding.Grammar;
using LandMap.Core.Tests.Geocoding.Roads;
using LandMap.Tests.Shared;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using Xunit.Abstractions;

namespace LandMap.Cli.Tests;

/// <summary>
/// A bureau outside Pingdingshan, end to end through the commands it would run: 北京市朝阳区's outline imported with
/// <c>landmap districts import --crs GCJ02</c> (the adcode fence as published, made a FeatureCollection by ogr2ogr), the
/// real OSM network around 北三环东路 imported with <c>landmap gazetteer import</c>, and a report whose title names
/// 北京市朝阳区 geocoded with <c>landmap geocode</c>. Each parcel is checked against the OSM ways read straight from the
/// XML (<see cref="NetworkCheck"/>), and against the district outline; the metric plane is the district's own zone.
/// </summary>
public sealed class OutsideDistrictReportTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("landmap-chaoyang-").FullName;

    // Entry name → location, and what the OSM ways must show for it.
    private static readonly (string Name, string Location, Func<Geometry, string?> Check)[] Column =
    [
        ("樱花园西街东北角地块", "北三环东路与樱花园西街交叉口东北角，面积 30 亩", p => NetworkCheck.InQuadrant(p, "北三环东路", "樱花园西街", Compass.NorthEast)),
        ("和平里东街西南角地块", "北三环东路与和平里东街交叉口西南角，面积 25 亩", p => NetworkCheck.InQuadrant(p, "北三环东路", "和平里东街", Compass.SouthWest)),
        ("北三环东路北侧地块", "位于北三环东路北侧，面积 12 亩", p => NetworkCheck.Beyond(p, "北三环东路", Compass.North)),
        ("北三环东路南侧地块", "位于北三环东路南侧，面积 12 亩", p => NetworkCheck.Beyond(p, "北三环东路", Compass.South)),
        ("樱花园西街东侧地块", "位于樱花园西街东侧，面积 10 亩", p => NetworkCheck.Beyond(p, "樱花园西街", Compass.East)),
        ("樱花园片区地块", "西至樱花园西街，东至樱花园东街，南至北三环东路，北至樱花园南街，面积 40 亩",
            p => NetworkCheck.InBox(p, "樱花园西街", "樱花园东街", "北三环东路", "樱花园南街")),
    ];

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void AReportOfChaoyangGeocodesOnItsImportedOutlineAndRealRoadsInItsOwnZone()
    {
        var gazetteer = Path.Combine(_folder, "gazetteer");
        Directory.CreateDirectory(gazetteer);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Checkout.Root, "gis-data", "gazetteer")))
            File.Copy(file, Path.Combine(gazetteer, Path.GetFileName(file)));
        var outline = Path.Combine(_folder, "chaoyang.geojson");
        var fence = Path.Combine(Checkout.Root, "tests", "LandMap.Cli.Tests", "Fixtures", "adcode", "110105.json");
        ExternalTools.Run("ogr2ogr", ["-f", "GeoJSON", outline, fence, "-dialect", "SQLite", "-sql", "SELECT '110105' AS code, '朝阳区' AS name, geometry FROM \"110105\""]);
        Succeeds(Landmap.Run("districts", "import", outline, "--gazetteer", gazetteer, "--crs", "GCJ02"));
        Succeeds(Landmap.Run("gazetteer", "import", OsmNetwork.Extract, "--gazetteer", gazetteer, "--district", "朝阳区"));
        var report = Path.Combine(_folder, "chaoyang-2026.txt");
        File.WriteAllText(report, ReportText());

        var (exit, stdout, stderr) = Landmap.Run("geocode", report, "--gazetteer", gazetteer);

        Assert.True(exit == 0, stderr);
        var features = JsonSerializer.Deserialize<FeatureCollection>(stdout, GeoJson)!;
        var district = DistrictOutline(gazetteer);
        Assert.Equal(Column.Length, features.Count);
        foreach (var (feature, (name, _, check)) in features.Zip(Column))
        {
            var crs = (string)feature.Attributes["metricCrs"];
            output.WriteLine($"{name}: {feature.Attributes["status"]} {feature.Attributes["areaMuComputed"]} 亩 in {crs}");
            Assert.Equal(name, feature.Attributes["name"]);
            Assert.Equal("located", feature.Attributes["status"]);
            // 116.4°E: the CGCS2000 3° zone of CM 117°E, not Pingdingshan's 114°E.
            Assert.Equal("EPSG:4548", crs);
            Assert.True(district.Covers(feature.Geometry), $"{name} is not inside 朝阳区's imported outline");
            var parcel = OsmNetwork.Local(feature.Geometry);
            var problem = check(parcel) ?? NetworkCheck.OffTheStreets(parcel);
            Assert.True(problem is null, $"{name}: {problem}");
            var stated = Convert.ToDouble(feature.Attributes["areaMu"], System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(NetworkCheck.AreaMu(parcel), stated * 0.97, stated * 1.03);
        }
    }

    private static string ReportText() =>
        "关于北京市朝阳区\n2025 年国民经济和社会发展规划执行情况与\n2026 年国民经济和社会发展规划（草案）的报告**\n\n各位代表：\n\n" +
        $"专栏：用地保障重点项目（{Column.Length}个）\n\n" +
        string.Join("\n", Column.Select((c, i) => $"- {i + 1}、{c.Name}：{c.Location}。")) + "\n";

    private static Geometry DistrictOutline(string gazetteer)
    {
        var districts = JsonSerializer.Deserialize<FeatureCollection>(File.ReadAllText(Path.Combine(gazetteer, "registry-districts.geojson")), GeoJson)!;
        return districts.Single(f => (string)f.Attributes["name"] == "朝阳区").Geometry;
    }

    private static void Succeeds((int ExitCode, string Stdout, string Stderr) run) => Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);

    private static readonly JsonSerializerOptions GeoJson = new() { Converters = { new GeoJsonConverterFactory() } };
}
