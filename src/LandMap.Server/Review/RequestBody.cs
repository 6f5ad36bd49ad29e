using System.Text.Json;
using LandMap.Core.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace LandMap.Server.Review;

/// <summary>
/// Reads a request body with a size cap of its own (Kestrel's per-request feature is set too, but the in-memory test
/// server has none) and parses JSON at System.Text.Json's default depth of 64, then checks every string once
/// (<see cref="JsonStrings"/>): a lone surrogate escape or bytes that are not UTF-8 parse, but would throw wherever an
/// endpoint reads the string. Every failure is a 4xx problem that says what was wrong, never an exception.
/// </summary>
public static class RequestBody
{
    public static async Task<(byte[]? Bytes, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = limit;
        if (request.ContentLength > limit) return (null, TooLarge(limit));
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit) return (null, TooLarge(limit));
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(limit));
        }
        return (buffer.ToArray(), null);
    }

    /// <summary>The body as a JSON object, or a 400/413/415 problem.</summary>
    public static async Task<(JsonElement Json, ProblemHttpResult? Problem)> ReadJsonObjectAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (UnsupportedJsonType(request.ContentType) is { } why)
            return (default, Problem(StatusCodes.Status415UnsupportedMediaType, "需要 JSON", $"{why} Send the body as Content-Type: application/json (UTF-8)."));
        var (bytes, problem) = await ReadAsync(request, limit, cancellationToken);
        if (problem is not null) return (default, problem);
        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 64 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return (default, Problem(StatusCodes.Status400BadRequest, "JSON 无效", "The body must be a JSON object."));
            if (JsonStrings.FindInvalid(bytes, new JsonReaderOptions { MaxDepth = 64 }) is { } member)
                return (default, Problem(StatusCodes.Status400BadRequest, "JSON 无效",
                    $"'{member}' is not valid Unicode text (a lone surrogate such as \\ud800, or bytes that are not UTF-8); send UTF-8 text.",
                    new Dictionary<string, object?> { ["field"] = member }));
            return (document.RootElement.Clone(), null);
        }
        catch (JsonException e)
        {
            // The parser's message names the depth limit or the byte where the text broke; nothing of the server.
            return (default, Problem(StatusCodes.Status400BadRequest, "JSON 无效", $"The body is not valid JSON: {e.Message}"));
        }
    }

    /// <summary>
    /// Why a Content-Type is not UTF-8 JSON, or null when it is: the media type is application/json or a +json type
    /// (application/geo+json), and the charset, when given, is utf-8 — a body declared UTF-16 would be read as UTF-8.
    /// </summary>
    internal static string? UnsupportedJsonType(string? contentType)
    {
        if (contentType is null) return "The request has no Content-Type.";
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed) || parsed.MediaType.Value is not { } mediaType)
            return $"Content-Type '{Truncate(contentType)}' is not a media type.";
        var json = mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (mediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
        if (!json) return $"Content-Type '{Truncate(mediaType)}' is not JSON.";
        var charset = HeaderUtilities.RemoveQuotes(parsed.Charset);
        if (charset.HasValue && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
            return $"charset '{Truncate(charset.Value!)}' is not supported; JSON is read as UTF-8.";
        return null;
    }

    private static string Truncate(string text) => text.Length > 60 ? text[..60] + "…" : text;

    /// <summary>A string member, or null when missing; a problem when it is not a string or longer than <paramref name="maxLength"/>.</summary>
    public static string? String(JsonElement json, string name, int maxLength, List<string> errors)
    {
        if (!json.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.String) { errors.Add($"'{name}' must be a string."); return null; }
        var text = value.GetString()!;
        if (text.Length > maxLength) { errors.Add($"'{name}' is longer than {maxLength} characters."); return null; }
        return text;
    }

    public static ProblemHttpResult Problem(int status, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail, extensions: extensions);

    private static ProblemHttpResult TooLarge(long limit) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "请求过大", $"The body is larger than this route accepts ({limit / 1024} KiB).");
}
