using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LandMap.Server.Auth;
using Microsoft.AspNetCore.Mvc.Testing;
using static LandMap.Server.Tests.Review.ReviewRequests;

namespace LandMap.Server.Tests.Review;

/// <summary>
/// Reviewers confirm or break links between plan years (POST /api/plans/links) and the diff, the parcel panel's
/// appearances and the audit log follow. Each test leaves the links as the linker made them.
/// </summary>
[Collection(ReviewCollection.Name)]
public sealed class LinkDecisionApiTests(ReviewApplication app)
{
    private const string Diff = "/api/plans/diff?from=2021&to=2023&district=卫东区";

    private static object Decision(int fromSeq, int toSeq, string decision, string? comment = null) =>
        new { district = "卫东区", from = new { planYear = 2021, seq = fromSeq }, to = new { planYear = 2023, seq = toSeq }, decision, comment };

    private static Task<HttpResponseMessage> DecideAsync(HttpClient client, object body, IEnumerable<(string, string)>? headers = null) =>
        SendAsync(client, HttpMethod.Post, "/api/plans/links", JsonContent.Create(body), null, headers);

    private static JsonElement Line(JsonElement diff, Func<JsonElement, bool> match) =>
        diff.GetProperty("entries").EnumerateArray().Single(match);

    private static bool From(JsonElement line, int seq) => line.GetProperty("from").ValueKind != JsonValueKind.Null && line.GetProperty("from").GetProperty("seq").GetInt32() == seq;

    private static bool To(JsonElement line, int seq) => line.GetProperty("to").ValueKind != JsonValueKind.Null && line.GetProperty("to").GetProperty("seq").GetInt32() == seq;

    [Fact]
    public async Task BreakingAndConfirmingALinkChangesTheDiffAndIsAudited()
    {
        var reviewer = await app.ClientAsync("reviewer");
        var computed = Line(await JsonAsync(await reviewer.GetAsync(Diff)), l => From(l, 22));
        Assert.Equal(("carried", 17), (computed.GetProperty("class").GetString(), computed.GetProperty("to").GetProperty("seq").GetInt32()));

        // Broken: the 2021 school entry is dropped and the 2023 one new, in the answer and in every later read.
        var broken = await DecideAsync(reviewer, Decision(22, 17, "break", "两期用地，并非同一项目"));
        Assert.Equal(HttpStatusCode.OK, broken.StatusCode);
        var answer = await JsonAsync(broken);
        Assert.Equal(("saved", "broken", "reviewer"), (answer.GetProperty("outcome").GetString(),
            answer.GetProperty("decision").GetProperty("verdict").GetString(), answer.GetProperty("decision").GetProperty("decidedBy").GetString()));
        Assert.Equal(["dropped", "new"], answer.GetProperty("entries").EnumerateArray().Select(l => l.GetProperty("class").GetString()).Order());
        var diff = await JsonAsync(await reviewer.GetAsync(Diff));
        Assert.Equal("dropped", Line(diff, l => From(l, 22)).GetProperty("class").GetString());
        Assert.Equal("new", Line(diff, l => To(l, 17)).GetProperty("class").GetString());
        var brokenLink = Assert.Single(diff.GetProperty("brokenLinks").EnumerateArray());
        Assert.Equal("两期用地，并非同一项目", brokenLink.GetProperty("comment").GetString());
        var panel = await JsonAsync(await reviewer.GetAsync("/api/parcels/410403202300017"));
        Assert.Equal("new", panel.GetProperty("properties").GetProperty("appearances").EnumerateArray().Single().GetProperty("class").GetString());

        // Confirmed again: carried, saying who confirmed it; a second partner for the entry is a 409 naming the first.
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(reviewer, Decision(22, 17, "confirm"))).StatusCode);
        var confirmed = Line(await JsonAsync(await reviewer.GetAsync(Diff)), l => From(l, 22));
        Assert.Equal("carried", confirmed.GetProperty("class").GetString());
        Assert.Equal("reviewer", confirmed.GetProperty("review").GetProperty("decidedBy").GetString());
        Assert.Contains("审核确认：reviewer", confirmed.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        var second = await DecideAsync(await app.ClientAsync("reviewer2"), Decision(22, 18, "confirm"));
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(17, (await JsonAsync(second)).GetProperty("existing").GetProperty("to").GetProperty("seq").GetInt32());

        // Reset: the linker's own link again, with its own score and no review.
        var reset = await JsonAsync(await DecideAsync(reviewer, Decision(22, 17, "reset")));
        Assert.Equal("withdrawn", reset.GetProperty("outcome").GetString());
        Assert.Equal("unchanged", (await JsonAsync(await DecideAsync(reviewer, Decision(22, 17, "reset")))).GetProperty("outcome").GetString());
        var after = Line(await JsonAsync(await reviewer.GetAsync(Diff)), l => From(l, 22));
        Assert.Equal(computed.GetProperty("score").GetDouble(), after.GetProperty("score").GetDouble());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("review").ValueKind);

        var audit = (await app.WithStoreAsync(store => store.ListAuditAsync(500))).Where(a => a.Entity == "link" && a.Actor == "reviewer").Select(a => a.Action);
        Assert.Equal(["link-reset", "link-confirm", "link-break"], audit.Take(3));
        Assert.Empty((await JsonAsync(await reviewer.GetAsync("/api/plans/links?district=卫东区"))).GetProperty("decisions").EnumerateArray());
    }

    [Fact]
    public async Task ReviewerCanLinkEntriesTheLinkerLeftApart()
    {
        var reviewer = await app.ClientAsync("reviewer");
        var diff = await JsonAsync(await reviewer.GetAsync(Diff));
        var dropped = Line(diff, l => l.GetProperty("class").GetString() == "dropped" && From(l, 1)).GetProperty("from").GetProperty("seq").GetInt32();
        var fresh = diff.GetProperty("entries").EnumerateArray().First(l => l.GetProperty("class").GetString() == "new").GetProperty("to").GetProperty("seq").GetInt32();

        var linked = await JsonAsync(await DecideAsync(reviewer, Decision(dropped, fresh, "confirm", "同一地块，企业更名")));
        var line = Assert.Single(linked.GetProperty("entries").EnumerateArray());
        Assert.Equal(("carried", fresh), (line.GetProperty("class").GetString(), line.GetProperty("to").GetProperty("seq").GetInt32()));
        Assert.True(line.GetProperty("score").GetDouble() < 0.55, "the pair scores below the threshold: only the reviewer links it");
        var list = await JsonAsync(await app.CreateClient().GetAsync("/api/plans/links?district=卫东区"));
        Assert.Equal("同一地块，企业更名", Assert.Single(list.GetProperty("decisions").EnumerateArray()).GetProperty("comment").GetString());

        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(reviewer, Decision(dropped, fresh, "reset"))).StatusCode);
        Assert.Equal("dropped", Line(await JsonAsync(await reviewer.GetAsync(Diff)), l => From(l, dropped)).GetProperty("class").GetString());
    }

    [Fact]
    public async Task OnlyReviewersDecideAndCookieSessionsNeedTheAntiforgeryHeader()
    {
        var before = await app.FingerprintAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await DecideAsync(await app.ClientAsync(), Decision(22, 17, "break"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await DecideAsync(await app.ClientAsync("viewer"), Decision(22, 17, "break"))).StatusCode);

        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        var login = await browser.PostAsJsonAsync("/api/auth/login", new { user = "reviewer", password = ReviewApplication.Password });
        var csrf = (await JsonAsync(login)).GetProperty("csrfToken").GetString()!;
        Assert.Equal(HttpStatusCode.Forbidden, (await DecideAsync(browser, Decision(22, 17, "break"))).StatusCode);
        Assert.Equal(before, await app.FingerprintAsync());

        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(browser, Decision(22, 17, "break"), [(CookieAntiforgery.HeaderName, csrf)])).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(browser, Decision(22, 17, "reset"), [(CookieAntiforgery.HeaderName, csrf)])).StatusCode);
    }

    [Theory]
    [InlineData("{\"from\":{\"planYear\":2021,\"seq\":22},\"to\":{\"planYear\":2023,\"seq\":17},\"decision\":\"break\"}", "'district' is required")]
    [InlineData("{\"district\":\"卫东区\",\"from\":{\"planYear\":2021},\"to\":{\"planYear\":2023,\"seq\":17},\"decision\":\"break\"}", "'from.seq'")]
    [InlineData("{\"district\":\"卫东区\",\"from\":{\"planYear\":2023,\"seq\":1},\"to\":{\"planYear\":2021,\"seq\":1},\"decision\":\"break\"}", "earlier than 'to.planYear'")]
    [InlineData("{\"district\":\"卫东区\",\"from\":{\"planYear\":2021,\"seq\":22},\"to\":{\"planYear\":2023,\"seq\":17},\"decision\":\"merge\"}", "'decision' must be one of confirm, break, reset")]
    public async Task BadDecisionIsA400NamingTheField(string json, string message)
    {
        var reviewer = await app.ClientAsync("reviewer");
        var response = await SendAsync(reviewer, HttpMethod.Post, "/api/plans/links", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, (await JsonAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task UnknownEntryIsA404NamingIt()
    {
        var response = await DecideAsync(await app.ClientAsync("reviewer"), Decision(99, 17, "confirm"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("2021 年计划中没有第 99 项", (await JsonAsync(response)).GetProperty("detail").GetString());
    }
}
