using LandMap.Core.Filtering;
using NetTopologySuite.Geometries;

namespace LandMap.Core.Tests.Filtering;

public sealed class CqlEvaluatorTests
{
    private static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);

    private static bool Matches(string filter, Dictionary<string, object?> feature)
    {
        var parsed = CqlParser.Parse(filter, CqlParserTests.Schema);
        Assert.True(parsed.Succeeded, parsed.Error?.ToString());
        return CqlEvaluator.Matches(parsed.Expression!, p => feature.GetValueOrDefault(p));
    }

    private static Dictionary<string, object?> Parcel(string? name = "平顶山物流园", string? district = "卫东区", int? year = 2023, double? area = 112.5,
        Geometry? geometry = null) =>
        new() { ["name"] = name, ["district"] = district, ["planYear"] = year, ["areaMu"] = area, ["geometry"] = geometry };

    [Theory]
    [InlineData("name LIKE '%物流%'", true)]
    [InlineData("name LIKE '平顶山__园'", true)]
    [InlineData("name LIKE '平顶山_园'", false)]
    [InlineData("name LIKE '平顶山%'", true)]
    [InlineData("planYear BETWEEN 2023 AND 2023", true)]
    [InlineData("areaMu BETWEEN 112.6 AND 200", false)]
    [InlineData("district IN ('湛河区', '卫东区')", true)]
    [InlineData("planYear IN (2021, 2022)", false)]
    [InlineData("planYear <> 2022 AND areaMu > 100", true)]
    [InlineData("district < '卫东区'", false)]
    [InlineData("district <= '卫东区'", true)]
    public void OperatorsOnOneParcel(string filter, bool expected) => Assert.Equal(expected, Matches(filter, Parcel()));

    [Fact]
    public void LikeIsCaseSensitiveCountsCodePointsAndHonoursEscapes()
    {
        Assert.False(Matches("name LIKE 'abc%'", Parcel(name: "ABCD")));
        Assert.True(Matches("name LIKE 'A_CD'", Parcel(name: "ABCD")));
        Assert.True(Matches("name LIKE '_'", Parcel(name: "𠀀")));
        Assert.False(Matches("name LIKE '__'", Parcel(name: "𠀀")));
        Assert.True(Matches(@"name LIKE '100\%'", Parcel(name: "100%")));
        Assert.False(Matches(@"name LIKE '100\%'", Parcel(name: "1000")));
        Assert.True(Matches(@"name LIKE 'a\_b'", Parcel(name: "a_b")));
        Assert.False(Matches(@"name LIKE 'a\_b'", Parcel(name: "axb")));
        Assert.True(Matches("name LIKE '%'", Parcel(name: "line\nbreak")));
    }

    // As SQL: a predicate on a missing value is unknown, NOT unknown is unknown, and unknown does not match.
    [Fact]
    public void MissingValuesAreUnknownAsInSql()
    {
        var noArea = Parcel(area: null);
        Assert.False(Matches("areaMu > 0", noArea));
        Assert.False(Matches("NOT (areaMu > 0)", noArea));
        Assert.False(Matches("areaMu NOT BETWEEN 1 AND 2", noArea));
        Assert.False(Matches("areaMu NOT IN (1)", noArea));
        Assert.True(Matches("areaMu IS NULL", noArea));
        Assert.True(Matches("areaMu > 0 OR planYear = 2023", noArea));
        Assert.False(Matches("areaMu > 0 AND planYear = 2023", noArea));
        Assert.False(Matches("NOT (areaMu > 0 AND planYear = 2023)", noArea));
        Assert.True(Matches("NOT (areaMu > 0 AND planYear = 2022)", noArea));
        Assert.False(Matches("NOT S_INTERSECTS(geometry, POINT(0 0))", noArea));
    }

    [Fact]
    public void SIntersectsTestsTheGeometryExactly()
    {
        var square = Wgs84.ToGeometry(new Envelope(113.30, 113.31, 33.70, 33.71));
        Assert.True(Matches("S_INTERSECTS(geometry, POINT(113.305 33.705))", Parcel(geometry: square)));
        Assert.True(Matches("S_INTERSECTS(geometry, BBOX(113.31, 33.71, 113.4, 33.8))", Parcel(geometry: square)));
        // Inside the square's envelope but outside the triangle: an envelope test would say yes.
        var triangle = Wgs84.CreatePolygon([new(113.30, 33.70), new(113.31, 33.70), new(113.30, 33.71), new(113.30, 33.70)]);
        Assert.False(Matches("S_INTERSECTS(geometry, POINT(113.309 33.709))", Parcel(geometry: triangle)));
        Assert.True(Matches("NOT S_INTERSECTS(geometry, POINT(113.309 33.709))", Parcel(geometry: triangle)));
    }
}
