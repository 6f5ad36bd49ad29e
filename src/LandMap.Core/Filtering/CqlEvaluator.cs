using System.Text;
using System.Text.RegularExpressions;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace LandMap.Core.Filtering;

/// <summary>
/// Evaluates a filter on one feature in memory, with SQL's three-valued logic so that it agrees with the stores: a
/// predicate on a missing (null) value is unknown, NOT unknown is unknown, and only a true filter keeps the feature.
/// Text compares by Unicode code point (SQLite's BINARY, PostgreSQL's "C" collation); numbers as doubles.
/// </summary>
public sealed class CqlEvaluator
{
    private readonly CqlExpression _filter;
    private readonly Dictionary<string, Regex> _patterns = [];
    private readonly Dictionary<Geometry, IPreparedGeometry> _prepared = new(ReferenceEqualityComparer.Instance);

    /// <summary>An evaluator of <paramref name="filter"/> (it keeps compiled patterns and prepared geometries for many features).</summary>
    public CqlEvaluator(CqlExpression filter) => _filter = filter;

    /// <summary>Whether <paramref name="filter"/> holds for the feature whose properties <paramref name="read"/> returns.</summary>
    public static bool Matches(CqlExpression filter, Func<string, object?> read) => new CqlEvaluator(filter).Matches(read);

    /// <summary>
    /// Whether the filter holds (true, not unknown). <paramref name="read"/> gives a property's value: a string, a number
    /// (any numeric type), a WGS 84 <see cref="Geometry"/> for the geometry property, or null.
    /// </summary>
    public bool Matches(Func<string, object?> read) => Evaluate(_filter, read) == true;

    /// <summary>The three-valued result: true, false, or null for unknown.</summary>
    public bool? Evaluate(CqlExpression e, Func<string, object?> read)
    {
        switch (e)
        {
            case CqlAnd a:
            {
                var left = Evaluate(a.Left, read);
                if (left == false) return false;
                var right = Evaluate(a.Right, read);
                return right == false ? false : left == true && right == true ? true : null;
            }
            case CqlOr o:
            {
                var left = Evaluate(o.Left, read);
                if (left == true) return true;
                var right = Evaluate(o.Right, read);
                return right == true ? true : left == false && right == false ? false : null;
            }
            case CqlNot n:
                return !Evaluate(n.Operand, read);
            case CqlIsNull n:
                return read(n.Property) is null;
            case CqlCompare c:
                return Compare(read(c.Property), c.Value) is { } order ? c.Op switch
                {
                    CqlComparison.Equal => order == 0,
                    CqlComparison.NotEqual => order != 0,
                    CqlComparison.Less => order < 0,
                    CqlComparison.LessOrEqual => order <= 0,
                    CqlComparison.Greater => order > 0,
                    _ => order >= 0,
                } : null;
            case CqlBetween b:
                return Number(read(b.Property)) is { } v ? v >= b.Low && v <= b.High : null;
            case CqlIn i:
            {
                var value = read(i.Property);
                return value is null ? null : i.Values.Any(candidate => Compare(value, candidate) == 0);
            }
            case CqlLike l:
                return read(l.Property) is string text ? Pattern(l.Pattern).IsMatch(text) : null;
            case CqlIntersects s:
                return read(s.Property) is Geometry g ? Prepared(s.Geometry).Intersects(g) : null;
            default:
                throw new ArgumentException($"Unknown CQL node {e.GetType().Name}.", nameof(e));
        }
    }

    private static int? Compare(object? value, object literal) => (value, literal) switch
    {
        (null, _) => null,
        (string s, string t) => Encoding.UTF8.GetBytes(s).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(t)),
        (_, double d) when Number(value) is { } v => v.CompareTo(d),
        _ => throw new ArgumentException($"Cannot compare {value.GetType().Name} with {literal.GetType().Name}: the parser checks types."),
    };

    private static double? Number(object? value) => value switch
    {
        null => null,
        double d => d,
        int i => i,
        long l => l,
        float f => f,
        decimal m => (double)m,
        _ => null,
    };

    private Regex Pattern(string pattern)
    {
        if (!_patterns.TryGetValue(pattern, out var regex)) _patterns[pattern] = regex = CqlLikePattern.ToRegex(pattern);
        return regex;
    }

    private IPreparedGeometry Prepared(Geometry geometry)
    {
        if (!_prepared.TryGetValue(geometry, out var prepared)) _prepared[geometry] = prepared = PreparedGeometryFactory.Prepare(geometry);
        return prepared;
    }
}
