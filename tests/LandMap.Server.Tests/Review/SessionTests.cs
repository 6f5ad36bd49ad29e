using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using LandMap.Data.Review;
using LandMap.Server.Auth;
using Microsoft.AspNetCore.Mvc.Testing;
using static LandMap.Server.Tests.Review.ReviewRequests;

namespace LandMap.Server.Tests.Review;

/// <summary>
/// Sessions end when they should (issue #16, point 31): after logout the old cookie and the account's tokens are
/// refused, as after a password or role change; a token is accepted only in its own canonical spelling.
/// </summary>
[Collection(ReviewCollection.Name)]
public sealed class SessionTests(ReviewApplication app)
{
    private const string Password = "a-long-enough-password-for-tests";

    [Fact]
    public async Task LogoutEndsTheSessionForTheOldCookieAndTheAccountsTokens()
    {
        await AddUserAsync("session.logout", UserRole.Reviewer);
        var token = await TokenAsync("session.logout");
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), HandleCookies = false });
        var login = await browser.PostAsJsonAsync("/api/auth/login", new { user = "session.logout", password = Password });
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie")).Split(';')[0];
        Assert.Equal(HttpStatusCode.OK, (await MeAsync(cookie: cookie)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await MeAsync(bearer: token)).StatusCode);

        using var logout = new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout");
        logout.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.NoContent, (await browser.SendAsync(logout)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(cookie: cookie)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(bearer: token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await MeAsync(bearer: await TokenAsync("session.logout"))).StatusCode);
    }

    [Fact]
    public async Task APasswordOrRoleChangeEndsTheSessionsOfTheAccount()
    {
        await AddUserAsync("session.change", UserRole.Reviewer);
        var before = await TokenAsync("session.change");
        await app.WithStoreAsync(s => IReviewStore.Of(s).SetPasswordAsync("session.change", Passwords.Hash(Password), "admin"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(bearer: before)).StatusCode);

        var again = await TokenAsync("session.change");
        Assert.Equal(HttpStatusCode.OK, (await MeAsync(bearer: again)).StatusCode);
        await app.WithStoreAsync(s => IReviewStore.Of(s).SetRoleAsync("session.change", UserRole.Viewer, "admin"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(bearer: again)).StatusCode);
    }

    [Theory]
    [InlineData("=")]
    [InlineData("==")]
    public async Task ATokenWithPaddingAppendedToItsSignatureIsRefused(string padding)
    {
        await AddUserAsync("session.padding", UserRole.Viewer);
        var token = await TokenAsync("session.padding");
        Assert.Equal(HttpStatusCode.OK, (await MeAsync(bearer: token)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(bearer: token + padding)).StatusCode);
    }

    private async Task AddUserAsync(string name, string role)
    {
        await app.ClientAsync();
        await app.WithStoreAsync(s => IReviewStore.Of(s).AddUserAsync(name, role, Passwords.Hash(Password), "test"));
    }

    private async Task<string> TokenAsync(string user)
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/token", new { user, password = Password });
        response.EnsureSuccessStatusCode();
        return (await JsonAsync(response)).GetProperty("token").GetString()!;
    }

    private async Task<HttpResponseMessage> MeAsync(string? cookie = null, string? bearer = null)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        if (cookie is not null) request.Headers.Add("Cookie", cookie);
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return await client.SendAsync(request);
    }
}
