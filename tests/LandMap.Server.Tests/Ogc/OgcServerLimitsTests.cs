using System.Net;
using System.Text.Json;

namespace LandMap.Server.Tests.Ogc;

/// <summary>
/// Limits as a real <c>landmap serve</c> (Kestrel, not the in-process test host) applies them: a CQL2 filter over its
/// 64 KiB limit reaches LandMap and is refused by name; a request line past Kestrel's limit is a 414 before any work.
/// </summary>
[Collection(OgcServer.Collection)]
public sealed class OgcServerLimitsTests(OgcServer ogc)
{
    [Fact]
    public async Task AFilterOverItsLimitIsA400NamingFilterNotA414()
    {
        var filter = "name LIKE '" + new string('a', 70 * 1024) + "'";

        var response = await ogc.Server!.Client.GetAsync($"/ogc/collections/parcels/items?filter={Uri.EscapeDataString(filter)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("filter", out _));
    }

    [Fact]
    public async Task ARequestLinePastTheServersLimitIsRefusedBeforeWork()
    {
        var filter = new string('a', 1024 * 1024);

        var response = await ogc.Server!.Client.GetAsync($"/ogc/collections/parcels/items?filter={filter}");

        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
        // The server is still there.
        Assert.Equal(HttpStatusCode.OK, (await ogc.Server.Client.GetAsync("/ogc")).StatusCode);
    }
}
