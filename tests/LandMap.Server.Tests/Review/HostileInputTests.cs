using System.Net;
using System.Net.Http.Json;
using Xunit.Abstractions;
using static LandMap.Server.Tests.Review.ReviewRequests;

namespace LandMap.Server.Tests.Review;

/// <summary>
/// Every write endpoint against hostile input (<see cref="HostileInputs"/>), on the real server over a real SQLite file:
/// each input gets a 4xx problem that says why, the server keeps serving, and no row or parcel version changes.
/// </summary>
[Collection(ReviewCollection.Name)]
public sealed class HostileInputTests(ReviewApplication app, ITestOutputHelper output)
{
    [Fact]
    public async Task EveryHostileInputIsRefusedCleanlyAndNothingChanges()
    {
        var admin = await app.ClientAsync("admin");
        var etag = await ETagAsync(admin);
        var before = await app.FingerprintAsync();
        var tried = new Dictionary<string, int>();
        var failures = new List<string>();
        foreach (var input in HostileInputs.All())
        {
            using var response = await input.Send(admin, etag);
            var body = await response.Content.ReadAsStringAsync();
            var code = (int)response.StatusCode;
            var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json" && body.Contains("\"title\"", StringComparison.Ordinal);
            if (code is < 400 or > 499 || code is 401 or 403 || !problem) failures.Add($"{input.Endpoint} / {input.Name}: {code} {Shorten(body)}");
            else output.WriteLine($"  {code} {input.Endpoint} / {input.Name}: {Shorten(body)}");
            tried[input.Endpoint] = tried.GetValueOrDefault(input.Endpoint) + 1;
        }
        Report(tried, failures.Count);

        Assert.Empty(failures);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/parcels")).StatusCode);
        Assert.Equal(etag, await ETagAsync(admin));
        Assert.Equal(before, await app.FingerprintAsync());
    }

    [Fact]
    public async Task LoginEndpointsRefuseHostileInputAndOnlyAuditTheFailures()
    {
        var client = await app.ClientAsync();
        var before = await app.WithStoreAsync(s => s.CountRowsAsync());
        var inputs = new (string Name, HttpContent Content)[]
        {
            ("SQL in user", JsonContent.Create(new { user = "admin' OR '1'='1' --", password = "x" })),
            ("SQL in password", JsonContent.Create(new { user = "admin", password = "' OR 1=1 --" })),
            ("JSON nested 10^5 deep", new StringContent("{\"user\":" + new string('[', 100_000) + new string(']', 100_000) + "}", System.Text.Encoding.UTF8, "application/json")),
            ("oversized body", new StringContent("{\"user\":\"" + new string('a', 1 << 20) + "\"}", System.Text.Encoding.UTF8, "application/json")),
            ("form instead of JSON", new FormUrlEncodedContent([new("user", "admin"), new("password", "x")])),
            ("user as an object", JsonContent.Create(new { user = new { name = "admin" }, password = "x" })),
            ("lone surrogate in user", new StringContent("{\"user\":\"\\ud800\",\"password\":\"x\"}", System.Text.Encoding.UTF8, "application/json")),
            ("lone surrogate in password", new StringContent("{\"user\":\"admin\",\"password\":\"\\udc00\"}", System.Text.Encoding.UTF8, "application/json")),
        };
        var failures = 0;
        foreach (var url in new[] { "/api/auth/token", "/api/auth/login" })
        {
            foreach (var (name, content) in inputs)
            {
                var response = await client.PostAsync(url, content);
                output.WriteLine($"  {(int)response.StatusCode} POST {url} / {name}");
                if ((int)response.StatusCode is < 400 or > 499 || response.Headers.Contains("Set-Cookie")) failures++;
            }
        }
        Report(new Dictionary<string, int> { ["POST /api/auth/token"] = inputs.Length, ["POST /api/auth/login"] = inputs.Length }, failures);
        Assert.Equal(0, failures);

        var after = await app.WithStoreAsync(s => s.CountRowsAsync());
        Assert.All(before.Where(c => c.Key != "audit_log"), c => Assert.Equal(c.Value, after[c.Key]));
        var added = await app.WithStoreAsync(s => s.ListAuditAsync((int)(after["audit_log"] - before["audit_log"])));
        Assert.All(added, a => Assert.Equal("login-failed", a.Action));
    }

    [Theory]
    [InlineData("{\"geometry\":{\"type\":\"Polygon\\ud800\",\"coordinates\":[]}}", "geometry.type")]
    [InlineData("{\"comment\":\"ok\",\"geometry\":{\"coordinates\":[[[1,2]],[[\"\\udc00\"]]]}}", "geometry.coordinates[1][0][0]")]
    public async Task InvalidUnicodeIsA400NamingTheMember(string json, string member)
    {
        var admin = await app.ClientAsync("admin");
        using var response = await PutRawAsync(admin, json, await ETagAsync(admin));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal(member, problem.GetProperty("field").GetString());
        Assert.Contains($"'{member}'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private void Report(Dictionary<string, int> tried, int failures)
    {
        foreach (var (endpoint, count) in tried)
        {
            var line = $"hostile input: {endpoint}: {count} inputs tried";
            output.WriteLine(line);
            Console.WriteLine(line);
        }
        var total = $"hostile input: {tried.Values.Sum()} inputs over {tried.Count} endpoints, {tried.Values.Sum() - failures} rejected cleanly";
        output.WriteLine(total);
        Console.WriteLine(total);
    }

    private static string Shorten(string body) => body.Length > 220 ? body[..220] + "…" : body;
}
