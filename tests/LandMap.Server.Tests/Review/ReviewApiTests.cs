using System.Net.Http.Json;
using System.Net;
using System.Text;
using static LandMap.Server.Tests.Review.ReviewRequests;

namespace LandMap.Server.Tests.Review;

[Collection(ReviewCollection.Name)]
public sealed class ReviewApiTests(ReviewApplication app)
{
    [Fact]
    public async Task EditSavesNewVersionAndRestoreAddsAnother()
    {
        var reviewer = await app.ClientAsync("reviewer");
        var etag = await ETagAsync(reviewer);
        var original = (await JsonAsync(await reviewer.GetAsync($"/api/parcels/{ParcelId}/history"))).GetProperty("versions").EnumerateArray().Last().GetProperty("geometry");

        var saved = await PutGeometryAsync(reviewer, new { geometry = Square(), comment = "moved to the fence line" }, etag);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var body = await JsonAsync(saved);
        Assert.Equal(saved.Headers.ETag!.Tag, body.GetProperty("etag").GetString());
        Assert.NotEqual(etag, saved.Headers.ETag.Tag);
        Assert.Equal("reviewed", body.GetProperty("status").GetString());
        Assert.InRange(body.GetProperty("areaMu").GetDouble(), 50, 80);
        Assert.Equal(saved.Headers.ETag.Tag, await ETagAsync(reviewer));

        var history = await JsonAsync(await reviewer.GetAsync($"/api/parcels/{ParcelId}/history"));
        var last = history.GetProperty("versions").EnumerateArray().Last();
        Assert.Equal(("reviewer", "moved to the fence line", true), (last.GetProperty("madeBy").GetString(), last.GetProperty("reason").GetString(), last.GetProperty("current").GetBoolean()));

        // Restoring is a PUT of the old geometry: a new version, not a rewind.
        var restored = await PutGeometryAsync(reviewer, new { geometry = original, comment = "restore the geocoded version" }, saved.Headers.ETag.Tag);
        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        var after = await JsonAsync(await reviewer.GetAsync($"/api/parcels/{ParcelId}/history"));
        Assert.Equal(history.GetProperty("versions").GetArrayLength() + 1, after.GetProperty("versions").GetArrayLength());
    }

    [Fact]
    public async Task ReviewedOutlineIsCheckedAgainstItsEntryAndTheLiveCheckStoresNothing()
    {
        // 卫东区人民医院 (2023 #13): no other review test touches it.
        const long hospital = 410403202300013;
        var reviewer = await app.ClientAsync("reviewer");
        var detail = (await JsonAsync(await reviewer.GetAsync($"/api/parcels/{hospital}")));
        var geocoded = detail.GetProperty("properties").GetProperty("constraints").EnumerateArray().ToList();
        Assert.NotEmpty(geocoded);
        Assert.All(geocoded, c => Assert.True(c.GetProperty("satisfied").GetBoolean()));
        var before = await app.FingerprintAsync();

        // The live check of the geocoded outline agrees with the geocoder; far away, it does not; neither stores anything.
        var same = await JsonAsync(await SendAsync(reviewer, HttpMethod.Post, $"/api/parcels/{hospital}/check",
            JsonContent.Create(new { geometry = detail.GetProperty("geometry") })));
        Assert.Equal(geocoded.Select(c => (c.GetProperty("kind").GetString(), true)),
            same.GetProperty("constraints").EnumerateArray().Select(c => (c.GetProperty("kind").GetString(), c.GetProperty("satisfied").GetBoolean())));
        var far = await SendAsync(reviewer, HttpMethod.Post, $"/api/parcels/{hospital}/check", JsonContent.Create(new { geometry = Square(113.25, 33.70) }));
        Assert.Equal(HttpStatusCode.OK, far.StatusCode);
        var farChecks = (await JsonAsync(far)).GetProperty("constraints").EnumerateArray().ToList();
        Assert.Contains(farChecks, c => !c.GetProperty("satisfied").GetBoolean());
        Assert.Equal(before, await app.FingerprintAsync());

        // Saved, the outline keeps its checks: the panel shows what is wrong with it.
        var saved = await PutGeometryAsync(reviewer, new { geometry = Square(113.25, 33.70), comment = "test: far away" }, await ETagAsync(reviewer, hospital), hospital);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var after = (await JsonAsync(await reviewer.GetAsync($"/api/parcels/{hospital}"))).GetProperty("properties").GetProperty("constraints").EnumerateArray().ToList();
        Assert.Equal(farChecks.Select(c => c.GetProperty("detail").GetString()), after.Select(c => c.GetProperty("detail").GetString()));
        Assert.Contains(after, c => !c.GetProperty("satisfied").GetBoolean());
        // Its confidence comes from those checks: a failed one costs, whoever drew the outline.
        var farConfidence = await ConfidenceAsync(reviewer, hospital);
        Assert.InRange(farConfidence, 0.01, 0.99);

        var restored = await PutGeometryAsync(reviewer, new { geometry = detail.GetProperty("geometry"), comment = "test: back" }, saved.Headers.ETag!.Tag, hospital);
        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        var back = (await JsonAsync(await reviewer.GetAsync($"/api/parcels/{hospital}"))).GetProperty("properties").GetProperty("constraints").EnumerateArray();
        Assert.All(back, c => Assert.True(c.GetProperty("satisfied").GetBoolean()));
        // The geocoder's own outline put back keeps the geocoder's figures.
        Assert.Equal(detail.GetProperty("properties").GetProperty("confidence").GetDouble(), await ConfidenceAsync(reviewer, hospital));
    }

    private static async Task<double> ConfidenceAsync(HttpClient client, long id) =>
        (await JsonAsync(await client.GetAsync($"/api/parcels/{id}"))).GetProperty("properties").GetProperty("confidence").GetDouble();

    [Fact]
    public async Task MissingIfMatchIs428AndBowTieIs400WithTheFix()
    {
        var reviewer = await app.ClientAsync("reviewer");
        Assert.Equal((HttpStatusCode)428, (await PutGeometryAsync(reviewer, new { geometry = Square() }, null)).StatusCode);

        var bowTie = new { type = "Polygon", coordinates = new[] { new[] { new[] { 113.35, 33.77 }, new[] { 113.352, 33.772 }, new[] { 113.352, 33.77 }, new[] { 113.35, 33.772 }, new[] { 113.35, 33.77 } } } };
        var refused = await PutGeometryAsync(reviewer, new { geometry = bowTie }, await ETagAsync(reviewer));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await JsonAsync(refused);
        Assert.Equal("invalid", problem.GetProperty("code").GetString());
        Assert.Equal("MultiPolygon", problem.GetProperty("fixedGeometry").GetProperty("type").GetString());
    }

    [Fact]
    public async Task AnOutlineFarFromEveryRegisteredDistrictIsRefused()
    {
        var reviewer = await app.ClientAsync("reviewer");
        // A square in 北京市朝阳区: valid WGS 84, but 6° from the outlined districts of the shipped registry (平顶山市).
        var beijing = new { type = "Polygon", coordinates = new[] { new[] { new[] { 116.45, 39.92 }, new[] { 116.452, 39.92 }, new[] { 116.452, 39.922 }, new[] { 116.45, 39.922 }, new[] { 116.45, 39.92 } } } };

        var refused = await PutGeometryAsync(reviewer, new { geometry = beijing }, await ETagAsync(reviewer));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await JsonAsync(refused);
        Assert.Equal("far-from-districts", problem.GetProperty("code").GetString());
        Assert.Contains("410403 卫东区", problem.GetRawText());
    }

    [Fact]
    public async Task SurveyTxtReplacesGeometryAndWarnsAboutStatedArea()
    {
        var admin = await app.ClientAsync("admin");
        const long id = 410403202300010;
        var survey = "[属性描述]\n坐标系=2000国家大地坐标系\n几度分带=3\n带号=38\n[地块坐标]\n5,1,1,区块一,面,,工业用地,,@\n" +
            "J1,1,3733933.115,38435126.139\nJ2,1,3734033.115,38435126.139\nJ3,1,3734033.115,38435226.139\nJ4,1,3733933.115,38435226.139\nJ1,1,3733933.115,38435126.139\n";
        var response = await SendAsync(admin, HttpMethod.Post, $"/api/parcels/{id}/survey", Upload(Encoding.UTF8.GetBytes(survey), "区块一.txt"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await JsonAsync(response);
        Assert.Equal("surveyed", body.GetProperty("status").GetString());
        Assert.Equal(15, body.GetProperty("areaMu").GetDouble(), 0);
        Assert.Contains(body.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("亩"));

        var queue = await JsonAsync(await admin.GetAsync("/api/review/queue?status=surveyed"));
        Assert.Contains(queue.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetInt64() == id);
    }

    [Fact]
    public async Task SurveyGeoJsonIsReadWithTheGazetteerSources()
    {
        var admin = await app.ClientAsync("admin");
        var geometry = System.Text.Json.JsonSerializer.Serialize(Square(113.30, 33.76));
        var response = await SendAsync(admin, HttpMethod.Post, "/api/parcels/410403202300011/survey",
            Upload(HostileInputs.FeatureCollection(geometry), "boundary.geojson", "surveyed by the bureau"), "\"1\"");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("surveyed", (await JsonAsync(response)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task QueueListsCandidatesLowestConfidenceFirst()
    {
        var reviewer = await app.ClientAsync("reviewer");
        var queue = await JsonAsync(await reviewer.GetAsync("/api/review/queue"));
        var confidences = queue.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("confidence").GetDouble()).ToList();
        Assert.NotEmpty(confidences);
        Assert.Equal(confidences.Order(), confidences);
        Assert.Equal(HttpStatusCode.BadRequest, (await reviewer.GetAsync("/api/review/queue?status=published")).StatusCode);
    }
}
