using NetTopologySuite.Geometries;

namespace LandMap.Core.Filtering;

/// <summary>The type of a queryable property: what literals it may be compared with.</summary>
public enum CqlType
{
    /// <summary>Text: =, &lt;&gt;, &lt; … (by code point), LIKE, IN.</summary>
    String,
    /// <summary>A whole number (ids, years).</summary>
    Integer,
    /// <summary>Any number (areas, confidence).</summary>
    Number,
    /// <summary>The feature's geometry, WGS 84 lon/lat: S_INTERSECTS and IS NULL only.</summary>
    Geometry,
}

/// <summary>A binary comparison operator of Basic CQL2.</summary>
public enum CqlComparison
{
    /// <summary>=</summary>
    Equal,
    /// <summary>&lt;&gt;</summary>
    NotEqual,
    /// <summary>&lt;</summary>
    Less,
    /// <summary>&lt;=</summary>
    LessOrEqual,
    /// <summary>&gt;</summary>
    Greater,
    /// <summary>&gt;=</summary>
    GreaterOrEqual,
}

/// <summary>
/// A CQL2 filter as a small tree: property–literal predicates joined by AND, OR and NOT. Literals are a
/// <see cref="string"/> or a <see cref="double"/>; geometries are WGS 84 lon/lat. Property names are those the parser
/// checked against the collection's queryables, never free text for SQL.
/// </summary>
public abstract record CqlExpression;

/// <summary>Both sides hold.</summary>
public sealed record CqlAnd(CqlExpression Left, CqlExpression Right) : CqlExpression;

/// <summary>Either side holds.</summary>
public sealed record CqlOr(CqlExpression Left, CqlExpression Right) : CqlExpression;

/// <summary>The operand does not hold (unknown stays unknown, as in SQL).</summary>
public sealed record CqlNot(CqlExpression Operand) : CqlExpression;

/// <summary><c>property op literal</c>; the literal is a string for a string property, a double for a number.</summary>
public sealed record CqlCompare(string Property, CqlComparison Op, object Value) : CqlExpression;

/// <summary><c>property LIKE 'pattern'</c>: <c>%</c> any run, <c>_</c> one character, <c>\</c> escapes; case-sensitive.</summary>
public sealed record CqlLike(string Property, string Pattern) : CqlExpression;

/// <summary><c>property BETWEEN low AND high</c>, both ends included.</summary>
public sealed record CqlBetween(string Property, double Low, double High) : CqlExpression;

/// <summary><c>property IN (v1, v2 …)</c>.</summary>
public sealed record CqlIn(string Property, IReadOnlyList<object> Values) : CqlExpression
{
    /// <inheritdoc />
    public bool Equals(CqlIn? other) => other is not null && Property == other.Property && Values.SequenceEqual(other.Values);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Property, Values.Count);
}

/// <summary><c>property IS NULL</c>.</summary>
public sealed record CqlIsNull(string Property) : CqlExpression;

/// <summary><c>S_INTERSECTS(property, geometry)</c>, the geometry in WGS 84 lon/lat.</summary>
public sealed record CqlIntersects(string Property, Geometry Geometry) : CqlExpression
{
    /// <inheritdoc />
    public bool Equals(CqlIntersects? other) => other is not null && Property == other.Property && Geometry.EqualsExact(other.Geometry);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Property, Geometry.NumPoints);
}

/// <summary>Walks a tree without recursion (a filter may chain a thousand ANDs).</summary>
public static class CqlTree
{
    /// <summary>Every node of <paramref name="root"/>, parents before children.</summary>
    public static IEnumerable<CqlExpression> Nodes(CqlExpression root)
    {
        var stack = new Stack<CqlExpression>([root]);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            switch (node)
            {
                case CqlAnd a: stack.Push(a.Right); stack.Push(a.Left); break;
                case CqlOr o: stack.Push(o.Right); stack.Push(o.Left); break;
                case CqlNot n: stack.Push(n.Operand); break;
            }
        }
    }

    /// <summary>Whether the filter tests a geometry (stores without an exact spatial test refine such filters in memory).</summary>
    public static bool HasSpatial(CqlExpression root) => Nodes(root).Any(n => n is CqlIntersects);

    /// <summary>The tree with every S_INTERSECTS geometry mapped (for a filter-crs other than CRS84).</summary>
    public static CqlExpression MapGeometries(CqlExpression root, Func<Geometry, Geometry> map) => root switch
    {
        CqlAnd a => new CqlAnd(MapGeometries(a.Left, map), MapGeometries(a.Right, map)),
        CqlOr o => new CqlOr(MapGeometries(o.Left, map), MapGeometries(o.Right, map)),
        CqlNot n => new CqlNot(MapGeometries(n.Operand, map)),
        CqlIntersects s => s with { Geometry = map(s.Geometry) },
        _ => root,
    };

    /// <summary>Both filters (null when both are null).</summary>
    public static CqlExpression? And(CqlExpression? left, CqlExpression? right) =>
        left is null ? right : right is null ? left : new CqlAnd(left, right);
}
