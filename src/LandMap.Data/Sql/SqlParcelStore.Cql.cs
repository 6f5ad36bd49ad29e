using System.Data.Common;
using System.Text;
using LandMap.Core.Filtering;
using NetTopologySuite.Geometries;

namespace LandMap.Data.Sql;

/// <summary>
/// CQL2 filters as SQL: property names only through an allow-list (<see cref="ParcelFilterFields"/> for parcels, a layer's
/// own fields for its features, <see cref="Layers.LayerFilterFields"/>), every literal a parameter, chains of
/// AND/OR written as balanced trees (SQLite refuses expressions nested 1,000 deep), and S_INTERSECTS through the store's own
/// spatial test. Where that test is only an envelope test (<see cref="IntersectsIsExact"/> false: SQLite's R*Tree), the SQL
/// is a superset — an envelope test where the predicate counts positively, "false" under an odd number of NOTs — and the
/// rows are refined with <see cref="CqlEvaluator"/> in memory, so counts and pages are exact either way.
/// </summary>
public abstract partial class SqlParcelStore
{
    /// <summary>SQL for <c>column LIKE parameter</c> (case-sensitive; PostgreSQL's LIKE with <c>\</c> as escape).</summary>
    protected virtual string CqlLikeSql(string column, string parameter) => $"{column} LIKE {parameter} ESCAPE '\\'";

    /// <summary>The bound pattern value for <see cref="CqlLikeSql"/>.</summary>
    protected virtual string CqlLikeValue(string pattern) => CqlLikePattern.ToSqlLike(pattern);

    /// <summary>A text expression ordered by code point (&lt;, &gt; on text): PostgreSQL needs the "C" collation.</summary>
    protected virtual string CqlCodePointOrder(string expression) => expression;

    /// <summary>A number rounded to <paramref name="digits"/> decimals, half away from zero.</summary>
    protected virtual string CqlRound(string expression, int digits) => $"ROUND({expression}, {digits})";

    /// <summary>Whether the rows of <paramref name="query"/> must be refined in memory after SQL.</summary>
    private protected bool NeedsRefinement(ParcelQuery query) =>
        !IntersectsIsExact && (query.Intersects is not null || (query.Filter is { } f && CqlTree.HasSpatial(f)));

    /// <summary>The exact test of a candidate row: the intersects area and the CQL filter, evaluated in memory.</summary>
    private protected static Func<ParcelRecord, bool> Refinement(ParcelQuery query, Geometry? area)
    {
        var evaluator = query.Filter is { } filter ? new CqlEvaluator(filter) : null;
        return p => (area is null || (p.Geometry is { } g && g.Intersects(area)))
            && (evaluator is null || evaluator.Matches(name => ParcelFilterFields.Get(name).Read(p)));
    }

    /// <summary>A property a filter may name, as SQL: its expression, what it compares with, and the decimals it is rounded to.</summary>
    private protected sealed record CqlColumn(string Sql, CqlType Type, int? RoundDigits = null);

    /// <summary>
    /// What a filter is written over: its properties (<paramref name="Column"/> throws for a name outside the allow-list), a
    /// condition true where the geometry intersects @area (needed only where <see cref="IntersectsIsExact"/>), and an
    /// envelope condition on @bb_min_x … @bb_max_y.
    /// </summary>
    private protected sealed record CqlTarget(Func<string, CqlColumn> Column, string? IntersectsSql, string BoxSql);

    private CqlTarget ParcelTarget => new(ParcelColumn, IntersectsFilterSql, BoxFilterSql);

    private static CqlColumn ParcelColumn(string name)
    {
        var field = ParcelFilterFields.Get(name);
        return new CqlColumn(field.Sql, field.Type, field.RoundDigits);
    }

    /// <summary>
    /// Before an inexact spatial filter is refined in memory: how many rows the envelope test lets through
    /// (<paramref name="countSql"/>, the query's COUNT), refused over <see cref="FilterTooBroadException.MaxCandidates"/>.
    /// </summary>
    private protected async Task CheckRefinementAsync(DbConnection c, string countSql, List<(string, object?)> parameters, CancellationToken ct)
    {
        var candidates = Convert.ToInt64(await Command(c, null, countSql, [.. parameters]).ExecuteScalarAsync(ct));
        if (candidates > FilterTooBroadException.MaxCandidates) throw new FilterTooBroadException(candidates);
    }

    private void AppendCql(StringBuilder sql, List<(string, object?)> parameters, CqlExpression filter) =>
        AppendCql(sql, parameters, filter, ParcelTarget);

    private protected void AppendCql(StringBuilder sql, List<(string, object?)> parameters, CqlExpression filter, CqlTarget target) =>
        new CqlSqlWriter(this, target, sql, parameters).Write(filter, positive: true);

    private sealed class CqlSqlWriter(SqlParcelStore store, CqlTarget target, StringBuilder sql, List<(string, object?)> parameters)
    {
        private int _next;

        private string Bind(object value)
        {
            var name = "cql" + _next++;
            parameters.Add((name, value));
            return "@" + name;
        }

        public void Write(CqlExpression e, bool positive)
        {
            switch (e)
            {
                case CqlAnd or CqlOr:
                    var chain = Chain(e);
                    Balanced(chain, 0, chain.Count, e is CqlAnd ? " AND " : " OR ", positive);
                    break;
                case CqlNot n:
                    sql.Append("NOT (");
                    Write(n.Operand, !positive);
                    sql.Append(')');
                    break;
                case CqlIsNull n:
                    sql.Append('(').Append(Column(n.Property, out _)).Append(" IS NULL)");
                    break;
                case CqlCompare c:
                {
                    var column = Column(c.Property, out var field);
                    var ordered = c.Op is not (CqlComparison.Equal or CqlComparison.NotEqual) && field.Type == CqlType.String;
                    sql.Append('(').Append(ordered ? store.CqlCodePointOrder(column) : column).Append(' ').Append(CqlWriter.Operator(c.Op)).Append(' ')
                        .Append(Bind(Value(field, c.Value))).Append(')');
                    break;
                }
                case CqlLike l:
                    sql.Append('(').Append(store.CqlLikeSql(Column(l.Property, out _), Bind(store.CqlLikeValue(l.Pattern)))).Append(')');
                    break;
                case CqlBetween b:
                {
                    var column = Column(b.Property, out var field);
                    sql.Append('(').Append(column).Append(" BETWEEN ").Append(Bind(Value(field, b.Low))).Append(" AND ").Append(Bind(Value(field, b.High))).Append(')');
                    break;
                }
                case CqlIn i:
                {
                    var column = Column(i.Property, out var field);
                    sql.Append('(').Append(column).Append(" IN (").AppendJoin(", ", i.Values.Select(v => Bind(Value(field, v)))).Append("))");
                    break;
                }
                case CqlIntersects s:
                    Column(s.Property, out _);
                    Intersects(s.Geometry, positive);
                    break;
                default:
                    throw new ArgumentException($"Unknown CQL node {e.GetType().Name}.", nameof(e));
            }
        }

        private void Intersects(Geometry geometry, bool positive)
        {
            var name = "cql" + _next++;
            if (store.IntersectsIsExact)
            {
                var copy = geometry.Copy();
                copy.SRID = 4326;
                parameters.Add((name, copy));
                var exact = target.IntersectsSql ?? throw new InvalidOperationException("An exact store names its intersects test.");
                sql.Append('(').Append(exact.Replace("@area", "@" + name, StringComparison.Ordinal)).Append(')');
            }
            else if (positive)
            {
                sql.Append('(').Append(target.BoxSql.Replace("@bb_", $"@{name}_", StringComparison.Ordinal)).Append(')');
                parameters.AddRange(BoxParameters(geometry.EnvelopeInternal).Select(p => (p.Item1.Replace("bb_", name + "_", StringComparison.Ordinal), p.Item2)));
            }
            // Under NOT an envelope test would drop rows the exact test keeps; "false" there keeps them all for refinement.
            else sql.Append("(1 = 0)");
        }

        // a AND b AND c … as one list (without recursion: a chain may be a thousand long).
        private static List<CqlExpression> Chain(CqlExpression e)
        {
            var type = e.GetType();
            var items = new List<CqlExpression>();
            var stack = new Stack<CqlExpression>([e]);
            while (stack.Count > 0)
            {
                var node = stack.Pop();
                if (node.GetType() != type) { items.Add(node); continue; }
                var (left, right) = node switch
                {
                    CqlAnd a => (a.Left, a.Right),
                    CqlOr o => (o.Left, o.Right),
                    _ => throw new ArgumentException("Only AND and OR chain.", nameof(e)),
                };
                stack.Push(right);
                stack.Push(left);
            }
            return items;
        }

        private void Balanced(List<CqlExpression> items, int from, int to, string junction, bool positive)
        {
            if (to - from == 1) { Write(items[from], positive); return; }
            var middle = (from + to) / 2;
            sql.Append('(');
            Balanced(items, from, middle, junction, positive);
            sql.Append(junction);
            Balanced(items, middle, to, junction, positive);
            sql.Append(')');
        }

        private string Column(string property, out CqlColumn field)
        {
            field = target.Column(property);
            return field.RoundDigits is { } digits ? store.CqlRound(field.Sql, digits) : field.Sql;
        }

        // Whole numbers of an integer column are bound as integers (exact, and PostgreSQL then compares integers).
        private static object Value(CqlColumn field, object literal) =>
            field.Type == CqlType.Integer && literal is double d && Math.Abs(d) < 9e15 && d == Math.Floor(d) ? (long)d : literal;
    }
}
