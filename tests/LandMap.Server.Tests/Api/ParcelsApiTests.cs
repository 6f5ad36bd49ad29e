using System.Net;
using System.Text.Json;

namespace LandMap.Server.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class ParcelsApiTests(LandMapApplication app)
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task ReportsAreListedWithDistrictAndYears()
    {
        using var reports = await GetJson("/api/reports");
        Assert.Equal(5, reports.RootElement.GetArrayLength());
        Assert.Contains(reports.RootElement.EnumerateArray(),
            r => r.GetProperty("district").GetString() == "卫东区" && r.GetProperty("planYear").GetInt32() == 2023);
    }

    [Fact]
    public async Task DistrictsComeFromTheRegistryWithTheirCodes()
    {
        using var districts = await GetJson("/api/districts");

        Assert.Equal(10, districts.RootElement.GetArrayLength());
        var weidong = districts.RootElement.EnumerateArray().Single(d => d.GetProperty("name").GetString() == "卫东区");
        Assert.Equal(410403, weidong.GetProperty("code").GetInt32());
        Assert.InRange(weidong.GetProperty("bbox")[0].GetDouble(), 113.2, 113.4);
    }

    [Fact]
    public async Task WeidongPlan2023HasItsTwentyFiveParcels()
    {
        using var collection = await GetJson("/api/parcels?planYear=2023&district=卫东区");
        Assert.Equal("FeatureCollection", collection.RootElement.GetProperty("type").GetString());
        var features = collection.RootElement.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(25, features.Count);
        var first = features[0].GetProperty("properties");
        foreach (var name in (string[])["id", "name", "seq", "status", "confidence", "constraints", "warnings", "areaMu", "areaMuComputed", "projectStage"])
            Assert.True(first.TryGetProperty(name, out _), $"property {name} missing");
    }

    [Fact]
    public async Task IndustrialLandFilterKeepsIndustrialLogisticsAndParksOfTheStatedSize()
    {
        using var all = await GetJson("/api/parcels?planYear=2023&district=卫东区");
        using var found = await GetJson("/api/parcels?planYear=2023&district=卫东区&use=industrial-land&minAreaMu=100");
        string[] industrial = ["industrial", "logistics", "industrial-park"];
        var expected = all.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties"))
            .Where(p => industrial.Contains(p.GetProperty("landUse").GetString()) && p.GetProperty("areaMu").GetDouble() >= 100)
            .Select(p => p.GetProperty("name").GetString()).ToList();
        var names = found.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties").GetProperty("name").GetString()).ToList();

        Assert.Equal(expected, names);
        Assert.Contains("河南（平顶山）电子半导体产业园", names);
        Assert.DoesNotContain("卫东区人民医院", names);
        var park = found.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties"))
            .Single(p => p.GetProperty("name").GetString() == "河南（平顶山）电子半导体产业园");
        Assert.Equal(("industrial-park", "产业园区", "名称中心词“产业园”"),
            (park.GetProperty("landUse").GetString(), park.GetProperty("landUseName").GetString(), park.GetProperty("landUseReason").GetString()));
        // Entries without a stated area (the 2021 column) never match an area bound.
        using var unstated = await GetJson("/api/parcels?planYear=2021&minAreaMu=0");
        Assert.Equal(0, unstated.RootElement.GetProperty("features").GetArrayLength());
    }

    [Fact]
    public async Task BboxKeepsOnlyParcelsThatTouchIt()
    {
        using var all = await GetJson("/api/parcels?planYear=2023");
        using var none = await GetJson("/api/parcels?bbox=100,20,100.1,20.1");
        using var some = await GetJson("/api/parcels?planYear=2023&bbox=113.30,33.70,113.40,33.78");
        var allCount = all.RootElement.GetProperty("features").GetArrayLength();
        var someCount = some.RootElement.GetProperty("features").GetArrayLength();
        Assert.Equal(0, none.RootElement.GetProperty("features").GetArrayLength());
        Assert.InRange(someCount, 1, allCount);
    }

    [Theory]
    [InlineData("/api/parcels?bbox=113,33,114", "bbox")]
    [InlineData("/api/parcels?bbox=200,33,201,34", "bbox")]
    [InlineData("/api/parcels?planYear=abc", "planYear")]
    [InlineData("/api/parcels?use=farm", "use")]
    [InlineData("/api/parcels?use=industrial,1%3D1", "use")]
    [InlineData("/api/parcels?minAreaMu=-1", "minAreaMu")]
    [InlineData("/api/parcels?maxAreaMu=NaN", "maxAreaMu")]
    [InlineData("/api/parcels?minAreaMu=200&maxAreaMu=100", "minAreaMu")]
    [InlineData("/api/projects?stage=flying", "stage")]
    public async Task BadParameterIsAProblemNamingIt(string url, string parameter)
    {
        await ProblemAssert.NamesParameter(await _client.GetAsync(url), parameter);
    }

    [Fact]
    public async Task OneParcelCarriesItsFullRecord()
    {
        using var collection = await GetJson("/api/parcels?planYear=2023&district=卫东区&q=电子半导体产业园");
        var id = collection.RootElement.GetProperty("features")[0].GetProperty("id").GetInt64();
        using var parcel = await GetJson($"/api/parcels/{id}");
        var p = parcel.RootElement.GetProperty("properties");
        Assert.Equal("Feature", parcel.RootElement.GetProperty("type").GetString());
        Assert.Contains("电子半导体产业园", p.GetProperty("name").GetString());
        Assert.True(p.GetProperty("areaMu").GetDouble() > 0);
        Assert.True(p.GetProperty("areaM2Computed").GetDouble() > 0);
        Assert.Contains("电子半导体产业园", p.GetProperty("source").GetProperty("text").GetString());
        Assert.True(p.GetProperty("constraints").GetArrayLength() > 0);
        Assert.NotEqual(JsonValueKind.Null, parcel.RootElement.GetProperty("geometry").ValueKind);
    }

    [Fact]
    public async Task UnknownParcelIsANotFoundProblem()
    {
        var response = await _client.GetAsync("/api/parcels/1");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ProjectsFilterByStage()
    {
        using var all = await GetJson("/api/projects");
        using var started = await GetJson("/api/projects?stage=started");
        Assert.InRange(started.RootElement.GetArrayLength(), 1, all.RootElement.GetArrayLength() - 1);
        Assert.All(started.RootElement.EnumerateArray(), p => Assert.Equal("started", p.GetProperty("stage").GetString()));
        Assert.All(started.RootElement.EnumerateArray(), p => Assert.True(p.GetProperty("timeline").GetArrayLength() > 0));
    }

    [Fact]
    public async Task OpenApiDocumentDescribesTheEndpoints()
    {
        using var document = await GetJson("/openapi/v1.json");
        var paths = document.RootElement.GetProperty("paths");
        foreach (var path in (string[])["/api/reports", "/api/parcels", "/api/parcels/{id}", "/api/projects", "/api/projects/{id}", "/api/plans/diff", "/api/indicators", "/tiles", "/tiles/{source}.json", "/tiles/{source}/{z}/{x}/{y}.pbf"])
            Assert.True(paths.TryGetProperty(path, out _), $"{path} missing from the OpenAPI document");
    }

    private async Task<JsonDocument> GetJson(string url)
    {
        var response = await _client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body);
    }
}
