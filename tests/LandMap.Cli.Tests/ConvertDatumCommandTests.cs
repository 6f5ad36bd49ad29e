using System.Globalization;
using System.Text.RegularExpressions;
using LandMap.Core.Crs;
using LandMap.Tests.Shared;

namespace LandMap.Cli.Tests;

/// <summary><c>landmap gazetteer convert-datum</c>: the command the shipped gazetteer was converted with (gis-data/README.md).</summary>
public sealed partial class ConvertDatumCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("landmap-datum-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Shipped(string name) => Path.Combine(Checkout.Root, "gis-data", "gazetteer", name);

    // The shipped files taken forward to GCJ-02 (full precision), converted back by the command: byte for byte the
    // shipped files — the conversion is reproducible and touches nothing but coordinates.
    [Fact]
    public void ConvertingTheGcj02FormOfTheShippedGazetteerGivesItBack()
    {
        var names = new[] { "roads.geojson", "places.geojson", "landmarks.geojson" };
        var gcjFolder = Directory.CreateDirectory(Path.Combine(_folder, "gcj02")).FullName;
        var outFolder = Directory.CreateDirectory(Path.Combine(_folder, "wgs84")).FullName;
        foreach (var name in names)
            File.WriteAllText(Path.Combine(gcjFolder, name), Position().Replace(File.ReadAllText(Shipped(name)), ForwardToGcj02));

        var (exit, stdout, stderr) = Landmap.Run(["gazetteer", "convert-datum", .. names.Select(n => Path.Combine(gcjFolder, n)), "--from", "GCJ02", "--out", outFolder]);

        Assert.True(exit == 0, stderr);
        Assert.Contains("平均位移 (mean shift) 6", stdout);
        foreach (var name in names)
            Assert.Equal(File.ReadAllText(Shipped(name)), File.ReadAllText(Path.Combine(outFolder, name)));
    }

    [Fact]
    public void OneBadFileMeansNothingIsWrittenAndSaysWhere()
    {
        var good = Path.Combine(_folder, "good.geojson");
        var bad = Path.Combine(_folder, "bad.geojson");
        const string GoodText = "{\"type\":\"Point\",\"coordinates\":[113.3,33.7]}";
        File.WriteAllText(good, GoodText);
        File.WriteAllText(bad, "{\"type\":\"FeatureCollection\",\"features\":[\n{\"type\":\"Feature\",\"bbox\":[0,0,1,1],\"geometry\":null}]}");

        var (exit, _, stderr) = Landmap.Run("gazetteer", "convert-datum", good, bad, "--from", "GCJ02", "--in-place");

        Assert.Equal(1, exit);
        Assert.Contains("bad.geojson: line 2", stderr);
        Assert.Equal(GoodText, File.ReadAllText(good));
    }

    [Fact]
    public void AFileThatCannotBeWrittenPutsBackTheOnesWrittenBeforeIt()
    {
        var sources = Path.Combine(_folder, "sources");
        var target = Path.Combine(_folder, "out");
        Directory.CreateDirectory(sources);
        Directory.CreateDirectory(target);
        const string Point = "{\"type\":\"Point\",\"coordinates\":[113.3,33.7]}";
        string[] names = ["a.geojson", "b.geojson"];
        foreach (var name in names) File.WriteAllText(Path.Combine(sources, name), Point);
        // out/a.geojson holds an earlier result; out/b.geojson is a folder, so b cannot be written after a was.
        File.WriteAllText(Path.Combine(target, "a.geojson"), "earlier");
        Directory.CreateDirectory(Path.Combine(target, "b.geojson"));

        var (exit, _, stderr) = Landmap.Run(["gazetteer", "convert-datum", .. names.Select(n => Path.Combine(sources, n)), "--from", "GCJ02", "--out", target]);

        Assert.Equal(1, exit);
        Assert.Contains("b.geojson: cannot write", stderr);
        Assert.Contains("nothing was written", stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.Equal("earlier", File.ReadAllText(Path.Combine(target, "a.geojson")));
        Assert.Equal(["a.geojson", "b.geojson"], Directory.GetFileSystemEntries(target).Select(Path.GetFileName).Order());
    }

    [Theory]
    [InlineData("WGS84", "--from 'WGS84' must be GCJ02 or BD09")]
    [InlineData("GCJ02", "either --out DIR")]
    public void RefusesAWrongDatumOrNoTarget(string from, string expected)
    {
        var file = Path.Combine(_folder, "a.geojson");
        File.WriteAllText(file, "{\"type\":\"Point\",\"coordinates\":[113.3,33.7]}");

        var (exit, _, stderr) = Landmap.Run("gazetteer", "convert-datum", file, "--from", from);

        Assert.Equal(1, exit);
        Assert.Contains(expected, stderr);
    }

    // landmap gazetteer import --crs GCJ02|BD09 reads a web-datum file as lon/lat and stores it in WGS 84.
    [Theory]
    [InlineData("GCJ02")]
    [InlineData("BD09")]
    public void GazetteerImportTakesAWebDatumFile(string crs)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folder, "gazetteer")).FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(Checkout.Root, "gis-data", "gazetteer"), "*.geojson"))
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        (double Lon, double Lat)[] wgs84 = [(113.3710, 33.7420), (113.3790, 33.7431)];
        var web = wgs84.Select(p => crs == "GCJ02" ? ChinaWebDatums.Wgs84ToGcj02(p.Lon, p.Lat) : ChinaWebDatums.Wgs84ToBd09(p.Lon, p.Lat)).ToArray();
        var road = Path.Combine(_folder, "amap-road.geojson");
        File.WriteAllText(road, string.Create(CultureInfo.InvariantCulture,
            $"{{\"type\":\"FeatureCollection\",\"features\":[{{\"type\":\"Feature\",\"properties\":{{\"name\":\"测试高德路\",\"kind\":\"road\",\"district\":\"卫东区\"}},\"geometry\":{{\"type\":\"LineString\",\"coordinates\":[[{web[0].Lon:R},{web[0].Lat:R}],[{web[1].Lon:R},{web[1].Lat:R}]]}}}}]}}"));

        var (exit, _, stderr) = Landmap.Run("gazetteer", "import", road, "--gazetteer", folder, "--crs", crs);

        Assert.True(exit == 0, stderr);
        var written = File.ReadAllText(Directory.GetFiles(folder, "zz-import-*.geojson").Single());
        var positions = Position().Matches(written).Select(m => (double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(2, positions.Count);
        for (var i = 0; i < 2; i++)
        {
            var dx = (positions[i].Item1 - wgs84[i].Lon) * Math.Cos(33.74 * Math.PI / 180) * 111_195;
            var dy = (positions[i].Item2 - wgs84[i].Lat) * 111_195;
            Assert.True(Math.Sqrt(dx * dx + dy * dy) < 0.5, $"{positions[i]} vs {wgs84[i]}");
        }
    }

    private static string ForwardToGcj02(Match m)
    {
        var (lon, lat) = ChinaWebDatums.Wgs84ToGcj02(double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
        return string.Create(CultureInfo.InvariantCulture, $"[{lon:R},{lat:R}]");
    }

    [GeneratedRegex(@"\[(1\d\d\.\d+),(3\d\.\d+)\]")]
    private static partial Regex Position();
}
