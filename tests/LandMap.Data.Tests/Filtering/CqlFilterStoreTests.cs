using CsCheck;
using LandMap.Core.Filtering;
using LandMap.Core.Geocoding;
using LandMap.Core.Reports;
using LandMap.Tests.Shared.Cql;
using NetTopologySuite.Geometries;
using Xunit.Abstractions;

namespace LandMap.Data.Tests.Filtering;

/// <summary>
/// CQL2 filters pushed down to a real store answer what the in-memory evaluator answers on the same parcels: the same
/// ids, the same count, the same page. Random parcels (text with quotes, wildcards, both cases, a character outside the
/// BMP; missing areas and locations; unplaced parcels; squares and triangles) and random filters, from fixed seeds.
/// </summary>
public abstract class CqlFilterStoreTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);
    private static readonly Envelope Area = new(113.20, 113.40, 33.60, 33.80);
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

    private static readonly string[] Words = ["物流园", "学校", "Logistics", "logistics", "100%产业园", "a_b厂", "It's 公司", "𠀀仓储", "卫东", "\\路"];

    private static Gen<ReportImport> Report(string district, int year) =>
        Gen.Select(Gen.OneOf(Words).Array[1, 3], Gen.Int[0, 3], Gen.Int[0, 600], Gen.Int[0, 1000], Gen.Int[0, 3], Gen.Double[0, 1], Gen.Double[0, 1], Gen.Int[1, 30])
            .Select((name, location, area, confidence, shape, x, y, size) => (Name: string.Concat(name), location, area, confidence, shape, x, y, size))
            .Array[40]
            .Select(rows =>
            {
                var entries = new List<LandEntry>();
                var geocoded = new List<GeocodedEntry>();
                for (var i = 0; i < rows.Length; i++)
                {
                    var r = rows[i];
                    var seq = i + 1;
                    var (x0, y0, d) = (Math.Round(Area.MinX + r.x * Area.Width, 4), Math.Round(Area.MinY + r.y * Area.Height, 4), r.size * 0.0005);
                    Geometry? geometry = r.shape switch
                    {
                        0 => null,
                        1 => Wgs84.CreatePolygon([new(x0, y0), new(x0 + d, y0), new(x0, y0 + d), new(x0, y0)]),
                        _ => Wgs84.ToGeometry(new Envelope(x0, x0 + d, y0, y0 + d)),
                    };
                    var location = r.location switch { 0 => null, 1 => "平安大道东段北侧", 2 => "Road 'A' 北", _ => "东环路" };
                    double? area = r.area < 50 ? null : r.area / 4.0;
                    entries.Add(new LandEntry { Seq = seq, Name = r.Name, Location = location, AreaMu = area, AreaText = "面积", Source = new SourceRef(seq, r.Name) });
                    geocoded.Add(new GeocodedEntry
                    {
                        File = $"{district}-{year}.txt", District = district, PlanYear = year, Seq = seq, Name = r.Name, Location = location, AreaMu = area,
                        Status = geometry is null ? GeocodeStatus.Unresolved : r.shape == 1 ? GeocodeStatus.Approximate : GeocodeStatus.Located,
                        Confidence = r.confidence / 1000.0, Method = geometry is null ? "none" : "synthetic", Geometry = geometry,
                        AreaMuComputed = geometry is null ? null : Math.Round(geometry.Area * 1e5, 2),
                    });
                }
                var report = new ExtractedReport { File = $"{district}-{year}.txt", District = district, PlanYear = year, Encoding = "utf-8", LandEntries = entries };
                return new ReportImport(report, geocoded, $"{district}{year}");
            });

    // Literals drawn from the values the parcels hold (so filters match some and miss some), numbers also nudged.
    private static CqlDomain Domain(IReadOnlyList<ParcelRecord> parcels)
    {
        var values = ParcelFilterFields.All.Where(f => f.Type != CqlType.Geometry)
            .ToDictionary(f => f.Name, f => parcels.Select(f.Read).OfType<object>().Select(v => v is string ? v : (object)Convert.ToDouble(v))
                .Append(f.Type == CqlType.String ? "operating" : 0.0).Distinct().ToArray());
        Gen<object> Literal(string name, CqlType type) => type == CqlType.String
            ? Gen.Frequency((4, Gen.OneOf(values[name])), (1, Gen.OneOf<object>("", "logistics", "卫东区 ", "It's")))
            : Gen.Select(Gen.OneOf(values[name]), Gen.OneOf(0.0, 0.0, 1.0, -1.0, 0.25)).Select((v, nudge) => (object)((double)v + nudge));
        var texts = values["name"].Concat(values["location"]).Cast<string>().ToArray();
        var pattern = CqlGenerators.LikePattern(texts);
        return new CqlDomain(ParcelFilterFields.Schema, Literal, pattern, CqlGenerators.PointOrBox(Area));
    }

    private static T One<T>(Gen<T> gen, ulong seed)
    {
        var value = default(T)!;
        FixedSeed.Run(gen, 1, seed, v => value = v);
        return value;
    }

    protected async Task CheckStoreAnswersWhatTheEvaluatorAnswers()
    {
        if (_store is null) return;
        foreach (var (district, year, seed) in new[] { ("卫东区", 2023, 11UL), ("湛河区", 2023, 12UL), ("卫东区", 2022, 13UL) })
            await _store.ImportReportAsync(One(Report(district, year), seed));
        var all = await _store.QueryParcelsAsync(new ParcelQuery());
        Assert.Equal(120, all.Count);

        var filters = new List<CqlExpression>();
        var cases = FixedSeed.Run(CqlGenerators.Filter(Domain(all), depth: 4), 300, seed: 20240914, filters.Add);
        var nonEmpty = 0;
        foreach (var filter in filters)
        {
            var text = CqlWriter.ToText(filter);
            var evaluator = new CqlEvaluator(filter);
            var expected = all.Where(p => evaluator.Matches(name => ParcelFilterFields.Get(name).Read(p))).Select(p => p.PublicId).ToList();
            var query = new ParcelQuery { Filter = filter };
            Assert.True(expected.SequenceEqual((await _store.QueryParcelsAsync(query)).Select(p => p.PublicId)), $"{text}: the rows differ");
            Assert.True(expected.Count == await _store.CountParcelsAsync(query), $"{text}: the count differs");
            Assert.True(expected.Skip(3).Take(5).SequenceEqual((await _store.QueryParcelsAsync(query with { Offset = 3, Limit = 5 })).Select(p => p.PublicId)),
                $"{text}: the page differs");
            if (expected.Count > 0 && expected.Count < all.Count) nonEmpty++;
        }
        output.WriteLine($"{cases} random filters on {all.Count} random parcels: store and evaluator agree; {nonEmpty} selected some but not all");
        Assert.True(nonEmpty > cases / 4, $"only {nonEmpty} of {cases} filters selected some but not all parcels");
    }

    // The cases a store gets wrong most easily, named: SQLite's LIKE ignoring case, an envelope test taken for
    // intersection, NOT over an unknown, and an injection attempt that must stay a literal.
    protected async Task CheckTheTrickyCasesAreExact()
    {
        if (_store is null) return;
        await _store.ImportReportAsync(One(Report("卫东区", 2023), 11UL));
        var all = await _store.QueryParcelsAsync(new ParcelQuery());
        var triangle = all.First(p => p.Status == "approximate").Geometry!;
        var e = triangle.EnvelopeInternal;
        // Inside the triangle's envelope, outside the triangle (its hypotenuse runs from (maxX, minY) to (minX, maxY)).
        var corner = $"POINT({e.MaxX - e.Width * 0.05} {e.MaxY - e.Height * 0.05})";
        foreach (var text in (string[])["name LIKE '%logistics%'", "name LIKE '%Logistics%'", $"S_INTERSECTS(geometry, {corner})",
                     $"NOT S_INTERSECTS(geometry, {corner})", "NOT (areaMu > 100)", "name = ''' OR 1=1 --'", @"name LIKE '%100\%%'", "name LIKE '%a\\_b%'"])
        {
            var parsed = CqlParser.Parse(text, ParcelFilterFields.Schema);
            Assert.True(parsed.Succeeded, $"{text}: {parsed.Error}");
            var evaluator = new CqlEvaluator(parsed.Expression!);
            var expected = all.Where(p => evaluator.Matches(name => ParcelFilterFields.Get(name).Read(p))).Select(p => p.PublicId).ToList();
            var actual = (await _store.QueryParcelsAsync(new ParcelQuery { Filter = parsed.Expression })).Select(p => p.PublicId).ToList();
            output.WriteLine($"{text}: {actual.Count}");
            Assert.Equal(expected, actual);
        }
        var inTriangle = (await _store.QueryParcelsAsync(new ParcelQuery { Filter = CqlParser.Parse($"S_INTERSECTS(geometry, {corner})", ParcelFilterFields.Schema).Expression }))
            .Select(p => p.PublicId);
        Assert.DoesNotContain(all.First(p => p.Status == "approximate").PublicId, inTriangle);
    }
}

public sealed class SqliteCqlFilterTests(ITestOutputHelper output) : CqlFilterStoreTests(output)
{
    protected override Task<string> CreateDatabaseAsync() => Task.FromResult(Path.Combine(TestEnvironment.TempFolder(), "landmap.db"));

    protected override Task DropDatabaseAsync() => Task.CompletedTask;

    [Fact] public Task StoreAnswersWhatTheEvaluatorAnswers() => CheckStoreAnswersWhatTheEvaluatorAnswers();
    [Fact] public Task TheTrickyCasesAreExact() => CheckTheTrickyCasesAreExact();
}

[Trait("Category", "Postgis")]
public sealed class PostgisCqlFilterTests(ITestOutputHelper output) : CqlFilterStoreTests(output)
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
