using System.Globalization;
using LandMap.Server.Parcels;
using LandMap.Server.Problems;
using NetTopologySuite.Geometries;

namespace LandMap.Server.Ogc;

/// <summary>
/// The query of <c>/ogc/collections/{id}/items</c> (OGC API – Features Part 1): <c>limit</c> (1–10000, default 100),
/// <c>offset</c> (what the next links use), <c>bbox</c> (CRS84), <c>datetime</c> on the plan year, and equality filters on
/// the collection's queryable properties. Every bad or unknown parameter is a 400 naming it; nothing is ignored, so a
/// client never takes an unfiltered answer for a filtered one.
/// </summary>
public sealed record OgcItemsQuery(int Limit, int Offset, Envelope? Bbox, int? YearFrom, int? YearTo, IReadOnlyDictionary<string, string> Properties)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 10_000;

    // Parameters of Part 1 every items request may carry; f=json|geojson is accepted for clients that add it.
    private static readonly string[] Standard = ["limit", "offset", "bbox", "datetime", "f"];

    public static OgcItemsQuery Parse(IQueryCollection query, IReadOnlyCollection<string> queryables, QueryErrors errors)
    {
        foreach (var key in query.Keys.Where(k => !Standard.Contains(k, StringComparer.Ordinal) && !queryables.Contains(k)))
            errors.Add(key, $"'{Short(key)}' is not a parameter of this collection; use {string.Join(", ", Standard.Concat(queryables))}.");
        foreach (var (key, values) in query.Where(p => p.Value.Count > 1))
            errors.Add(key, $"{Short(key)} is given {values.Count} times; give it once.");
        if (query["f"].FirstOrDefault() is { } f && f is not ("json" or "geojson"))
            errors.Add("f", $"f must be json or geojson (the only encodings served), not '{Short(f)}'.");

        var limit = Int(query, "limit", DefaultLimit, 1, MaxLimit, errors);
        var offset = Int(query, "offset", 0, 0, int.MaxValue, errors);
        var bbox = ParcelQuery.ParseBbox(query["bbox"].FirstOrDefault(), errors);
        var (from, to) = Datetime(query["datetime"].FirstOrDefault(), errors);
        var properties = queryables.Where(q => !string.IsNullOrWhiteSpace(query[q].FirstOrDefault()))
            .ToDictionary(q => q, q => query[q].First()!.Trim(), StringComparer.Ordinal);
        return new OgcItemsQuery(limit, offset, bbox, from, to, properties);
    }

    /// <summary>
    /// A datetime instant or interval (RFC 3339; ".." or empty for an open end) as the plan years it meets: a parcel's
    /// time is its plan year, 1 January to 31 December.
    /// </summary>
    internal static (int? From, int? To) Datetime(string? text, QueryErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return (null, null);
        var parts = text.Split('/');
        if (parts.Length > 2)
        {
            errors.Add("datetime", $"datetime is an instant or start/end, not '{Short(text)}'.");
            return (null, null);
        }
        var start = Year(parts[0], open: parts.Length == 2, errors);
        var end = parts.Length == 2 ? Year(parts[1], open: true, errors) : start;
        if (errors.Any) return (null, null);
        if (parts.Length == 2 && start is null && end is null)
        {
            errors.Add("datetime", "datetime '../..' leaves both ends open; give at least one.");
            return (null, null);
        }
        if (start > end) errors.Add("datetime", $"datetime starts ({parts[0]}) after it ends ({parts[1]}).");
        return (start, end);
    }

    private static int? Year(string part, bool open, QueryErrors errors)
    {
        if (open && (part.Length == 0 || part == "..")) return null;
        var styles = DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal;
        if (DateTimeOffset.TryParse(part, CultureInfo.InvariantCulture, styles, out var instant) && part.Length >= 10 && char.IsAsciiDigit(part[0]))
            return instant.Year;
        errors.Add("datetime", $"datetime '{Short(part)}' is not an RFC 3339 date or date-time (2023-01-01 or 2023-01-01T00:00:00Z) nor '..'.");
        return null;
    }

    private static int Int(IQueryCollection query, string name, int fallback, int min, int max, QueryErrors errors)
    {
        var value = query[name].FirstOrDefault();
        if (string.IsNullOrWhiteSpace(value)) return fallback;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max) return n;
        errors.Add(name, $"{name} must be a whole number from {min} to {max}, not '{Short(value)}'.");
        return fallback;
    }

    private static string Short(string text) => text.Length > 60 ? text[..60] + "…" : text;
}
