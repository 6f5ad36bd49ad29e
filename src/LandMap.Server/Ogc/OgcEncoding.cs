using LandMap.Server.Problems;
using Microsoft.Net.Http.Headers;

namespace LandMap.Server.Ogc;

/// <summary>The encodings a Features resource is served in.</summary>
internal enum OgcEncoding
{
    Json,
    Html,
}

/// <summary>
/// Content negotiation of <c>/ogc</c> (OGC API – Features Part 1, 7.8): <c>f=json|html</c> (<c>geojson</c> for features)
/// decides when given; otherwise the Accept header, HTML only when it ranks <c>text/html</c> above every JSON type —
/// a browser (<c>text/html,…,*/*;q=0.8</c>) gets HTML, GDAL and QGIS (<c>application/geo+json, application/json</c>),
/// OWSLib and curl (<c>*/*</c>) and a request without Accept get JSON, the default.
/// </summary>
internal static class OgcNegotiation
{
    public static OgcEncoding Negotiate(HttpRequest request, QueryErrors errors, bool features = false)
    {
        // Caches must keep the two encodings of one URL apart.
        request.HttpContext.Response.Headers.Vary = HeaderNames.Accept;
        var f = request.Query["f"];
        if (f.Count > 1)
        {
            errors.Add("f", $"f is given {f.Count} times; give it once.");
            return OgcEncoding.Json;
        }
        switch (f.FirstOrDefault())
        {
            case null: return PrefersHtml(request) ? OgcEncoding.Html : OgcEncoding.Json;
            case "html": return OgcEncoding.Html;
            case "json": return OgcEncoding.Json;
            case "geojson" when features: return OgcEncoding.Json;
            case var other:
                errors.Add("f", $"f must be {(features ? "json, geojson" : "json")} or html (the encodings served), not '{OgcItemsQuery.Short(other)}'.");
                return OgcEncoding.Json;
        }
    }

    /// <summary>Refuses an <c>f</c> other than <paramref name="only"/> (resources served in one encoding: tiles, TileMatrixSets).</summary>
    public static void Only(HttpRequest request, string only, QueryErrors errors)
    {
        foreach (var value in request.Query["f"])
            if (value != only) errors.Add("f", $"f must be {only} (the only encoding of this resource), not '{OgcItemsQuery.Short(value ?? "")}'.");
    }

    private static bool PrefersHtml(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted)) return false;
        double html = 0, json = 0;
        foreach (var type in accepted)
        {
            var q = type.Quality ?? 1;
            var name = type.MediaType.Value ?? "";
            if (name is "text/html" or "application/xhtml+xml") html = Math.Max(html, q);
            else if (name is "*/*" or "application/*" || name.EndsWith("json", StringComparison.OrdinalIgnoreCase)) json = Math.Max(json, q);
        }
        return html > json;
    }

    /// <summary>The request's own absolute URL with <c>f</c> set to <paramref name="f"/> (the alternate of a page).</summary>
    public static string Alternate(HttpRequest request, string f)
    {
        var query = request.Query.Where(p => p.Key != "f")
            .SelectMany(p => p.Value.Select(v => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(v ?? "")}"))
            .Append($"f={f}");
        return $"{OgcApi.Base(request)}{request.Path}?{string.Join('&', query)}";
    }

    /// <summary><paramref name="url"/> (a link of ours, without <c>f</c>) asking for HTML.</summary>
    public static string AsHtml(string url) => url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "f=html";
}
