using System.Net;
using System.Net.Http.Json;
using LandMap.Server.Auth;
using Microsoft.AspNetCore.Mvc.Testing;
using static LandMap.Server.Tests.Review.ReviewRequests;

namespace LandMap.Server.Tests.Review;

[Collection(ReviewCollection.Name)]
public sealed class AccessTests(ReviewApplication app)
{
    private static readonly (HttpMethod Method, string Url)[] Writes =
    [
        (HttpMethod.Put, $"/api/parcels/{ParcelId}/geometry"), (HttpMethod.Post, $"/api/parcels/{ParcelId}/status"),
        (HttpMethod.Post, $"/api/parcels/{ParcelId}/survey"),
    ];

    [Fact]
    public async Task AnonymousGets401AndViewerGets403OnEveryWriteEndpoint()
    {
        var anonymous = await app.ClientAsync();
        var viewer = await app.ClientAsync("viewer");
        var reviewer = await app.ClientAsync("reviewer");
        foreach (var (method, url) in Writes)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(anonymous, method, url, JsonContent.Create(new { status = "reviewed" }), "\"1\"")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(viewer, method, url, JsonContent.Create(new { status = "reviewed" }), "\"1\"")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/review/queue")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/api/review/queue")).StatusCode);
        // Surveys are imports: admins only.
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(reviewer, HttpMethod.Post, Writes[2].Url, Upload([1], "a.txt"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(anonymous, HttpMethod.Get, "/api/auth/me", null, null,
            [("Authorization", "Bearer lm1.forged.token")])).StatusCode);
    }

    [Fact]
    public async Task ViewerSeesNeitherRejectedParcelsNorComments()
    {
        const long rejected = 410403202300007;
        var reviewer = await app.ClientAsync("reviewer");
        var viewer = await app.ClientAsync("viewer");
        var anonymous = await app.ClientAsync();
        var noReason = await SendAsync(reviewer, HttpMethod.Post, $"/api/parcels/{rejected}/status", JsonContent.Create(new { status = "rejected" }));
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var response = await SendAsync(reviewer, HttpMethod.Post, $"/api/parcels/{rejected}/status",
            JsonContent.Create(new { status = "rejected", reason = "duplicate of entry 6", comment = "internal: ask the bureau" }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        foreach (var client in new[] { viewer, anonymous })
        {
            var list = await JsonAsync(await client.GetAsync("/api/parcels"));
            Assert.DoesNotContain(list.GetProperty("features").EnumerateArray(), f => f.GetProperty("id").GetInt64() == rejected);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/parcels/{rejected}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/parcels/{rejected}/history")).StatusCode);
            var history = await JsonAsync(await client.GetAsync($"/api/parcels/{ParcelId}/history"));
            Assert.Empty(history.GetProperty("comments").EnumerateArray());
            Assert.All(history.GetProperty("versions").EnumerateArray(), v => Assert.Equal(System.Text.Json.JsonValueKind.Null, v.GetProperty("reason").ValueKind));
        }
        var seen = await JsonAsync(await reviewer.GetAsync($"/api/parcels/{rejected}/history"));
        Assert.Equal(("rejected", "duplicate of entry 6"), (seen.GetProperty("status").GetString(), seen.GetProperty("reason").GetString()));
        // The reviewer opens the rejected parcel itself (from the queue, to look before restoring it).
        var detail = await JsonAsync(await reviewer.GetAsync($"/api/parcels/{rejected}"));
        Assert.Equal("rejected", detail.GetProperty("properties").GetProperty("reviewStatus").GetString());
        Assert.NotEmpty(seen.GetProperty("comments").EnumerateArray());
        var queue = await JsonAsync(await reviewer.GetAsync("/api/review/queue?status=rejected"));
        Assert.Contains(queue.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetInt64() == rejected);
    }

    [Fact]
    public async Task CookieSessionWritesNeedTheAntiforgeryHeader()
    {
        await app.ClientAsync();
        // https: the session cookie is Secure, so the client sends it only over TLS (the test server ignores the scheme).
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        var login = await browser.PostAsJsonAsync("/api/auth/login", new { user = "reviewer", password = ReviewApplication.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        var csrf = (await JsonAsync(login)).GetProperty("csrfToken").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/auth/me")).StatusCode);

        const long id = 410403202300008;
        var status = JsonContent.Create(new { status = "reviewed", comment = "checked on site" });
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(browser, HttpMethod.Post, $"/api/parcels/{id}/status", status)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(browser, HttpMethod.Post, $"/api/parcels/{id}/status",
            JsonContent.Create(new { status = "reviewed" }), null, [(CookieAntiforgery.HeaderName, "forged")])).StatusCode);
        var ok = await SendAsync(browser, HttpMethod.Post, $"/api/parcels/{id}/status", JsonContent.Create(new { status = "reviewed" }), null,
            [(CookieAntiforgery.HeaderName, csrf)]);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await browser.PostAsync("/api/auth/logout", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task WrongPasswordIs401AndAudited()
    {
        var client = await app.ClientAsync();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { user = "reviewer", password = "guess-guess-guess" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/token", new { user = "nobody", password = "x" })).StatusCode);
        var audit = await app.WithStoreAsync(store => store.ListAuditAsync(50));
        Assert.Contains(audit, a => a.Action == "login-failed" && a.Actor == "reviewer");
        Assert.Contains(audit, a => a.Action == "login-failed" && a.Actor == "nobody");
    }
}
