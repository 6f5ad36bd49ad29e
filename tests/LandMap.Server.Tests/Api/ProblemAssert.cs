using System.Net;
using System.Text.Json;

namespace LandMap.Server.Tests.Api;

/// <summary>Assertions on RFC 7807 answers.</summary>
internal static class ProblemAssert
{
    /// <summary>The response is a 400 problem whose <c>errors</c> names <paramref name="parameter"/>.</summary>
    public static async Task NamesParameter(HttpResponseMessage response, string parameter)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(parameter, out _), $"the problem does not name {parameter}");
    }
}
