using System.Globalization;
using System.Text;
using NetTopologySuite.IO;

namespace LandMap.Core.Filtering;

/// <summary>
/// Writes a filter as CQL2 text that <see cref="CqlParser"/> reads back to the same tree: every AND, OR and NOT in
/// parentheses, names quoted when they are no plain identifier, numbers in round-trip form, geometries as WKT.
/// </summary>
public static class CqlWriter
{
    /// <summary>The CQL2 text of <paramref name="expression"/>.</summary>
    public static string ToText(CqlExpression expression)
    {
        var text = new StringBuilder();
        Write(text, expression);
        return text.ToString();
    }

    private static void Write(StringBuilder text, CqlExpression e)
    {
        switch (e)
        {
            case CqlAnd a: text.Append('('); Write(text, a.Left); text.Append(" AND "); Write(text, a.Right); text.Append(')'); break;
            case CqlOr o: text.Append('('); Write(text, o.Left); text.Append(" OR "); Write(text, o.Right); text.Append(')'); break;
            case CqlNot n: text.Append("NOT ("); Write(text, n.Operand); text.Append(')'); break;
            case CqlCompare c: text.Append(Name(c.Property)).Append(' ').Append(Operator(c.Op)).Append(' ').Append(Literal(c.Value)); break;
            case CqlLike l: text.Append(Name(l.Property)).Append(" LIKE ").Append(Literal(l.Pattern)); break;
            case CqlBetween b: text.Append(Name(b.Property)).Append(" BETWEEN ").Append(Literal(b.Low)).Append(" AND ").Append(Literal(b.High)); break;
            case CqlIn i: text.Append(Name(i.Property)).Append(" IN (").AppendJoin(", ", i.Values.Select(Literal)).Append(')'); break;
            case CqlIsNull n: text.Append(Name(n.Property)).Append(" IS NULL"); break;
            case CqlIntersects s: text.Append("S_INTERSECTS(").Append(Name(s.Property)).Append(", ").Append(new WKTWriter().Write(s.Geometry)).Append(')'); break;
            default: throw new ArgumentException($"Unknown CQL node {e.GetType().Name}.", nameof(e));
        }
    }

    /// <summary>The operator's CQL2 spelling.</summary>
    public static string Operator(CqlComparison op) => op switch
    {
        CqlComparison.Equal => "=",
        CqlComparison.NotEqual => "<>",
        CqlComparison.Less => "<",
        CqlComparison.LessOrEqual => "<=",
        CqlComparison.Greater => ">",
        _ => ">=",
    };

    private static string Name(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c is '_' or '.' or ':')
            && !CqlParser.IsKeyword(name)
            ? name
            : "\"" + name.Replace("\"", "\"\"") + "\"";

    private static string Literal(object value) => value switch
    {
        string s => "'" + s.Replace("'", "''") + "'",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"A CQL literal is a string or a double, not {value.GetType().Name}.", nameof(value)),
    };
}
