using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;

namespace LandMap.Server.Tests.Review;

[Collection(ReviewCollection.Name)]
public sealed class RateLimitTests(ReviewApplication app)
{
    [Fact]
    public async Task SixthLoginInAMinuteGets429()
    {
        await app.ClientAsync();
        using var limited = app.WithWebHostBuilder(b => b.UseSetting("LandMap:Access:LoginsPerMinute", "5"));
        var client = limited.CreateClient();
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
            codes.Add((await client.PostAsJsonAsync("/api/auth/token", new { user = "reviewer", password = "wrong-password-" + i })).StatusCode);
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 5).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 2)), codes);
        var last = await client.PostAsJsonAsync("/api/auth/token", new { user = "reviewer", password = ReviewApplication.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        Assert.Equal("application/problem+json", last.Content.Headers.ContentType?.MediaType);
    }
}
