using System.Globalization;
using LandMap.Core.Filtering;
using LandMap.Server.Parcels;
using LandMap.Server.Problems;
using NetTopologySuite.Geometries;

namespace LandMap.Server.Ogc;

/// <summary>
/// The query of <c>/ogc/collections/{id}/items</c> (OGC API – Features Part 1): <c>limit</c> (1–10000, default 100),
/// <c>offset</c> (what the next links use), <c>bbox</c> (CRS84), <c>datetime</c> on the plan year, and (Part 3,
/// <see cref="OgcFilter"/>) equality filters on the collection's queryable properties and a CQL2 <c>filter</c>. Every bad or
/// unknown parameter is a 400 naming it; nothing is ignored, so a client never takes an unfiltered answer for a filtered one.
/// </summary>
public sealed record OgcItemsQuery(int Limit, int Offset, Envelope? Bbox, int? YearFrom, int? YearTo)
{
    /// <summary>The CRS of the response's geometries (<c>crs</c>; CRS84 unless asked).</summary>
    public OgcCrs Crs { get; init; } = OgcCrs.Crs84;

    /// <summary>The queryable parameters and the CQL2 filter, ANDed (null when neither is given); geometries in CRS84.</summary>
    public CqlExpression? Filter { get; init; }

    public const int DefaultLimit = 100;
    public const int MaxLimit = 10_000;

    // Parameters of Part 1 every items request may carry; f=json|geojson is accepted for clients that add it.
    private static readonly string[] Standard = ["limit", "offset", "bbox", "bbox-crs", "datetime", "crs", "f", "filter", "filter-lang", "filter-crs"];

    public static OgcItemsQuery Parse(IQueryCollection query, IReadOnlyList<OgcQueryable> collectionQueryables, QueryErrors errors)
    {
        var queryables = collectionQueryables.Where(q => q.CqlType != CqlType.Geometry).Select(q => q.Name).ToList();
        foreach (var key in query.Keys.Where(k => !Standard.Contains(k, StringComparer.Ordinal) && !queryables.Contains(k)))
            errors.Add(key, $"'{Short(key)}' is not a parameter of this collection; use {string.Join(", ", Standard.Concat(queryables))}.");
        foreach (var (key, values) in query.Where(p => p.Value.Count > 1))
            errors.Add(key, $"{Short(key)} is given {values.Count} times; give it once.");
        // f (json, geojson, html) is checked with the Accept header by OgcNegotiation.

        var limit = ParcelQuery.ParseInt("limit", query["limit"].FirstOrDefault(), DefaultLimit, 1, MaxLimit, errors);
        var offset = ParcelQuery.ParseInt("offset", query["offset"].FirstOrDefault(), 0, 0, int.MaxValue, errors);
        var crs = ParseCrs("crs", query["crs"].FirstOrDefault(), errors);
        var bboxCrs = ParseCrs("bbox-crs", query["bbox-crs"].FirstOrDefault(), errors);
        var bbox = bboxCrs == OgcCrs.Crs84
            ? ParcelQuery.ParseBbox(query["bbox"].FirstOrDefault(), errors)
            : ProjectedBbox(query["bbox"].FirstOrDefault(), bboxCrs, errors);
        var (from, to) = Datetime(query["datetime"].FirstOrDefault(), errors);
        return new OgcItemsQuery(limit, offset, bbox, from, to) { Crs = crs, Filter = OgcFilter.Parse(query, collectionQueryables, errors) };
    }

    /// <summary>The CRS a parameter names (CRS84 when absent); a CRS not served is an error naming the parameter and the ones served.</summary>
    internal static OgcCrs ParseCrs(string parameter, string? value, QueryErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return OgcCrs.Crs84;
        if (OgcCrs.Parse(value) is { } crs) return crs;
        errors.Add(parameter, $"{parameter} '{Short(value)}' is not served; use one of {string.Join(", ", OgcCrs.All.Select(c => c.Uri))}.");
        return OgcCrs.Crs84;
    }

    // A bbox in the axis order of its bbox-crs (lat,lon for EPSG:4326; X north, Y east for EPSG:4547), as the CRS84 box covering it.
    private static Envelope? ProjectedBbox(string? text, OgcCrs crs, QueryErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add("bbox-crs", "bbox-crs is given without a bbox.");
            return null;
        }
        var parts = text.Split(',');
        var values = new List<double>();
        foreach (var part in parts)
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
            {
                errors.Add("bbox", $"bbox value '{Short(part)}' is not a number.");
                return null;
            }
            values.Add(v);
        }
        if (values.Count != 4 || values[0] > values[2] || values[1] > values[3])
        {
            errors.Add("bbox", $"bbox needs 4 numbers min1,min2,max1,max2 in the axis order of {crs.Name}, minimum before maximum.");
            return null;
        }
        var given = new Envelope(values[0], values[2], values[1], values[3]);
        if (!crs.Domain.Contains(given))
        {
            errors.Add("bbox", $"bbox lies outside the area where {crs.Name} is defined ({crs.Domain.MinX}..{crs.Domain.MaxX}, {crs.Domain.MinY}..{crs.Domain.MaxY}).");
            return null;
        }
        var box = crs.ToCrs84(given);
        if (box.IsNull || !double.IsFinite(box.MinX) || !double.IsFinite(box.MaxX) || !double.IsFinite(box.MinY) || !double.IsFinite(box.MaxY)
            || box.MinX < -180 || box.MaxX > 180 || box.MinY < -90 || box.MaxY > 90)
        {
            errors.Add("bbox", $"bbox lies outside the area where {crs.Name} is defined.");
            return null;
        }
        return box;
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

    internal static string Short(string text) => text.Length > 60 ? text[..60] + "…" : text;
}
