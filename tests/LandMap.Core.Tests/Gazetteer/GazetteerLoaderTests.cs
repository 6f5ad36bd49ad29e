using LandMap.Core.Gazetteer;
using static LandMap.Core.Tests.Gazetteer.GazetteerFixture;

namespace LandMap.Core.Tests.Gazetteer;

public sealed class GazetteerLoaderTests : IDisposable
{
    private const string Point = """{"type": "Point", "coordinates": [113.3, 33.73]}""";
    private readonly GazetteerFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void LoadsFeaturesWithAllProperties()
    {
        var result = GazetteerLoader.LoadFile(_fixture.Write("10_sketch.geojson", Sketch));

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(6, result.Features.Count);
        var road = result.Features[0];
        Assert.Equal("平郏东路", road.Name);
        Assert.Equal(["东平郑路", "平郏路"], road.Aliases);
        Assert.Equal(PlaceKind.Road, road.Kind);
        Assert.Equal("卫东区", road.District);
        Assert.Equal(50, road.PrecisionM);
        Assert.Equal("sketch", road.Source);
        Assert.Equal("r1", road.Id);
        Assert.Equal("10_sketch.geojson", road.File);
        Assert.Equal("LineString", road.Geometry.GeometryType);
        Assert.Null(result.Features[5].District);
    }

    [Fact]
    public void BadFeaturesFailTheFileNamingFileIndexAndField()
    {
        var json = Collection(
            Feature(Point, """{"kind": "village"}"""),
            Feature("""{"type": "Point", "coordinates": [NaN, 33.73]}""", """{"name": "焦庄村", "kind": "village"}"""),
            Feature(Point, """{"name": "观上村", "kind": "hamlet"}"""),
            Feature(Point, """{"name": "寺沟社区", "kind": "community"}"""));
        var result = GazetteerLoader.LoadFile(_fixture.Write("bad.geojson", json));

        Assert.False(result.IsSuccess);
        Assert.Empty(result.Features);
        AssertProblem(result, GazetteerProblemCode.MissingField, 0, "properties.name");
        AssertProblem(result, GazetteerProblemCode.NonFiniteCoordinate, 1, "geometry.coordinates");
        AssertProblem(result, GazetteerProblemCode.UnknownKind, 2, "properties.kind");
        Assert.All(result.Problems, p => Assert.Equal("bad.geojson", p.File));
        Assert.Contains("bad.geojson: feature 1, geometry.coordinates", result.ToString());
    }

    [Theory]
    [InlineData("""{"type": "Point", "coordinates": [113.3, 33.73]}""", """{"name": "x", "kind": "road", "aliases": "原许南路"}""", GazetteerProblemCode.WrongType, "properties.aliases")]
    [InlineData("""{"type": "Point", "coordinates": [113.3, 33.73]}""", """{"name": "x", "kind": "road", "aliases": ["a", 3]}""", GazetteerProblemCode.WrongType, "properties.aliases[1]")]
    [InlineData("""{"type": "Point", "coordinates": [113.3, 33.73]}""", """{"name": "x", "kind": "road", "precisionM": -5}""", GazetteerProblemCode.WrongType, "properties.precisionM")]
    [InlineData("""{"type": "Point", "coordinates": [435126.1, 3733933.1]}""", """{"name": "x", "kind": "road"}""", GazetteerProblemCode.CoordinateOutOfRange, "geometry.coordinates")]
    [InlineData("""{"type": "Point", "coordinates": [113.3, "Infinity"]}""", """{"name": "x", "kind": "road"}""", GazetteerProblemCode.NonFiniteCoordinate, "geometry.coordinates")]
    [InlineData("""{"type": "LineString", "coordinates": []}""", """{"name": "x", "kind": "road"}""", GazetteerProblemCode.EmptyGeometry, "geometry")]
    [InlineData("null", """{"name": "x", "kind": "road"}""", GazetteerProblemCode.EmptyGeometry, "geometry")]
    [InlineData("""{"type": "Polygon", "coordinates": [[[113.30, 33.70], [113.31, 33.71], [113.31, 33.70], [113.30, 33.71], [113.30, 33.70]]]}""", """{"name": "x", "kind": "park"}""", GazetteerProblemCode.InvalidGeometry, "geometry")]
    [InlineData("""{"type": "Polygon", "coordinates": [[[113.30, 33.70], [113.31, 33.71], [113.31, 33.70]]]}""", """{"name": "x", "kind": "park"}""", GazetteerProblemCode.InvalidGeometry, "geometry")]
    public void FieldProblemsAreNamed(string geometry, string properties, GazetteerProblemCode code, string field)
    {
        var result = GazetteerLoader.LoadFile(_fixture.Write("one.geojson", Collection(Feature(geometry, properties))));
        AssertProblem(result, code, 0, field);
    }

    [Fact]
    public void BowTieReportsTheNtsValidationError()
    {
        var bowTie = """{"type": "Polygon", "coordinates": [[[113.30, 33.70], [113.31, 33.71], [113.31, 33.70], [113.30, 33.71], [113.30, 33.70]]]}""";
        var result = GazetteerLoader.LoadFile(_fixture.Write("one.geojson", Collection(Feature(bowTie, """{"name": "x", "kind": "park"}"""))));
        Assert.Contains("Self-intersection", result.Problems.Single().Message);
    }

    [Fact]
    public void TooManyVerticesIsRejected()
    {
        var coordinates = string.Join(",", Enumerable.Range(0, 20).Select(i => $"[113.3{i:00}, 33.7]"));
        var line = $$"""{"type": "LineString", "coordinates": [{{coordinates}}]}""";
        var loader = new GazetteerLoader(new GazetteerLoadOptions { MaxVerticesPerFeature = 10 });
        var result = loader.Load(_fixture.Write("long.geojson", Collection(Feature(line, """{"name": "x", "kind": "road"}"""))));
        AssertProblem(result, GazetteerProblemCode.TooManyVertices, 0, "geometry");
    }

    [Fact]
    public void RepeatedFeatureInOneFileIsAnError()
    {
        var json = Collection(
            Feature(Point, """{"name": "平安大道", "kind": "road", "district": "卫东区"}"""),
            Feature(Point, """{"name": "平安 大道", "kind": "road", "district": "卫东区"}"""));
        var result = GazetteerLoader.LoadFile(_fixture.Write("dup.geojson", json));
        AssertProblem(result, GazetteerProblemCode.DuplicateFeature, 1, "properties.name");
    }

    [Fact]
    public void ProblemListIsCapped()
    {
        var json = Collection(Enumerable.Range(0, 30).Select(_ => Feature(Point, """{"kind": "road"}""")).ToArray());
        var result = GazetteerLoader.LoadFile(_fixture.Write("many.geojson", json));
        Assert.Equal(20, result.Problems.Count);
        Assert.Equal(10, result.OmittedProblems);
    }

    [Theory]
    [InlineData("""{"type": "Feature", "features": []}""", GazetteerProblemCode.NotFeatureCollection)]
    [InlineData("""{"type": "FeatureCollection", "features": [}""", GazetteerProblemCode.InvalidJson)]
    public void BrokenFilesAreNamed(string json, GazetteerProblemCode code)
    {
        var result = GazetteerLoader.LoadFile(_fixture.Write("broken.geojson", json));
        var problem = Assert.Single(result.Problems);
        Assert.Equal(code, problem.Code);
        Assert.Equal("broken.geojson", problem.File);
        Assert.Null(problem.FeatureIndex);
    }

    [Fact]
    public void LaterFileOverridesEarlierFeature()
    {
        _fixture.Write("10_sketch.geojson", Sketch);
        _fixture.Write("20_survey.geojson", Survey);

        var result = GazetteerLoader.LoadDirectory(_fixture.Directory);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(6, result.Features.Count);
        var road = result.Features.Single(f => f.Name == "平郏东路");
        Assert.Equal("survey", road.Source);
        Assert.Equal("20_survey.geojson", road.File);
        var over = Assert.Single(result.Overrides);
        Assert.Equal("sketch", over.Replaced.Source);
    }

    [Fact]
    public void OneBadFileFailsTheDirectory()
    {
        _fixture.Write("10_sketch.geojson", Sketch);
        _fixture.Write("20_bad.geojson", Collection(Feature(Point, """{"name": "x", "kind": "unknown"}""")));

        var result = GazetteerLoader.LoadDirectory(_fixture.Directory);

        Assert.False(result.IsSuccess);
        Assert.Empty(result.Features);
        AssertProblem(result, GazetteerProblemCode.UnknownKind, 0, "properties.kind");
    }

    [Fact]
    public void MissingOrEmptyDirectoryIsAnError()
    {
        Assert.Equal(GazetteerProblemCode.ReadFailed, GazetteerLoader.LoadDirectory(_fixture.Directory).Problems.Single().Code);
        Assert.False(GazetteerLoader.LoadDirectory(Path.Combine(_fixture.Directory, "nope")).IsSuccess);
    }

    private static void AssertProblem(GazetteerLoadResult result, GazetteerProblemCode code, int index, string fieldPrefix)
    {
        Assert.False(result.IsSuccess);
        Assert.True(
            result.Problems.Any(p => p.Code == code && p.FeatureIndex == index && p.Field is not null && p.Field.StartsWith(fieldPrefix, StringComparison.Ordinal)),
            $"Expected {code} at feature {index}, {fieldPrefix}; got:\n{result}");
    }
}
