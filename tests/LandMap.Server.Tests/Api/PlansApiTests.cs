using System.Net;
using System.Text.Json;

namespace LandMap.Server.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class PlansApiTests(LandMapApplication app)
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task DiffKeepsTheContractShape()
    {
        using var diff = await GetJson("/api/plans/diff?from=2021&to=2023&district=卫东区");
        var entries = diff.RootElement.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(35 + 25, entries.Count(e => e.GetProperty("class").GetString() == "carried") * 2
            + entries.Count(e => e.GetProperty("class").GetString() != "carried"));
        foreach (var e in entries)
        {
            var kind = e.GetProperty("class").GetString();
            Assert.Contains(kind, (string[])["carried", "new", "dropped"]);
            Assert.Equal(kind == "new", e.GetProperty("from").ValueKind == JsonValueKind.Null);
            Assert.Equal(kind == "dropped", e.GetProperty("to").ValueKind == JsonValueKind.Null);
            Assert.Equal(kind == "carried", e.GetProperty("score").ValueKind == JsonValueKind.Number);
            Assert.Equal(JsonValueKind.Array, e.GetProperty("reasons").ValueKind);
            foreach (var side in (string[])["from", "to"])
            {
                if (e.GetProperty(side).ValueKind == JsonValueKind.Null) continue;
                var entry = e.GetProperty(side);
                Assert.Equal(side == "from" ? 2021 : 2023, entry.GetProperty("planYear").GetInt32());
                Assert.True(entry.GetProperty("seq").GetInt32() > 0);
                Assert.False(string.IsNullOrEmpty(entry.GetProperty("name").GetString()));
                Assert.Equal(JsonValueKind.Number, e.GetProperty(side + "ParcelId").ValueKind);
            }
        }
    }

    [Theory]
    [InlineData(22, 17, "河南省医药卫生学校扩建项目")]
    [InlineData(9, 22, "大鹰城")]
    [InlineData(26, 4, "圣源昊")]
    [InlineData(35, 2, "天成能源")]
    public async Task WeidongEntriesAreCarriedFrom2021To2023(int fromSeq, int toSeq, string name)
    {
        using var diff = await GetJson("/api/plans/diff?from=2021&to=2023&district=卫东区");
        var link = diff.RootElement.GetProperty("entries").EnumerateArray()
            .Single(e => e.GetProperty("from").ValueKind != JsonValueKind.Null && e.GetProperty("from").GetProperty("seq").GetInt32() == fromSeq);
        Assert.Equal("carried", link.GetProperty("class").GetString());
        Assert.Equal(toSeq, link.GetProperty("to").GetProperty("seq").GetInt32());
        Assert.Contains(name, link.GetProperty("to").GetProperty("name").GetString());
        Assert.InRange(link.GetProperty("score").GetDouble(), 0.55, 1);
        Assert.NotEmpty(link.GetProperty("reasons").EnumerateArray());
        Assert.Equal(410403202300000 + toSeq, link.GetProperty("toParcelId").GetInt64());
    }

    [Theory]
    [InlineData("/api/plans/diff?to=2023&district=卫东区", "from")]
    [InlineData("/api/plans/diff?from=abc&to=2023", "from")]
    [InlineData("/api/plans/diff?from=2021&to=20x3", "to")]
    [InlineData("/api/plans/diff?from=2021&to=2022&district=卫东区", "to")]
    public async Task BadYearIsAProblemNamingTheParameter(string url, string parameter)
    {
        await ProblemAssert.NamesParameter(await _client.GetAsync(url), parameter);
    }

    [Fact]
    public async Task SiliconCarbideProjectHasItsTimelineAndSitsOnTheSemiconductorPark()
    {
        using var list = await GetJson("/api/projects?q=2000吨电子级碳化硅粉体项目");
        var id = list.RootElement.EnumerateArray().Single().GetProperty("id").GetInt64();
        using var project = await GetJson($"/api/projects/{id}");
        var p = project.RootElement;
        Assert.Equal("2000吨电子级碳化硅粉体项目", p.GetProperty("name").GetString());
        Assert.Equal("电子半导体产业园", p.GetProperty("within").GetString());
        var steps = p.GetProperty("timeline").EnumerateArray()
            .Select(s => (s.GetProperty("year").GetInt32(), s.GetProperty("stage").GetString(), s.GetProperty("phase").GetString())).ToList();
        Assert.Equal([(2022, "trial", null), (2023, "completed", "一期")], steps);
        Assert.All(p.GetProperty("timeline").EnumerateArray(), s => Assert.Contains("碳化硅", s.GetProperty("source").GetProperty("text").GetString()));
        var parcel = p.GetProperty("parcels").EnumerateArray().Single();
        Assert.Equal(410403202300001, parcel.GetProperty("id").GetInt64());
        Assert.Contains("电子半导体产业园", parcel.GetProperty("name").GetString());
        Assert.Equal("completed", p.GetProperty("stage").GetString());
    }

    [Fact]
    public async Task PackagingProjectUnderTwoNamesSitsOnTheParkToo()
    {
        using var list = await GetJson("/api/projects?q=电子功率器件封测项目");
        var project = list.RootElement.EnumerateArray().Single();
        Assert.Equal("长驰电子功率器件封测项目", project.GetProperty("name").GetString());
        Assert.Equal(410403202300001, project.GetProperty("parcelId").GetInt64());
    }

    [Fact]
    public async Task UnknownProjectIsANotFoundProblem()
    {
        var response = await _client.GetAsync("/api/projects/99999");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task IndicatorsGiveGdpGrowthPlanAndResultAcrossTheReports()
    {
        using var indicators = await GetJson("/api/indicators?district=卫东区");
        var gdp = indicators.RootElement.GetProperty("indicators").EnumerateArray().First(i => i.GetProperty("name").GetString()!.Contains("生产总值增速"));
        Assert.Contains("地区生产总值增长", gdp.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));
        var points = gdp.GetProperty("points").EnumerateArray().ToDictionary(p => p.GetProperty("year").GetInt32());
        Assert.Equal(3, points[2020].GetProperty("actual").GetDouble());
        Assert.Equal(7.5, points[2021].GetProperty("plan").GetDouble());
        Assert.Equal(7.8, points[2022].GetProperty("plan").GetDouble());
        Assert.Equal(2.9, points[2022].GetProperty("actual").GetDouble());
        Assert.Equal(7, points[2023].GetProperty("plan").GetDouble());
    }

    [Fact]
    public async Task ParcelRecordListsItsLinksAndLandFacts()
    {
        using var school = await GetJson("/api/parcels/410403202300017");
        var link = school.RootElement.GetProperty("properties").GetProperty("appearances").EnumerateArray().Single();
        Assert.Equal("carried", link.GetProperty("class").GetString());
        Assert.Equal(22, link.GetProperty("from").GetProperty("seq").GetInt32());

        using var park = await GetJson("/api/parcels/410403202100002");
        var fact = park.RootElement.GetProperty("properties").GetProperty("facts").EnumerateArray().Single();
        Assert.Equal(263, fact.GetProperty("areaMu").GetDouble());
        Assert.Contains("挂牌出让", fact.GetProperty("status").GetString());
        Assert.Contains("263", fact.GetProperty("source").GetProperty("text").GetString());
    }

    private async Task<JsonDocument> GetJson(string url)
    {
        var response = await _client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body);
    }
}
