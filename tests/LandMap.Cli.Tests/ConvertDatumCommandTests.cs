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

    private static string ForwardToGcj02(Match m)
    {
        var (lon, lat) = ChinaWebDatums.Wgs84ToGcj02(double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
        return string.Create(CultureInfo.InvariantCulture, $"[{lon:R},{lat:R}]");
    }

    [GeneratedRegex(@"\[(1\d\d\.\d+),(3\d\.\d+)\]")]
    private static partial Regex Position();
}
