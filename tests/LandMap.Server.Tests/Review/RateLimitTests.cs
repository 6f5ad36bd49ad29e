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

    [Fact]
    public async Task PrintsBeyondTheDrawingSlotsAndTheirQueueGet429AndTheRestArePrinted()
    {
        await app.ClientAsync();
        using var limited = app.WithWebHostBuilder(b => b.UseSetting("LandMap:Access:PrintsAtOnce", "1").UseSetting("LandMap:Access:PrintQueue", "0"));
        var client = limited.CreateClient();

        // Twelve sheets asked at once: one slot, no queue, and each sheet takes a good part of a second to draw.
        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => client.GetAsync($"/api/parcels/{ReviewRequests.ParcelId}/sheet.png")));

        var codes = answers.Select(a => a.StatusCode).ToList();
        Assert.Contains(HttpStatusCode.OK, codes);
        Assert.Contains(HttpStatusCode.TooManyRequests, codes);
        Assert.All(codes, c => Assert.True(c is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, $"unexpected {c}"));
        Assert.Equal("application/problem+json", answers.First(a => a.StatusCode == HttpStatusCode.TooManyRequests).Content.Headers.ContentType?.MediaType);
        // The map keeps answering while sheets are drawn or refused.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/parcels?limit=1")).StatusCode);
    }
}
