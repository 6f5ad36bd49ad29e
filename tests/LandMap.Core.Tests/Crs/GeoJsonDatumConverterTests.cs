using System.Globalization;
using CsCheck;
using LandMap.Core.Crs;

namespace LandMap.Core.Tests.Crs;

public sealed class GeoJsonDatumConverterTests
{
    private const string TwoFeatures =
        "{\"type\":\"FeatureCollection\",\"features\":[\n" +
        "{\"type\":\"Feature\",\"properties\":{\"name\":\"程庄村\",\"coordinates\":[113.445,33.7512],\"precisionM\":600},\"geometry\":{\"type\":\"Point\",\"coordinates\":[113.445,33.7512]}},\n" +
        "{\"type\":\"Feature\",\"properties\":{\"name\":\"建设路\"},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[113.3,33.7,12.5],[113.35,33.71,13]]}}\n" +
        "]}\n";

    [Fact]
    public void RewritesOnlyGeometryCoordinatesKeepingLinesAndProperties()
    {
        var result = GeoJsonDatumConverter.ToWgs84(TwoFeatures, WebDatum.Gcj02);

        Assert.True(result.IsSuccess, result.Problem);
        Assert.Equal(3, result.Positions);
        var before = TwoFeatures.Split('\n');
        var after = result.Text!.Split('\n');
        Assert.Equal(before.Length, after.Length);
        // Properties (a member named "coordinates" among them) are byte for byte what they were.
        Assert.StartsWith(before[1][..before[1].IndexOf("\"geometry\"", StringComparison.Ordinal)], after[1], StringComparison.Ordinal);
        var (lon, lat) = ChinaWebDatums.Gcj02ToWgs84(113.445, 33.7512);
        Assert.Contains(FormattableString.Invariant($"\"coordinates\":[{Math.Round(lon, 6)},{Math.Round(lat, 6)}]}}"), after[1], StringComparison.Ordinal);
        Assert.Contains(",12.5],", after[2], StringComparison.Ordinal);
        Assert.InRange(result.MeanShiftM, 400, 800);
    }

    [Fact]
    public void Bd09GoesThroughGcj02ToWgs84()
    {
        var (bdLon, bdLat) = ChinaWebDatums.Wgs84ToBd09(113.3, 33.7);
        var text = FormattableString.Invariant($"{{\"type\":\"Point\",\"coordinates\":[{bdLon:R},{bdLat:R}]}}");

        var result = GeoJsonDatumConverter.ToWgs84(text, WebDatum.Bd09);

        Assert.Equal("{\"type\":\"Point\",\"coordinates\":[113.3,33.7]}", result.Text);
    }

    [Theory]
    [InlineData("{\"type\":\"Point\",\"bbox\":[1,2,3,4],\"coordinates\":[113.3,33.7]}", "line 1 has a \"bbox\"")]
    [InlineData("{\"type\":\"FeatureCollection\",\"features\":[\n{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[3719000,38500000]}}]}", "line 2 has a position [3719000,38500000]")]
    [InlineData("{\"type\":\"Point\",\"coordinates\":[113.3,\"x\"]}", "not [longitude, latitude]")]
    [InlineData("{\"type\":\"Point\",\n\"coordinates\":[113.3,33.7]", "not valid JSON (line 2)")]
    public void RefusesWhatItCannotConvertSayingWhere(string text, string expected)
    {
        var result = GeoJsonDatumConverter.ToWgs84(text, WebDatum.Gcj02);

        Assert.False(result.IsSuccess);
        Assert.Null(result.Text);
        Assert.Contains(expected, result.Problem, StringComparison.Ordinal);
    }

    // Whatever the nesting and numbers, the converted position taken forward again is the input within rounding.
    [Fact]
    public void ConvertedPositionsGoForwardToTheInputWithinRounding() =>
        Gen.Select(Gen.Double[100, 125], Gen.Double[20, 45]).Sample((lon, lat) =>
        {
            var text = string.Create(CultureInfo.InvariantCulture, $"{{\"type\":\"MultiPoint\",\"coordinates\":[[{lon:R},{lat:R}]]}}");
            var converted = GeoJsonDatumConverter.ToWgs84(text, WebDatum.Gcj02).Text!;
            var numbers = converted[(converted.IndexOf("[[", StringComparison.Ordinal) + 2)..converted.IndexOf("]]", StringComparison.Ordinal)].Split(',');
            var back = ChinaWebDatums.Wgs84ToGcj02(double.Parse(numbers[0], CultureInfo.InvariantCulture), double.Parse(numbers[1], CultureInfo.InvariantCulture));
            Assert.InRange(Math.Abs(back.Lon - lon), 0, 1e-6);
            Assert.InRange(Math.Abs(back.Lat - lat), 0, 1e-6);
        }, iter: 2_000);
}
