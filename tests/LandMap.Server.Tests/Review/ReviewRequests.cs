using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace LandMap.Server.Tests.Review;

/// <summary>Requests the review suites share: GeoJSON squares near the districts, PUTs with If-Match, ETags.</summary>
internal static class ReviewRequests
{
    /// <summary>A parcel id the store knows (卫东区 2023, entry 5).</summary>
    public const long ParcelId = 410403202300005;

    public static object Square(double lon = 113.35, double lat = 33.77, double size = 0.002) => new
    {
        type = "Polygon",
        coordinates = new[] { new[] { new[] { lon, lat }, new[] { lon + size, lat }, new[] { lon + size, lat + size }, new[] { lon, lat + size }, new[] { lon, lat } } },
    };

    public static async Task<string> ETagAsync(HttpClient client, long id = ParcelId)
    {
        var response = await client.GetAsync($"/api/parcels/{id}");
        response.EnsureSuccessStatusCode();
        return response.Headers.ETag!.Tag;
    }

    public static Task<HttpResponseMessage> PutGeometryAsync(HttpClient client, object body, string? etag, long id = ParcelId) =>
        SendAsync(client, HttpMethod.Put, $"/api/parcels/{id}/geometry", JsonContent.Create(body), etag);

    public static Task<HttpResponseMessage> PutRawAsync(HttpClient client, string json, string? etag, long id = ParcelId) =>
        SendAsync(client, HttpMethod.Put, $"/api/parcels/{id}/geometry", new StringContent(json, Encoding.UTF8, "application/json"), etag);

    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, HttpContent? content, string? etag = null,
        IEnumerable<(string, string)>? headers = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        if (etag is not null) request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
        foreach (var (name, value) in headers ?? []) request.Headers.TryAddWithoutValidation(name, value);
        return await client.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    public static MultipartFormDataContent Upload(byte[] content, string fileName, string? comment = null)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(content), "file", fileName } };
        if (comment is not null) form.Add(new StringContent(comment), "comment");
        return form;
    }
}
