using System.Net;
using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace LandMap.Server.Tests.Ogc;

/// <summary>
/// OGC API – Features Part 3 under <c>/ogc</c>: queryables, and CQL2 text filters on the sample reports, each operator
/// checked against the unfiltered items read in C#; bad filters are a 400 naming the parameter and the token.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class OgcFilterTests(LandMapApplication app)
{
    private static readonly JsonSerializerOptions GeoJson = new() { Converters = { new GeoJsonConverterFactory() } };
    private static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task QueryablesAreAJsonSchemaOfEveryFilterablePropertyLinkedFromTheCollection()
    {
        var response = await _client.GetAsync("/ogc/collections/parcels/queryables");
        Assert.Equal("application/schema+json", response.Content.Headers.ContentType?.MediaType);
        using var schema = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var properties = schema.RootElement.GetProperty("properties");
        Assert.Equal("integer", properties.GetProperty("planYear").GetProperty("type").GetString());
        Assert.Equal("number", properties.GetProperty("areaMu").GetProperty("type").GetString());
        Assert.Equal("string", properties.GetProperty("name").GetProperty("type").GetString());
        Assert.Equal("geometry-any", properties.GetProperty("geometry").GetProperty("format").GetString());
        Assert.Contains("industrial", properties.GetProperty("landUse").GetProperty("enum").EnumerateArray().Select(v => v.GetString()));

        // Every queryable is a property of the features (or their geometry), under the same name.
        using var items = await GetJson("/ogc/collections/parcels/items?limit=1");
        var featureProperties = items.RootElement.GetProperty("features")[0].GetProperty("properties");
        Assert.All(properties.EnumerateObject().Where(p => p.Name != "geometry"), p => Assert.True(featureProperties.TryGetProperty(p.Name, out _), p.Name));

        using var collection = await GetJson("/ogc/collections/projects");
        var link = collection.RootElement.GetProperty("links").EnumerateArray().Single(l => l.GetProperty("rel").GetString() == "http://www.opengis.net/def/rel/ogc/1.0/queryables");
        using var projects = await GetJson(new Uri(link.GetProperty("href").GetString()!).PathAndQuery);
        Assert.True(projects.RootElement.GetProperty("properties").TryGetProperty("stage", out _));
    }

    public static TheoryData<string, string> Operators => new()
    {
        { "planYear = 2023", "planYear == 2023" },
        { "planYear <> 2023", "planYear != 2023" },
        { "planYear < 2023", "planYear < 2023" },
        { "planYear <= 2022", "planYear <= 2022" },
        { "areaMu > 100", "areaMu > 100" },
        { "areaMu >= 100.5", "areaMu >= 100.5" },
        { "district = '卫东区' AND planYear = 2021", "district == 卫东区 && planYear == 2021" },
        { "district = '湛河区' OR planYear = 2021", "district == 湛河区 || planYear == 2021" },
        { "NOT (planYear = 2023)", "planYear != 2023" },
        { "name LIKE '%物流%'", "name contains 物流" },
        { "name LIKE '平顶山%'", "name starts 平顶山" },
        { "name LIKE '%有限公司_%'", "name has text after 有限公司" },
        { "planYear IN (2021, 2022)", "planYear in 2021 2022" },
        { "planYear NOT IN (2023)", "planYear != 2023" },
        { "areaMu BETWEEN 50 AND 150", "areaMu in [50, 150]" },
        { "areaMu IS NULL", "areaMu null" },
        { "areaMu IS NOT NULL", "areaMu not null" },
        { "S_INTERSECTS(geometry, BBOX(113.35, 33.74, 113.40, 33.77))", "intersects box" },
        { "S_INTERSECTS(geometry, POLYGON((113.35 33.74, 113.40 33.74, 113.40 33.77, 113.35 33.74)))", "intersects triangle" },
        { "NOT S_INTERSECTS(geometry, BBOX(113.35, 33.74, 113.40, 33.77)) AND planYear = 2023", "outside box in 2023" },
    };

    [Theory]
    [MemberData(nameof(Operators))]
    public async Task EachOperatorSelectsWhatTheFeaturesSay(string filter, string meaning)
    {
        var all = await AllAsync();
        var box = Wgs84.ToGeometry(new Envelope(113.35, 113.40, 33.74, 33.77));
        var triangle = Wgs84.CreatePolygon([new(113.35, 33.74), new(113.40, 33.74), new(113.40, 33.77), new(113.35, 33.74)]);
        Func<Feature, bool> expected = meaning switch
        {
            "planYear == 2023" => f => f.Year == 2023,
            "planYear != 2023" => f => f.Year != 2023,
            "planYear < 2023" => f => f.Year < 2023,
            "planYear <= 2022" => f => f.Year <= 2022,
            "areaMu > 100" => f => f.Area > 100,
            "areaMu >= 100.5" => f => f.Area >= 100.5,
            "district == 卫东区 && planYear == 2021" => f => f.District == "卫东区" && f.Year == 2021,
            "district == 湛河区 || planYear == 2021" => f => f.District == "湛河区" || f.Year == 2021,
            "name contains 物流" => f => f.Name.Contains("物流"),
            "name starts 平顶山" => f => f.Name.StartsWith("平顶山"),
            "name has text after 有限公司" => f => f.Name.IndexOf("有限公司", StringComparison.Ordinal) is >= 0 and var i && i + 4 < f.Name.Length,
            "planYear in 2021 2022" => f => f.Year is 2021 or 2022,
            "areaMu in [50, 150]" => f => f.Area is >= 50 and <= 150,
            "areaMu null" => f => f.Area is null,
            "areaMu not null" => f => f.Area is not null,
            "intersects box" => f => f.Geometry is { } g && g.Intersects(box),
            "intersects triangle" => f => f.Geometry is { } g && g.Intersects(triangle),
            "outside box in 2023" => f => f.Geometry is { } g && !g.Intersects(box) && f.Year == 2023,
            _ => throw new ArgumentException(meaning),
        };
        var ids = all.Where(expected).Select(f => f.Id).Order().ToList();
        Assert.NotEmpty(ids);

        using var page = await GetJson($"/ogc/collections/parcels/items?limit=10000&filter={Uri.EscapeDataString(filter)}");
        Assert.Equal(ids, Ids(page));
        Assert.Equal(ids.Count, page.RootElement.GetProperty("numberMatched").GetInt64());
    }

    [Fact]
    public async Task PagingLinksKeepTheFilterAndVisitEveryMatchOnce()
    {
        var expected = (await AllAsync()).Where(f => f.Name.Contains("项目") || f.Year == 2021).Select(f => f.Id).Order().ToList();
        Assert.True(expected.Count > 14, $"{expected.Count} matches: the walk must span several pages");
        var seen = new List<long>();
        var url = "/ogc/collections/parcels/items?limit=7&filter=" + Uri.EscapeDataString("name LIKE '%项目%' OR planYear = 2021");
        while (url is not null)
        {
            using var page = await GetJson(url);
            Assert.Equal(expected.Count, page.RootElement.GetProperty("numberMatched").GetInt64());
            seen.AddRange(Ids(page));
            url = page.RootElement.GetProperty("links").EnumerateArray().Where(l => l.GetProperty("rel").GetString() == "next")
                .Select(l => new Uri(l.GetProperty("href").GetString()!).PathAndQuery).FirstOrDefault();
        }
        Assert.Equal(expected, seen.Order().ToList());
    }

    // The same box in EPSG:4547 metres (X north first) and in EPSG:4326 (lat first) selects what it selects in CRS84.
    [Fact]
    public async Task FilterCrsTakesTheGeometryInThatCrsAndAxisOrder()
    {
        using var item = await GetJson("/ogc/collections/parcels/items/410403202300001?crs=EPSG:4547");
        var gk = item.RootElement.GetProperty("geometry").Deserialize<Geometry>(GeoJson)!.EnvelopeInternal;
        var (n, e) = (gk.Centre.X, gk.Centre.Y);
        var metres = $"S_INTERSECTS(geometry, POLYGON(({n - 300} {e - 300}, {n + 300} {e - 300}, {n + 300} {e + 300}, {n - 300} {e + 300}, {n - 300} {e - 300})))";
        using var inMetres = await GetJson($"/ogc/collections/parcels/items?limit=10000&filter-crs=EPSG:4547&filter={Uri.EscapeDataString(metres)}");
        var ids = Ids(inMetres);
        Assert.Contains(410403202300001, ids);
        Assert.True(ids.Count < (await AllAsync()).Count);

        var (lon, lat) = LandMap.Core.Crs.MetricPlane.Gk114.ToWgs84(e, n);
        using var crs84 = await GetJson($"/ogc/collections/parcels/items?limit=10000&filter={Uri.EscapeDataString($"S_INTERSECTS(geometry, POINT({lon} {lat}))")}");
        using var latLon = await GetJson($"/ogc/collections/parcels/items?limit=10000&filter-crs={Uri.EscapeDataString("http://www.opengis.net/def/crs/EPSG/0/4326")}" +
            $"&filter={Uri.EscapeDataString($"S_INTERSECTS(geometry, POINT({lat} {lon}))")}");
        Assert.Contains(410403202300001, Ids(crs84));
        Assert.Equal(Ids(crs84), Ids(latLon));
    }

    [Fact]
    public async Task QueryableParametersAndAFilterAreBothApplied()
    {
        var expected = (await AllAsync()).Where(f => f.District == "卫东区" && f.Year == 2023 && f.Area > 50).Select(f => f.Id).Order().ToList();
        Assert.NotEmpty(expected);
        using var page = await GetJson($"/ogc/collections/parcels/items?limit=10000&district=卫东区&planYear=2023&filter={Uri.EscapeDataString("areaMu > 50")}&filter-lang=cql2-text");
        Assert.Equal(expected, Ids(page));
    }

    [Fact]
    public async Task ProjectsAreFilteredByTheirPropertiesAndPoint()
    {
        using var all = await GetJson("/ogc/collections/projects/items?limit=10000");
        var box = Wgs84.ToGeometry(new Envelope(113.2, 113.4, 33.7, 33.8));
        var expected = all.RootElement.GetProperty("features").EnumerateArray()
            .Where(f => f.GetProperty("properties").GetProperty("mentions").GetInt32() >= 2
                && f.GetProperty("geometry").ValueKind != JsonValueKind.Null && f.GetProperty("geometry").Deserialize<Geometry>(GeoJson)!.Intersects(box))
            .Select(f => f.GetProperty("id").GetInt64()).Order().ToList();
        Assert.NotEmpty(expected);
        using var filtered = await GetJson("/ogc/collections/projects/items?limit=10000&filter=" +
            Uri.EscapeDataString("mentions >= 2 AND S_INTERSECTS(geometry, BBOX(113.2, 33.7, 113.4, 33.8))"));
        Assert.Equal(expected, Ids(filtered));
    }

    public static TheoryData<string, string, string> Hostile => new()
    {
        { "filter=" + Uri.EscapeDataString("planYear = 2023 ANDD district = '卫东区'"), "filter", "ANDD" },
        { "filter=" + Uri.EscapeDataString("owner = 'x'"), "filter", "owner" },
        { "filter=" + Uri.EscapeDataString("planYear = '2023'"), "filter", "'2023'" },
        { "filter=" + Uri.EscapeDataString("name = ''' OR '1'='1'; DROP TABLE parcels; --"), "filter", ";" },
        { "filter=" + Uri.EscapeDataString("S_WITHIN(geometry, POINT(113 33))"), "filter", "S_WITHIN" },
        { "filter=" + Uri.EscapeDataString("CASEI(name) = 'a'"), "filter", "CASEI" },
        { "filter=" + Uri.EscapeDataString("name = '" + new string('x', 1 << 20) + "'"), "filter", "65,536" },
        { "filter=" + Uri.EscapeDataString(new string('(', 100) + "planYear = 1" + new string(')', 100)), "filter", "deeper than 64" },
        { "filter=" + Uri.EscapeDataString(string.Concat(Enumerable.Repeat("NOT ", 10_000)) + "planYear = 1"), "filter", "deeper than 64" },
        { "filter=" + Uri.EscapeDataString(string.Join(" OR ", Enumerable.Repeat("planYear = 1", 600))), "filter", "more than 1000" },
        { "filter=" + Uri.EscapeDataString("S_INTERSECTS(geometry, POLYGON((0 0, 1 1, 1 0, 0 1, 0 0)))"), "filter", "POLYGON" },
        { "filter=" + Uri.EscapeDataString("S_INTERSECTS(geometry, POINT(200 33))"), "filter", "outside" },
        { "filter=" + Uri.EscapeDataString("S_INTERSECTS(geometry, " + string.Concat(Enumerable.Repeat("GEOMETRYCOLLECTION(", 2000)) + ")"), "filter", "nests deeper" },
        { "filter=" + Uri.EscapeDataString("planYear > DATE('2023-01-01')"), "filter", "DATE" },
        { "filter-crs=EPSG:4547&filter=" + Uri.EscapeDataString("S_INTERSECTS(geometry, POINT(113.3 33.7))"), "filter", "outside" },
        { "filter-crs=" + Uri.EscapeDataString("http://www.opengis.net/def/crs/EPSG/0/3857") + "&filter=planYear%3D2023", "filter-crs", "3857" },
        { "filter-crs=" + Uri.EscapeDataString("file:///etc/passwd") + "&filter=planYear%3D2023", "filter-crs", "passwd" },
        { "filter-crs=EPSG:4547", "filter-crs", "without a filter" },
        { "filter-lang=cql2-json&filter=planYear%3D2023", "filter-lang", "cql2-json" },
        { "planYear=2023.5", "planYear", "whole number" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task BadFiltersAreA400NamingTheParameterAndTheToken(string query, string parameter, string named)
    {
        var response = await _client.GetAsync($"/ogc/collections/parcels/items?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(parameter, out var messages), problem.RootElement.ToString());
        Assert.Contains(named, messages[0].GetString());
    }

    private sealed record Feature(long Id, string Name, string? District, int? Year, double? Area, Geometry? Geometry);

    private async Task<List<Feature>> AllAsync()
    {
        using var all = await GetJson("/ogc/collections/parcels/items?limit=10000");
        return all.RootElement.GetProperty("features").EnumerateArray().Select(f =>
        {
            var p = f.GetProperty("properties");
            return new Feature(f.GetProperty("id").GetInt64(), p.GetProperty("name").GetString()!, p.GetProperty("district").GetString(),
                p.GetProperty("planYear").ValueKind == JsonValueKind.Null ? null : p.GetProperty("planYear").GetInt32(),
                p.GetProperty("areaMu").ValueKind == JsonValueKind.Null ? null : p.GetProperty("areaMu").GetDouble(),
                f.GetProperty("geometry").ValueKind == JsonValueKind.Null ? null : f.GetProperty("geometry").Deserialize<Geometry>(GeoJson));
        }).ToList();
    }

    private static List<long> Ids(JsonDocument page) =>
        page.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetInt64()).Order().ToList();

    private async Task<JsonDocument> GetJson(string url)
    {
        var response = await _client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url[..Math.Min(url.Length, 300)]}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
