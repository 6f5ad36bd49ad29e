using Xunit.Abstractions;

namespace LandMap.Server.Tests.Api;

/// <summary>
/// What a running server writes (issue 16, point 32): by default nothing per request and the started line with the URL
/// last; an access log of one line per request when Logging:LogLevel turns it on.
/// </summary>
public sealed class ServerLogTests(ITestOutputHelper output) : IDisposable
{
    private const int Requests = 40;
    private const string StartedLine = "LandMap 地图已启动: ";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);
    private readonly string _folder = Directory.CreateTempSubdirectory("landmap-logs-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task ByDefaultRequestsAreNotLoggedAndTheUrlIsTheLastLine()
    {
        using var server = await ServerProcess.StartAsync("default", Path.Combine(_folder, "landmap.db"), new Dictionary<string, string>(), StartTimeout);

        var (started, perRequest) = await LogOfRequestsAsync(server);

        output.WriteLine(started);
        Assert.Contains(StartedLine, Lines(started)[^1]);
        Assert.True(perRequest.Length == 0, $"{perRequest.Length} bytes for {Requests} requests:\n{perRequest}");
    }

    [Fact]
    public async Task AccessLogIsOneLinePerRequestWhenTurnedOn()
    {
        var settings = new Dictionary<string, string> { ["Logging__LogLevel__Microsoft.AspNetCore.HttpLogging"] = "Information" };
        using var server = await ServerProcess.StartAsync("access-log", Path.Combine(_folder, "landmap.db"), settings, StartTimeout);

        var (_, perRequest) = await LogOfRequestsAsync(server);

        output.WriteLine(perRequest);
        var lines = Lines(perRequest);
        Assert.Equal(Requests, lines.Length);
        Assert.All(lines, line => Assert.Contains("/api/reports", line));
        Assert.All(lines, line => Assert.Contains("200", line));
    }

    /// <summary>The output up to now, then what <see cref="Requests"/> requests add to it after a first one.</summary>
    private static async Task<(string Started, string PerRequest)> LogOfRequestsAsync(ServerProcess server)
    {
        // The readiness probe's own requests are logged (if at all) by now.
        await Task.Delay(1000);
        var started = server.Output;
        // The first request for reports derives projects and links once (one line, again only after a write).
        (await server.Client.GetAsync("/api/reports")).Dispose();
        await Task.Delay(500);
        var warm = server.Output;
        for (var i = 0; i < Requests; i++)
        {
            using var response = await server.Client.GetAsync("/api/reports");
            response.EnsureSuccessStatusCode();
        }
        await Task.Delay(1000);
        return (started, server.Output[warm.Length..]);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
