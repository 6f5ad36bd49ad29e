using CsCheck;
using LandMap.Core.Filtering;
using NetTopologySuite.Geometries;

namespace LandMap.Tests.Shared.Cql;

/// <summary>What random filters are made of: the queryables, and literals, LIKE patterns and geometries near the data.</summary>
public sealed record CqlDomain(IReadOnlyDictionary<string, CqlType> Schema, Func<string, CqlType, Gen<object>> Literal, Gen<string> Pattern, Gen<Geometry> Geometry);

/// <summary>Random CQL2 filter trees, and a deterministic run of a generator from a fixed seed.</summary>
public static class CqlGenerators
{
    private static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);

    /// <summary>Trees of predicates over <paramref name="domain"/>, AND/OR/NOT nested up to <paramref name="depth"/> levels.</summary>
    public static Gen<CqlExpression> Filter(CqlDomain domain, int depth = 4)
    {
        var scalars = domain.Schema.Where(p => p.Value != CqlType.Geometry).Select(p => p.Key).ToArray();
        var texts = domain.Schema.Where(p => p.Value == CqlType.String).Select(p => p.Key).ToArray();
        var numbers = domain.Schema.Where(p => p.Value is CqlType.Integer or CqlType.Number).Select(p => p.Key).ToArray();
        var geometries = domain.Schema.Where(p => p.Value == CqlType.Geometry).Select(p => p.Key).ToArray();
        var all = domain.Schema.Keys.ToArray();
        Gen<object> Literal(string p) => domain.Literal(p, domain.Schema[p]);

        var leaves = new List<(int, IGen<CqlExpression>)>
        {
            (4, Gen.OneOf(scalars).SelectMany(p => Gen.Select(Gen.Int[0, 5], Literal(p), (op, v) => (CqlExpression)new CqlCompare(p, (CqlComparison)op, v)))),
            (1, Gen.OneOf(all).Select(p => (CqlExpression)new CqlIsNull(p))),
            (2, Gen.OneOf(scalars).SelectMany(p => Literal(p).Array[1, 4].Select(v => (CqlExpression)new CqlIn(p, v)))),
        };
        if (texts.Length > 0) leaves.Add((2, Gen.OneOf(texts).SelectMany(p => domain.Pattern.Select(x => (CqlExpression)new CqlLike(p, x)))));
        if (numbers.Length > 0)
            leaves.Add((2, Gen.OneOf(numbers).SelectMany(p => Gen.Select(Literal(p), Literal(p), (a, b) => (CqlExpression)new CqlBetween(p, (double)a, (double)b)))));
        if (geometries.Length > 0) leaves.Add((2, Gen.OneOf(geometries).SelectMany(p => domain.Geometry.Select(g => (CqlExpression)new CqlIntersects(p, g)))));
        var leaf = Gen.Frequency([.. leaves]);

        var level = leaf;
        for (var i = 0; i < depth; i++)
        {
            var below = level;
            level = Gen.Frequency(
                (3, leaf),
                (2, Gen.Select(below, below, (l, r) => (CqlExpression)new CqlAnd(l, r))),
                (2, Gen.Select(below, below, (l, r) => (CqlExpression)new CqlOr(l, r))),
                (1, below.Select(e => (CqlExpression)new CqlNot(e))));
        }
        return level;
    }

    /// <summary>A point or an axis-parallel box with corners on a 1e-5° grid inside <paramref name="area"/>.</summary>
    public static Gen<Geometry> PointOrBox(Envelope area) =>
        Gen.Select(Gen.Double[area.MinX, area.MaxX], Gen.Double[area.MinY, area.MaxY], Gen.Double[0, area.Width / 3], Gen.Double[0, area.Height / 3], Gen.Bool)
            .Select((x, y, w, h, point) =>
            {
                var (x0, y0) = (Math.Round(x, 5), Math.Round(y, 5));
                return point
                    ? Wgs84.CreatePoint(new Coordinate(x0, y0))
                    : Wgs84.ToGeometry(new Envelope(x0, Math.Round(x + w, 5) + 1e-5, y0, Math.Round(y + h, 5) + 1e-5));
            });

    /// <summary>
    /// LIKE patterns cut from <paramref name="texts"/> (the values the features hold, so patterns match some and miss
    /// some): a substring between two random points with its wildcards escaped, then %…%, …%, _…% or a pattern whose last
    /// character is a _ wildcard. Never half of a surrogate pair: a lone surrogate is no text (PostgreSQL refuses it).
    /// </summary>
    public static Gen<string> LikePattern(string[] texts) =>
        Gen.Select(Gen.OneOf(texts), Gen.Int[0, 100], Gen.Int[0, 100], Gen.Int[0, 3]).Select((text, a, b, kind) =>
        {
            var (from, to) = (Math.Min(a, b) * text.Length / 100, Math.Max(a, b) * text.Length / 100);
            if (from > 0 && char.IsLowSurrogate(text[from])) from--;
            if (to > 0 && to < text.Length && char.IsLowSurrogate(text[to])) to++;
            var part = text[from..to].Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
            return kind switch { 0 => "%" + part + "%", 1 => part + "%", 2 => "_" + part + "%", _ => part.Length > 0 && !char.IsLowSurrogate(part[^1]) ? "%" + part[..^1] + "_" : "%" };
        });
}
