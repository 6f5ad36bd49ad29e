using System.Net;
using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace LandMap.Server.Tests.Ogc;

/// <summary>OGC API – Features Part 1 under <c>/ogc</c>, against the server's own list API on the sample reports.</summary>
[Collection(ApiCollection.Name)]
public sealed class OgcApiTests(LandMapApplication app)
{
    private static readonly JsonSerializerOptions GeoJson = new() { Converters = { new GeoJsonConverterFactory() } };
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task LandingPageLinksTheApiDefinitionConformanceAndData()
    {
        using var landing = await GetJson("/ogc");
        var links = landing.RootElement.GetProperty("links").EnumerateArray().ToDictionary(l => l.GetProperty("rel").GetString()!, l => l);

        foreach (var rel in (string[])["self", "service-desc", "service-doc", "conformance", "data"]) Assert.True(links.ContainsKey(rel), rel);
        Assert.Equal("application/vnd.oai.openapi+json;version=3.0", links["service-desc"].GetProperty("type").GetString());
        // Every link works and answers the type it announces.
        foreach (var link in links.Values)
        {
            var response = await _client.GetAsync(new Uri(link.GetProperty("href").GetString()!).PathAndQuery);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        using var api = await GetJson("/ogc/api");
        Assert.Equal("3.0.3", api.RootElement.GetProperty("openapi").GetString());
        Assert.True(api.RootElement.GetProperty("paths").TryGetProperty("/collections/parcels/items", out _));
        using var conformance = await GetJson("/ogc/conformance");
        Assert.Contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
            conformance.RootElement.GetProperty("conformsTo").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task CollectionsDescribeTheirExtentInCrs84AndThePlanYears()
    {
        using var collections = await GetJson("/ogc/collections");
        var parcels = collections.RootElement.GetProperty("collections").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "parcels");

        var bbox = parcels.GetProperty("extent").GetProperty("spatial").GetProperty("bbox")[0].EnumerateArray().Select(v => v.GetDouble()).ToList();
        using var all = await GetJson("/api/parcels?limit=10000");
        foreach (var feature in all.RootElement.GetProperty("features").EnumerateArray().Where(f => f.GetProperty("geometry").ValueKind != JsonValueKind.Null))
        {
            var e = feature.GetProperty("geometry").Deserialize<Geometry>(GeoJson)!.EnvelopeInternal;
            Assert.True(e.MinX >= bbox[0] && e.MinY >= bbox[1] && e.MaxX <= bbox[2] && e.MaxY <= bbox[3], $"{feature.GetProperty("id")} lies outside the extent");
        }
        var interval = parcels.GetProperty("extent").GetProperty("temporal").GetProperty("interval")[0];
        Assert.Equal(("2021-01-01T00:00:00Z", "2023-12-31T23:59:59Z"), (interval[0].GetString(), interval[1].GetString()));
        Assert.Contains(collections.RootElement.GetProperty("collections").EnumerateArray(), c => c.GetProperty("id").GetString() == "projects");
    }

    [Fact]
    public async Task PagingWithLimitSevenVisitsEveryParcelExactlyOnce()
    {
        using var api = await GetJson("/api/parcels?limit=10000");
        var expected = api.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetInt64()).Order().ToList();
        var seen = new List<long>();
        var url = "/ogc/collections/parcels/items?limit=7";
        var pages = 0;
        while (url is not null)
        {
            using var page = await GetJson(url, "application/geo+json");
            Assert.Equal(expected.Count, page.RootElement.GetProperty("numberMatched").GetInt64());
            var features = page.RootElement.GetProperty("features").EnumerateArray().ToList();
            Assert.Equal(features.Count, page.RootElement.GetProperty("numberReturned").GetInt32());
            Assert.InRange(features.Count, 1, 7);
            seen.AddRange(features.Select(f => f.GetProperty("id").GetInt64()));
            url = page.RootElement.GetProperty("links").EnumerateArray().Where(l => l.GetProperty("rel").GetString() == "next")
                .Select(l => new Uri(l.GetProperty("href").GetString()!).PathAndQuery).FirstOrDefault();
            pages++;
        }

        Assert.Equal(expected, seen.Order().ToList());
        Assert.Equal((expected.Count + 6) / 7, pages);
    }

    [Theory]
    [InlineData("datetime=2023-01-01T00:00:00Z/2023-12-31T23:59:59Z", "planYear=2023")]
    [InlineData("datetime=2023-06-01", "planYear=2023")]
    [InlineData("datetime=../2022-12-31", "planYear=2021")]
    [InlineData("planYear=2023&district=卫东区", "planYear=2023&district=卫东区")]
    [InlineData("bbox=113.30,33.70,113.40,33.78", "bbox=113.30,33.70,113.40,33.78")]
    [InlineData("landUse=industrial", "use=industrial")]
    public async Task FiltersSelectWhatTheListApiSelects(string ogc, string api)
    {
        using var expected = await GetJson($"/api/parcels?limit=10000&{api}");
        using var actual = await GetJson($"/ogc/collections/parcels/items?limit=10000&{ogc}");

        var ids = expected.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetInt64()).Order().ToList();
        Assert.NotEmpty(ids);
        Assert.Equal(ids, actual.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetInt64()).Order().ToList());
        Assert.Equal(ids.Count, actual.RootElement.GetProperty("numberMatched").GetInt64());
    }

    [Fact]
    public async Task AnItemIsTheParcelWithFlatPropertiesAndAnUnknownOneIsA404()
    {
        using var item = await GetJson("/ogc/collections/parcels/items/410403202300001", "application/geo+json");
        var properties = item.RootElement.GetProperty("properties");
        Assert.Equal(410403202300001, item.RootElement.GetProperty("id").GetInt64());
        Assert.Equal("河南（平顶山）电子半导体产业园", properties.GetProperty("name").GetString());
        Assert.Equal(2023, properties.GetProperty("planYear").GetInt32());
        // Flat: every property is a scalar, so GDAL and QGIS make a column of each.
        Assert.All(properties.EnumerateObject(), p => Assert.DoesNotContain(p.Value.ValueKind, new[] { JsonValueKind.Object, JsonValueKind.Array }));

        var missing = await _client.GetAsync("/ogc/collections/parcels/items/1");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/ogc/collections/nothing/items")).StatusCode);
    }

    [Fact]
    public async Task ProjectsArePointsInsideTheirParcel()
    {
        using var projects = await GetJson("/ogc/collections/projects/items?limit=10000");
        var located = projects.RootElement.GetProperty("features").EnumerateArray()
            .Where(f => f.GetProperty("geometry").ValueKind != JsonValueKind.Null).ToList();

        Assert.NotEmpty(located);
        foreach (var project in located.Take(10))
        {
            var parcelId = project.GetProperty("properties").GetProperty("parcelId").GetInt64();
            using var parcel = await GetJson($"/ogc/collections/parcels/items/{parcelId}");
            var point = project.GetProperty("geometry").Deserialize<Geometry>(GeoJson)!;
            var outline = parcel.RootElement.GetProperty("geometry").Deserialize<Geometry>(GeoJson)!;
            Assert.True(outline.Buffer(1e-7).Covers(point), $"project {project.GetProperty("id")} is not on parcel {parcelId}");
        }
    }

    // Part 2: EPSG:4547 answers X north, Y east in metres — LandMap's own projection, axes in the EPSG order — and
    // EPSG:4326/4490 answer lat, lon.
    [Theory]
    [InlineData("EPSG:4547")]
    [InlineData("http://www.opengis.net/def/crs/EPSG/0/4326")]
    [InlineData("[EPSG:4490]")]
    public async Task AnItemInAnotherCrsHasItsCoordinatesInThatCrsAndAxisOrder(string crs)
    {
        using var crs84 = await GetJson("/ogc/collections/parcels/items/410403202300001");
        var response = await _client.GetAsync($"/ogc/collections/parcels/items/410403202300001?crs={Uri.EscapeDataString(crs)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var other = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var epsg = crs.Trim('[', ']').Split(':', '/')[^1];
        Assert.Equal($"<http://www.opengis.net/def/crs/EPSG/0/{epsg}>", string.Join("", response.Headers.GetValues("Content-Crs")));
        var lonLat = crs84.RootElement.GetProperty("geometry").Deserialize<Geometry>(GeoJson)!.Coordinates;
        var served = other.RootElement.GetProperty("geometry").Deserialize<Geometry>(GeoJson)!.Coordinates;
        // The same vertices (the writer may start a ring elsewhere), each where LandMap's projection puts it.
        var expected = lonLat.Select(c => epsg == "4547"
            ? LandMap.Core.Crs.MetricPlane.Gk114.ToPlane(c.X, c.Y) is var (e, n) ? new Coordinate(n, e) : null!
            : new Coordinate(c.Y, c.X)).ToList();
        var tolerance = epsg == "4547" ? 0.01 : 1e-9;
        Assert.Equal(expected.Count, served.Length);
        Assert.All(served, v => Assert.True(expected.Min(x => x.Distance(v)) < tolerance, $"{v} is no vertex of the parcel in EPSG:{epsg}"));
        Assert.All(expected, x => Assert.True(served.Min(v => v.Distance(x)) < tolerance, $"vertex {x} is missing"));
    }

    [Fact]
    public async Task ABboxInGaussKrugerMetresSelectsTheParcelsOfThatBox()
    {
        using var item = await GetJson("/ogc/collections/parcels/items/410403202300001?crs=EPSG:4547");
        var gk = item.RootElement.GetProperty("geometry").Deserialize<Geometry>(GeoJson)!.EnvelopeInternal;
        // A box of 200 m around the park's centre, X (north) first as EPSG:4547 orders its axes.
        var (n, e) = (gk.Centre.X, gk.Centre.Y);
        using var found = await GetJson($"/ogc/collections/parcels/items?bbox-crs=EPSG:4547&bbox={n - 100},{e - 100},{n + 100},{e + 100}&crs=EPSG:4547");

        var ids = found.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetInt64()).ToList();
        Assert.Contains(410403202300001, ids);
        using var all = await GetJson("/ogc/collections/parcels/items?limit=10000");
        Assert.True(ids.Count < all.RootElement.GetProperty("numberMatched").GetInt64());
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=-1", "limit")]
    [InlineData("limit=1e9", "limit")]
    [InlineData("limit=10001", "limit")]
    [InlineData("bbox=200,33,201,34", "bbox")]
    [InlineData("bbox=1,2,3", "bbox")]
    [InlineData("datetime=yesterday", "datetime")]
    [InlineData("datetime=2024-01-01/2023-01-01", "datetime")]
    [InlineData("datetime=../..", "datetime")]
    [InlineData("planYear=twenty", "planYear")]
    [InlineData("landUse=casino", "landUse")]
    [InlineData("reviewStatus=rejected", "reviewStatus")]
    [InlineData("filter=planYear%3D%3D2023", "filter")]
    [InlineData("crs=http://www.opengis.net/def/crs/EPSG/0/3857", "crs")]
    [InlineData("bbox-crs=EPSG:4547", "bbox-crs")]
    [InlineData("bbox-crs=EPSG:4547&bbox=1e300,1e300,2e300,2e300", "bbox")]
    [InlineData("bbox-crs=EPSG:4326&bbox=113.3,33.7,113.4,33.8", "bbox")]
    [InlineData("f=xml", "f")]
    [InlineData("f=html&f=json", "f")]
    [InlineData("limit=5&limit=6", "limit")]
    public async Task BadParametersAreA400NamingTheParameter(string query, string parameter)
    {
        var response = await _client.GetAsync($"/ogc/collections/parcels/items?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(parameter, out _), problem.RootElement.ToString());
    }

    private async Task<JsonDocument> GetJson(string url, string? mediaType = null)
    {
        var response = await _client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        if (mediaType is not null) Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
