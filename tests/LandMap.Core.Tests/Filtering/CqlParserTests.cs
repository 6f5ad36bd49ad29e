using LandMap.Core.Filtering;
using NetTopologySuite.Geometries;

namespace LandMap.Core.Tests.Filtering;

public sealed class CqlParserTests
{
    internal static readonly Dictionary<string, CqlType> Schema = new()
    {
        ["name"] = CqlType.String, ["district"] = CqlType.String, ["planYear"] = CqlType.Integer, ["areaMu"] = CqlType.Number,
        ["geometry"] = CqlType.Geometry, ["land use"] = CqlType.String,
    };

    private static CqlExpression Parse(string text)
    {
        var result = CqlParser.Parse(text, Schema);
        Assert.True(result.Succeeded, $"{text}: {result.Error}");
        return result.Expression!;
    }

    private static CqlError Refuse(string text, CqlLimits? limits = null)
    {
        var result = CqlParser.Parse(text, Schema, limits);
        Assert.False(result.Succeeded, $"{text} parsed as {result.Expression}");
        return result.Error!;
    }

    [Theory]
    [InlineData("planYear = 2023", CqlComparison.Equal)]
    [InlineData("planYear<>2023", CqlComparison.NotEqual)]
    [InlineData("planYear < 2023", CqlComparison.Less)]
    [InlineData("planYear <= 2023", CqlComparison.LessOrEqual)]
    [InlineData("planYear > 2023", CqlComparison.Greater)]
    [InlineData("planYear >= 2023", CqlComparison.GreaterOrEqual)]
    public void ComparisonsOfAPropertyWithALiteral(string text, CqlComparison op) =>
        Assert.Equal(new CqlCompare("planYear", op, 2023.0), Parse(text));

    [Fact]
    public void AndBindsTighterThanOrAndNotTighterThanAnd()
    {
        var a = new CqlCompare("district", CqlComparison.Equal, "卫东区");
        var b = new CqlCompare("planYear", CqlComparison.Equal, 2023.0);
        var c = new CqlIsNull("areaMu");
        Assert.Equal(new CqlOr(a, new CqlAnd(new CqlNot(b), c)), Parse("district = '卫东区' or NOT planYear = 2023 AND areaMu IS NULL"));
        Assert.Equal(new CqlAnd(new CqlOr(a, b), c), Parse("(district = '卫东区' OR planYear = 2023) AND areaMu IS NULL"));
    }

    [Fact]
    public void AdvancedComparisonsAndTheirNegations()
    {
        Assert.Equal(new CqlLike("name", "%物流%"), Parse("name LIKE '%物流%'"));
        Assert.Equal(new CqlNot(new CqlLike("name", "It''s")), Parse("name NOT LIKE 'It''''s'"));
        Assert.Equal(new CqlBetween("areaMu", 10, 50.5), Parse("areaMu BETWEEN 10 AND 50.5"));
        Assert.Equal(new CqlNot(new CqlBetween("planYear", 2021, 2022)), Parse("planYear NOT BETWEEN 2021 AND 2022"));
        Assert.Equal(new CqlIn("district", ["卫东区", "湛河区"]), Parse("district IN ('卫东区', '湛河区')"));
        Assert.Equal(new CqlNot(new CqlIn("planYear", [2021.0])), Parse("planYear NOT IN (2021)"));
        Assert.Equal(new CqlNot(new CqlIsNull("name")), Parse("name IS NOT NULL"));
        Assert.Equal(new CqlIsNull("land use"), Parse("\"land use\" IS NULL"));
    }

    [Fact]
    public void SIntersectsTakesWktOrABboxInEitherOrder()
    {
        var box = (Polygon)((CqlIntersects)Parse("S_INTERSECTS(geometry, BBOX(113.3, 33.7, 113.4, 33.8))")).Geometry;
        Assert.Equal(new Envelope(113.3, 113.4, 33.7, 33.8), box.EnvelopeInternal);
        Assert.True(box.IsRectangle);
        var point = ((CqlIntersects)Parse("s_intersects(POINT(113.35 33.75), geometry)")).Geometry;
        Assert.Equal(new Coordinate(113.35, 33.75), point.Coordinate);
        var polygon = ((CqlIntersects)Parse("S_INTERSECTS(geometry, POLYGON((113.3 33.7, 113.4 33.7, 113.4 33.8, 113.3 33.7)))")).Geometry;
        Assert.Equal(4, polygon.NumPoints);
        Assert.IsType<MultiPolygon>(((CqlIntersects)Parse("S_INTERSECTS(geometry, MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0))))")).Geometry);
    }

    [Theory]
    [InlineData("planYear = ", CqlErrorKind.Syntax, 11, "")]
    [InlineData("planYear = 2023 ANDD district = 'x'", CqlErrorKind.Syntax, 16, "ANDD")]
    [InlineData("owner = 'x'", CqlErrorKind.UnknownProperty, 0, "owner")]
    [InlineData("planYear = '2023'", CqlErrorKind.TypeMismatch, 11, "'2023'")]
    [InlineData("district = 2023", CqlErrorKind.TypeMismatch, 11, "2023")]
    [InlineData("planYear LIKE '20%'", CqlErrorKind.TypeMismatch, 9, "LIKE")]
    [InlineData("name = 'unclosed", CqlErrorKind.Syntax, 7, "'unclosed")]
    [InlineData("planYear = 2023 OR", CqlErrorKind.Syntax, 18, "")]
    [InlineData("(planYear = 2023", CqlErrorKind.Syntax, 16, "")]
    [InlineData("planYear = 1e999", CqlErrorKind.Syntax, 11, "1e999")]
    [InlineData("name = district", CqlErrorKind.Unsupported, 7, "district")]
    [InlineData("planYear > DATE('2023-01-01')", CqlErrorKind.Unsupported, 11, "DATE")]
    [InlineData("CASEI(name) = 'a'", CqlErrorKind.Unsupported, 0, "CASEI")]
    [InlineData("S_WITHIN(geometry, POINT(1 2))", CqlErrorKind.Unsupported, 0, "S_WITHIN")]
    [InlineData("geometry = 'x'", CqlErrorKind.TypeMismatch, 9, "=")]
    [InlineData("S_INTERSECTS(name, POINT(1 2))", CqlErrorKind.TypeMismatch, 13, "name")]
    [InlineData("S_INTERSECTS(geometry, POLYGON((0 0, 1 1, 1 0, 0 1, 0 0)))", CqlErrorKind.InvalidGeometry, 23, "POLYGON")]
    [InlineData("S_INTERSECTS(geometry, POINT EMPTY)", CqlErrorKind.InvalidGeometry, 29, "EMPTY")]
    [InlineData("S_INTERSECTS(geometry, BBOX(2, 0, 1, 1))", CqlErrorKind.InvalidGeometry, 23, "BBOX")]
    [InlineData("S_INTERSECTS(geometry, POINT(1 2)", CqlErrorKind.Syntax, 33, "")]
    [InlineData("planYear = 2023; DROP TABLE parcels", CqlErrorKind.Syntax, 15, ";")]
    [InlineData("", CqlErrorKind.Syntax, 0, "")]
    public void RefusedFiltersNameThePositionAndTheToken(string text, CqlErrorKind kind, int position, string token)
    {
        var error = Refuse(text);
        Assert.Equal((kind, position, token), (error.Kind, error.Position, error.Token));
        Assert.Contains($"character {position + 1}", error.ToString());
    }

    [Fact]
    public void LimitsAreCheckedBeforeTheWork()
    {
        var megabyte = "name = '" + new string('x', 1 << 20) + "'";
        Assert.Equal((CqlErrorKind.TooLarge, 65536), (Refuse(megabyte).Kind, Refuse(megabyte).Position));

        var deep = new string('(', 65) + "planYear = 1" + new string(')', 65);
        Assert.Equal((CqlErrorKind.TooLarge, 64), (Refuse(deep).Kind, Refuse(deep).Position));
        Assert.True(CqlParser.Parse(new string('(', 64) + "planYear = 1" + new string(')', 64), Schema).Succeeded);
        var nots = string.Concat(Enumerable.Repeat("NOT ", 65)) + "planYear = 1";
        Assert.Equal(CqlErrorKind.TooLarge, Refuse(nots).Kind);

        var terms = string.Join(" OR ", Enumerable.Repeat("planYear = 1", 501));
        Assert.Equal(CqlErrorKind.TooLarge, Refuse(terms).Kind);
        var list = "planYear IN (" + string.Join(",", Enumerable.Range(0, 1000)) + ")";
        Assert.Equal(CqlErrorKind.TooLarge, Refuse(list).Kind);

        var ring = string.Join(", ", Enumerable.Range(0, 10_001).Select(i => $"{Math.Cos(i * 0.0006):F6} {Math.Sin(i * 0.0006):F6}"));
        Assert.Equal(CqlErrorKind.TooLarge, Refuse($"S_INTERSECTS(geometry, LINESTRING({ring}))").Kind);
        // 20 nested collections: refused before NetTopologySuite's reader recurses into them.
        var nested = string.Concat(Enumerable.Repeat("GEOMETRYCOLLECTION(", 20)) + "POINT(1 2)" + new string(')', 20);
        Assert.Equal(CqlErrorKind.TooLarge, Refuse($"S_INTERSECTS(geometry, {nested})").Kind);
    }

    // Half a surrogate pair (which no UTF-8 request can carry, but a caller may): refused, never passed to a store.
    [Fact]
    public void HalfASurrogatePairIsRefused() =>
        Assert.Equal((CqlErrorKind.Syntax, 9), (Refuse("name = 'a" + '\uDC00' + "'").Kind, Refuse("name = 'a" + '\uDC00' + "'").Position));

    [Fact]
    public void KeywordsAreCaseInsensitivePropertyNamesAreNot()
    {
        Assert.Equal(new CqlIsNull("name"), Parse("name is null"));
        Assert.Equal(CqlErrorKind.UnknownProperty, Refuse("Name IS NULL").Kind);
    }
}
