using CsCheck;
using LandMap.Core.Filtering;
using LandMap.Core.Layers;
using LandMap.Data.Layers;
using LandMap.Tests.Shared.Cql;
using NetTopologySuite.Geometries;
using Xunit.Abstractions;

namespace LandMap.Data.Tests.Filtering;

/// <summary>
/// CQL2 filters on an imported layer's own fields, pushed down to a real store (JSON attributes in SQL), answer what the
/// in-memory evaluator answers on the same features: the same features, the same count, the same page. Random features
/// (text with quotes, wildcards, both cases, a character outside the BMP; missing and stray-typed values; squares and
/// triangles) and random filters, from fixed seeds; then the cases a store gets wrong most easily, named.
/// </summary>
public abstract class LayerCqlFilterStoreTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Layer = "三调地类图斑";
    private static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);
    private static readonly Envelope Area = new(113.20, 113.40, 33.60, 33.80);
    private static readonly string[] Words = ["水田", "乔木林地", "Road", "road", "100%林地", "a_b地", "It's 村", "𠀀坑塘", "东高皇村", "\\沟"];

    // DLMC text, TBMJ real (missing in some), SJNF integer, ZLDWMC text that sometimes holds a number or a boolean, a boolean (not queryable).
    private static readonly LayerField[] Fields =
        [new("BSM", "string"), new("DLMC", "string"), new("TBMJ", "real"), new("SJNF", "integer"), new("ZLDWMC", "string"), new("SFJS", "boolean")];

    private IParcelStore? _store;

    protected abstract Task<string> CreateDatabaseAsync();

    protected abstract Task DropDatabaseAsync();

    public async Task InitializeAsync()
    {
        var db = await CreateDatabaseAsync();
        if (db.Length > 0) _store = await ParcelStoreFactory.OpenAsync(db);
    }

    public async Task DisposeAsync()
    {
        if (_store is not null) await _store.DisposeAsync();
        await DropDatabaseAsync();
    }

    private static Gen<LayerFeature[]> Features { get; } =
        Gen.Select(Gen.OneOf(Words).Array[1, 2], Gen.Int[0, 4], Gen.Int[0, 5], Gen.Int[2019, 2023], Gen.Double[0, 1], Gen.Double[0, 1], Gen.Int[1, 30], Gen.Bool)
            .Array[60]
            .Select(rows => rows.Select((r, i) =>
            {
                var (name, area, place, year, x, y, size, triangle) = r;
                var (x0, y0, d) = (Math.Round(Area.MinX + x * Area.Width, 4), Math.Round(Area.MinY + y * Area.Height, 4), size * 0.0005);
                Geometry geometry = triangle
                    ? Wgs84.CreatePolygon([new(x0, y0), new(x0 + d, y0), new(x0, y0 + d), new(x0, y0)])
                    : Wgs84.ToGeometry(new Envelope(x0, x0 + d, y0, y0 + d));
                var attributes = new Dictionary<string, object?>
                {
                    ["BSM"] = $"4104{i:000000}", ["DLMC"] = string.Concat(name),
                    ["TBMJ"] = area == 0 ? null : Math.Round(d * d * 1e10 / area, 2),
                    ["SJNF"] = (long)year,
                    ["ZLDWMC"] = place switch { 0 => null, 1 => "东高皇村", 2 => "Road 'A' 村", 3 => 410403L, 4 => 1e20, _ => true },
                    ["SFJS"] = triangle,
                };
                return new LayerFeature(i, $"4104{i:000000}", attributes, geometry, d * d * 1e10, false);
            }).ToArray());

    private static LayerImport Import => new(Layer, LayerKind.LandSurvey, "dltb.gpkg", "EPSG:4326", "EPSG:4547", "tester") { DeclaredFields = Fields };

    private static IReadOnlyDictionary<string, CqlType> Schema => LayerFilterFields.Schema(Fields);

    // Literals drawn from the values the features hold (so filters match some and miss some), numbers also nudged.
    private static CqlDomain Domain(IReadOnlyList<StoredLayerFeature> features)
    {
        var read = features.Select(f => LayerFilterFields.Reader(f, Schema)).ToList();
        var values = Schema.Where(p => p.Value != CqlType.Geometry)
            .ToDictionary(p => p.Key, p => read.Select(r => r(p.Key)).OfType<object>().Append(p.Value == CqlType.String ? "road" : 0.0).Distinct().ToArray());
        Gen<object> Literal(string name, CqlType type) => type == CqlType.String
            ? Gen.Frequency((4, Gen.OneOf(values[name])), (1, Gen.OneOf<object>("", "ROAD", "It's")))
            : Gen.Select(Gen.OneOf(values[name]), Gen.OneOf(0.0, 0.0, 1.0, -1.0, 0.25)).Select((v, nudge) => (object)((double)v + nudge));
        var texts = values["DLMC"].Concat(values["ZLDWMC"]).Cast<string>().ToArray();
        var pattern = CqlGenerators.LikePattern(texts);
        return new CqlDomain(Schema, Literal, pattern, CqlGenerators.PointOrBox(Area));
    }

    private async Task<(ILayerStore Layers, List<StoredLayerFeature> All)> ImportAsync()
    {
        LayerFeature[] features = [];
        FixedSeed.Run(Features, 1, 20261207UL, f => features = f);
        var layers = ILayerStore.Of(_store!);
        await layers.ImportLayerAsync(Import, features);
        return (layers, (await layers.QueryLayerFeaturesAsync(Layer, null, 1000, 0))!.ToList());
    }

    private static List<string> Expected(IEnumerable<StoredLayerFeature> all, CqlExpression filter)
    {
        var evaluator = new CqlEvaluator(filter);
        return all.Where(f => evaluator.Matches(LayerFilterFields.Reader(f, Schema))).Select(f => f.Key).ToList();
    }

    protected async Task CheckStoreAnswersWhatTheEvaluatorAnswers()
    {
        if (_store is null) return;
        var (layers, all) = await ImportAsync();
        Assert.Equal(60, all.Count);

        var filters = new List<CqlExpression>();
        var cases = FixedSeed.Run(CqlGenerators.Filter(Domain(all), depth: 4), 300, seed: 20261207, filters.Add);
        var someNotAll = 0;
        foreach (var filter in filters)
        {
            var text = CqlWriter.ToText(filter);
            var expected = Expected(all, filter);
            Assert.True(expected.SequenceEqual((await layers.QueryLayerFeaturesAsync(Layer, null, 1000, 0, filter))!.Select(f => f.Key)), $"{text}: the rows differ");
            Assert.True(expected.Count == await layers.CountLayerFeaturesAsync(Layer, null, filter), $"{text}: the count differs");
            Assert.True(expected.Skip(3).Take(5).SequenceEqual((await layers.QueryLayerFeaturesAsync(Layer, null, 5, 3, filter))!.Select(f => f.Key)),
                $"{text}: the page differs");
            if (expected.Count > 0 && expected.Count < all.Count) someNotAll++;
        }
        output.WriteLine($"{cases} random filters on {all.Count} random features: store and evaluator agree; {someNotAll} selected some but not all");
        Assert.True(someNotAll > cases / 4, $"only {someNotAll} of {cases} filters selected some but not all features");
    }

    // SQLite's LIKE ignoring case, an envelope test taken for intersection (with a bbox beside it), NOT over an unknown, a
    // number field's missing value, a text field holding a number, and an injection attempt that must stay a literal.
    protected async Task CheckTheTrickyCasesAreExact()
    {
        if (_store is null) return;
        var (layers, all) = await ImportAsync();
        var triangle = all.First(f => f.Geometry.NumPoints == 4).Geometry;
        var e = triangle.EnvelopeInternal;
        // Inside the triangle's envelope, outside the triangle (its hypotenuse runs from (maxX, minY) to (minX, maxY)).
        var corner = $"POINT({e.MaxX - e.Width * 0.05} {e.MaxY - e.Height * 0.05})";
        foreach (var text in (string[])["DLMC LIKE '%road%'", "DLMC LIKE '%Road%'", $"S_INTERSECTS(geometry, {corner})", $"NOT S_INTERSECTS(geometry, {corner})",
                     "NOT (TBMJ > 100)", "TBMJ IS NULL", "ZLDWMC = '410403'", "ZLDWMC = '1E+20'", "ZLDWMC IS NULL", "SJNF BETWEEN 2020 AND 2021", "DLMC = ''' OR 1=1 --'", @"DLMC LIKE '%100\%%'"])
        {
            var parsed = CqlParser.Parse(text, Schema);
            Assert.True(parsed.Succeeded, $"{text}: {parsed.Error}");
            var expected = Expected(all, parsed.Expression!);
            var actual = (await layers.QueryLayerFeaturesAsync(Layer, null, 1000, 0, parsed.Expression))!.Select(f => f.Key).ToList();
            output.WriteLine($"{text}: {actual.Count}");
            Assert.Equal(expected, actual);
            Assert.Equal(expected.Count, await layers.CountLayerFeaturesAsync(Layer, null, parsed.Expression));
        }
        var inTriangle = CqlParser.Parse($"S_INTERSECTS(geometry, {corner})", Schema).Expression;
        Assert.DoesNotContain(all.First(f => f.Geometry.NumPoints == 4).Key, (await layers.QueryLayerFeaturesAsync(Layer, e, 100, 0, inTriangle))!.Select(f => f.Key));
        Assert.Equal(0, await layers.CountLayerFeaturesAsync(Layer, new Envelope(0, 1, 0, 1), inTriangle));
        Assert.DoesNotContain("SFJS", Schema.Keys);
        Assert.Null(await layers.CountLayerFeaturesAsync("无此图层", null, inTriangle));
    }
}

public sealed class SqliteLayerCqlFilterTests(ITestOutputHelper output) : LayerCqlFilterStoreTests(output)
{
    private readonly string _database = Path.Combine(TestEnvironment.TempFolder(), "landmap.db");

    protected override Task<string> CreateDatabaseAsync() => Task.FromResult(_database);

    protected override Task DropDatabaseAsync() => Task.CompletedTask;

    // SQLite tests S_INTERSECTS by envelope and refines in memory: a filter whose envelope test keeps more than the cap
    // is refused before any candidate is read, and the same filter within a bbox is answered.
    [Fact]
    public async Task ASpatialFilterLeavingTooManyCandidatesIsRefusedBeforeTheWork()
    {
        var factory = new GeometryFactory(new PrecisionModel(), 4326);
        var count = (int)FilterTooBroadException.MaxCandidates + 1;
        var features = Enumerable.Range(0, count).Select(i => new LayerFeature(i, $"K{i}", new Dictionary<string, object?> { ["BSM"] = $"K{i}" },
            factory.ToGeometry(new Envelope(113 + i % 300 * 1e-3, 113 + i % 300 * 1e-3 + 5e-4, 33 + i / 300 * 1e-3, 33 + i / 300 * 1e-3 + 5e-4)), 100, false));
        await using var store = await ParcelStoreFactory.OpenAsync(_database);
        var layers = ILayerStore.Of(store);
        await layers.ImportLayerAsync(new LayerImport("宽", LayerKind.LandSurvey, "k.gpkg", "EPSG:4326", "EPSG:4547", "tester")
        {
            DeclaredFields = [new LayerField("BSM", "string")],
        }, features);
        var everything = CqlParser.Parse("NOT S_INTERSECTS(geometry, POINT(0 0))", LayerFilterFields.Schema([new LayerField("BSM", "string")])).Expression!;

        var refused = await Assert.ThrowsAsync<FilterTooBroadException>(() => layers.CountLayerFeaturesAsync("宽", null, everything));
        await Assert.ThrowsAsync<FilterTooBroadException>(() => layers.QueryLayerFeaturesAsync("宽", null, 10, 0, everything));

        Assert.Equal(count, refused.Candidates);
        Assert.Contains("bbox", refused.Message);
        Assert.Equal(2, await layers.CountLayerFeaturesAsync("宽", new Envelope(113, 113.0015, 33, 33.0005), everything));
    }

    [Fact] public Task StoreAnswersWhatTheEvaluatorAnswers() => CheckStoreAnswersWhatTheEvaluatorAnswers();
    [Fact] public Task TheTrickyCasesAreExact() => CheckTheTrickyCasesAreExact();
}

[Trait("Category", "Postgis")]
public sealed class PostgisLayerCqlFilterTests(ITestOutputHelper output) : LayerCqlFilterStoreTests(output)
{
    private readonly string _schema = "landmap_test_" + Guid.NewGuid().ToString("N")[..12];

    protected override async Task<string> CreateDatabaseAsync() =>
        TestPostgis.ConnectionString is null && !TestPostgis.IsCi ? "" : await TestPostgis.CreateSchemaAsync(_schema);

    protected override async Task DropDatabaseAsync()
    {
        if (TestPostgis.ConnectionString is not null) await TestPostgis.DropSchemaAsync(_schema);
    }

    [PostgisFact] public Task StoreAnswersWhatTheEvaluatorAnswers() => CheckStoreAnswersWhatTheEvaluatorAnswers();
    [PostgisFact] public Task TheTrickyCasesAreExact() => CheckTheTrickyCasesAreExact();
}
