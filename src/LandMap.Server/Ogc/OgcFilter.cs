using System.Globalization;
using LandMap.Core.Filtering;
using LandMap.Server.Problems;

namespace LandMap.Server.Ogc;

/// <summary>
/// The filter of an items request (OGC API – Features Part 3): the queryables given as parameters (<c>planYear=2023</c>,
/// each an equality) and <c>filter</c> in CQL2 text (<c>filter-lang=cql2-text</c>, the default; <c>cql-text</c>, the draft's
/// name GDAL 3.6 sends, is the same text), its geometries in <c>filter-crs</c> (CRS84 unless given). Both are ANDed into
/// one tree; any part LandMap cannot evaluate is a 400 naming the parameter and the token, never an unfiltered answer.
/// </summary>
internal static class OgcFilter
{
    /// <summary>The filter languages accepted (and advertised in the OpenAPI document).</summary>
    public static readonly string[] Languages = ["cql2-text", "cql-text"];

    public static CqlExpression? Parse(IQueryCollection query, IReadOnlyList<OgcQueryable> queryables, QueryErrors errors)
    {
        CqlExpression? filter = null;
        foreach (var q in queryables.Where(q => q.CqlType != CqlType.Geometry))
        {
            if (query[q.Name].FirstOrDefault()?.Trim() is not { Length: > 0 } text) continue;
            if (Literal(q, text, errors) is { } value) filter = CqlTree.And(filter, new CqlCompare(q.Name, CqlComparison.Equal, value));
        }

        var language = query["filter-lang"].FirstOrDefault();
        if (language is not null && !Languages.Contains(language))
            errors.Add("filter-lang", $"filter-lang '{OgcItemsQuery.Short(language)}' is not served; use cql2-text (the default).");
        var crsText = query["filter-crs"].FirstOrDefault();
        if (query["filter"].FirstOrDefault() is not { } cql)
        {
            if (crsText is not null) errors.Add("filter-crs", "filter-crs is given without a filter.");
            return filter;
        }
        var crs = OgcItemsQuery.ParseCrs("filter-crs", crsText, errors);
        var parsed = CqlParser.Parse(cql, queryables.ToDictionary(q => q.Name, q => q.CqlType, StringComparer.Ordinal));
        if (parsed.Error is { } error)
        {
            errors.Add("filter", $"filter {error}");
            return null;
        }
        var outside = false;
        var expression = CqlTree.MapGeometries(parsed.Expression!, g =>
        {
            if (crs.ToCrs84(g) is { } wgs84) return wgs84;
            outside = true;
            return g;
        });
        if (outside)
            errors.Add("filter", $"a geometry of the filter lies outside the area where {crs.Name} is defined; give its coordinates in filter-crs " +
                $"({crs.Uri}) and its axis order ({crs.Domain.MinX}..{crs.Domain.MaxX}, {crs.Domain.MinY}..{crs.Domain.MaxY}).");
        return CqlTree.And(filter, expression);
    }

    private static object? Literal(OgcQueryable q, string text, QueryErrors errors)
    {
        if (q.CqlType == CqlType.String)
        {
            if (q.Values is null || q.Values.Contains(text)) return text;
            errors.Add(q.Name, $"{q.Name} '{OgcItemsQuery.Short(text)}' is not one of {string.Join(", ", q.Values)}.");
            return null;
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            && (q.CqlType != CqlType.Integer || number == Math.Floor(number)))
            return number;
        errors.Add(q.Name, q.CqlType == CqlType.Integer
            ? $"{q.Name} must be a whole number (such as 2023), not '{OgcItemsQuery.Short(text)}'."
            : $"{q.Name} must be a number, not '{OgcItemsQuery.Short(text)}'.");
        return null;
    }
}
