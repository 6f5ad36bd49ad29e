using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using NetTopologySuite.Operation.Valid;

namespace LandMap.Core.Filtering;

/// <summary>
/// Parses CQL2 text (Basic CQL2, the advanced comparison operators LIKE, BETWEEN and IN, and S_INTERSECTS with a WKT or
/// BBOX literal) against a collection's queryable properties and their types. Every failure is a <see cref="CqlError"/>
/// value naming the position and token; nothing is thrown past <see cref="Parse"/>. Limits (<see cref="CqlLimits"/>) are
/// checked before the work: the length before tokenizing, nesting, terms and vertices while parsing, each WKT's size
/// before NetTopologySuite reads it.
/// </summary>
/// <remarks>
/// Only property-literal predicates (Basic CQL2); strings take '' for a quote (not \'), so a backslash always reaches LIKE.
/// </remarks>
public sealed class CqlParser
{
    private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "AND", "OR", "NOT", "LIKE", "BETWEEN", "IN", "IS", "NULL", "TRUE", "FALSE", "DATE", "TIMESTAMP", "INTERVAL", "BBOX",
        "POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION",
    };

    private static readonly HashSet<string> WktTypes = new(StringComparer.OrdinalIgnoreCase)
        { "POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION" };

    internal static bool IsKeyword(string word) => Keywords.Contains(word);

    // GEOMETRYCOLLECTION nesting; NTS's WKT reader recurses per level (RELIABILITY.md: deep nesting overflows the stack).
    private const int MaxWktNesting = 8;

    private static readonly NtsGeometryServices Wgs84 = new(new PrecisionModel(), 4326);

    private readonly string _text;
    private readonly List<Token> _tokens;
    private readonly IReadOnlyDictionary<string, CqlType> _properties;
    private readonly CqlLimits _limits;
    private int _at;
    private int _depth;
    private int _terms;
    private int _vertices;

    private CqlParser(string text, List<Token> tokens, IReadOnlyDictionary<string, CqlType> properties, CqlLimits limits)
    {
        _text = text;
        _tokens = tokens;
        _properties = properties;
        _limits = limits;
    }

    /// <summary>The filter of <paramref name="text"/>, or why it is refused.</summary>
    /// <param name="text">CQL2 text.</param>
    /// <param name="properties">The queryable properties by name (case-sensitive, as in the GeoJSON) and their types.</param>
    /// <param name="limits">Limits; <see cref="CqlLimits.Default"/> when null.</param>
    public static CqlParseResult Parse(string text, IReadOnlyDictionary<string, CqlType> properties, CqlLimits? limits = null)
    {
        limits ??= CqlLimits.Default;
        if (text.Length > limits.MaxLength)
            return Fail(CqlErrorKind.TooLarge, limits.MaxLength, text.Substring(limits.MaxLength, Math.Min(20, text.Length - limits.MaxLength)),
                $"the filter is {N(text.Length)} characters long; at most {N(limits.MaxLength)} are read");
        if (string.IsNullOrWhiteSpace(text)) return Fail(CqlErrorKind.Syntax, 0, "", "the filter is empty");
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(text[i])) return Fail(CqlErrorKind.Syntax, i, "", "half a surrogate pair is no Unicode text");
        }
        try
        {
            var parser = new CqlParser(text, CqlLexer.Tokenize(text), properties, limits);
            var expression = parser.ParseOr();
            if (parser.Peek.Kind != TokenKind.End) throw parser.Error(CqlErrorKind.Syntax, parser.Peek, "expected AND, OR or the end of the filter");
            return new CqlParseResult(expression, null);
        }
        catch (CqlException e)
        {
            return new CqlParseResult(null, e.Error);
        }
    }

    private static string N(int value) => value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    private static CqlParseResult Fail(CqlErrorKind kind, int position, string token, string message) => new(null, new CqlError(kind, position, token, message));

    private Token Peek => _tokens[_at];

    private Token PeekAt(int ahead) => _tokens[Math.Min(_at + ahead, _tokens.Count - 1)];

    private Token Next() => _tokens[_at < _tokens.Count - 1 ? _at++ : _at];

    private CqlException Error(CqlErrorKind kind, Token at, string message) => new(kind, at.Start, at.Text, message);

    private Token Expect(TokenKind kind, string what)
    {
        var t = Next();
        return t.Kind == kind ? t : throw Error(CqlErrorKind.Syntax, t, $"expected {what}");
    }

    private void Enter(Token at)
    {
        if (++_depth > _limits.MaxDepth) throw Error(CqlErrorKind.TooLarge, at, $"the filter nests deeper than {_limits.MaxDepth} levels of parentheses and NOT");
    }

    private void Count(Token at, int terms = 1)
    {
        _terms += terms;
        if (_terms > _limits.MaxTerms) throw Error(CqlErrorKind.TooLarge, at, $"the filter has more than {_limits.MaxTerms} predicates and values");
    }

    private CqlExpression ParseOr()
    {
        var left = ParseAnd();
        while (Peek.Is("OR"))
        {
            Next();
            left = new CqlOr(left, ParseAnd());
        }
        return left;
    }

    private CqlExpression ParseAnd()
    {
        var left = ParseNot();
        while (Peek.Is("AND"))
        {
            Next();
            left = new CqlAnd(left, ParseNot());
        }
        return left;
    }

    private CqlExpression ParseNot()
    {
        if (!Peek.Is("NOT")) return ParsePrimary();
        Enter(Next());
        var operand = ParseNot();
        _depth--;
        return new CqlNot(operand);
    }

    private CqlExpression ParsePrimary()
    {
        if (Peek.Kind != TokenKind.LeftParen) return ParsePredicate();
        Enter(Next());
        var inner = ParseOr();
        Expect(TokenKind.RightParen, "a closing ')'");
        _depth--;
        return inner;
    }

    private CqlExpression ParsePredicate()
    {
        var first = Peek;
        Count(first);
        if (first.Kind == TokenKind.Word && PeekAt(1).Kind == TokenKind.LeftParen && !_properties.ContainsKey(first.Text))
            return ParseFunction();
        if (first.Is("TRUE") || first.Is("FALSE"))
            throw Error(CqlErrorKind.Unsupported, first, "a boolean literal is no predicate here; compare a property with a value");
        var (name, type) = ParseProperty();
        var op = Peek;
        if (op.Is("IS"))
        {
            Next();
            var negated = Peek.Is("NOT") && Next().Kind == TokenKind.Word;
            if (!Next().Is("NULL")) throw Error(CqlErrorKind.Syntax, _tokens[_at - 1], "expected NULL after IS [NOT]");
            return negated ? new CqlNot(new CqlIsNull(name)) : new CqlIsNull(name);
        }
        if (type == CqlType.Geometry)
            throw Error(CqlErrorKind.TypeMismatch, op, $"{name} is a geometry: test it with S_INTERSECTS({name}, <WKT or BBOX>) or IS NULL");
        var not = op.Is("NOT");
        if (not) op = PeekAt(1);
        CqlExpression predicate;
        if (op.Is("LIKE"))
        {
            if (not) Next();
            Next();
            if (type != CqlType.String) throw Error(CqlErrorKind.TypeMismatch, op, $"{name} is a number; LIKE compares text");
            var pattern = Next();
            if (pattern.Kind != TokenKind.String) throw Error(CqlErrorKind.Syntax, pattern, "expected a quoted pattern after LIKE, such as '%物流%'");
            Count(pattern);
            predicate = new CqlLike(name, pattern.Value);
        }
        else if (op.Is("BETWEEN"))
        {
            if (not) Next();
            Next();
            if (type == CqlType.String) throw Error(CqlErrorKind.TypeMismatch, op, $"{name} is text; BETWEEN compares numbers");
            var low = Number(name);
            if (!Next().Is("AND")) throw Error(CqlErrorKind.Syntax, _tokens[_at - 1], "expected AND between the two bounds of BETWEEN");
            predicate = new CqlBetween(name, low, Number(name));
        }
        else if (op.Is("IN"))
        {
            if (not) Next();
            Next();
            Expect(TokenKind.LeftParen, "'(' and a list of values after IN");
            var values = new List<object> { Literal(name, type) };
            while (Peek.Kind == TokenKind.Comma)
            {
                Next();
                values.Add(Literal(name, type));
            }
            Expect(TokenKind.RightParen, "',' or the closing ')' of the IN list");
            predicate = new CqlIn(name, values);
        }
        else if (!not && op.Kind == TokenKind.Operator)
        {
            Next();
            var comparison = op.Text switch
            {
                "=" => CqlComparison.Equal,
                "<>" => CqlComparison.NotEqual,
                "<" => CqlComparison.Less,
                "<=" => CqlComparison.LessOrEqual,
                ">" => CqlComparison.Greater,
                ">=" => CqlComparison.GreaterOrEqual,
                _ => throw Error(CqlErrorKind.Syntax, op, "is no comparison operator; use =, <>, <, <=, > or >="),
            };
            predicate = new CqlCompare(name, comparison, Literal(name, type));
        }
        else throw Error(CqlErrorKind.Syntax, op, $"expected =, <>, <, <=, >, >=, LIKE, BETWEEN, IN or IS NULL after {name}");
        return not ? new CqlNot(predicate) : predicate;
    }

    private (string Name, CqlType Type) ParseProperty()
    {
        var t = Next();
        var name = t.Kind switch
        {
            TokenKind.QuotedName => t.Value,
            TokenKind.Word when !Keywords.Contains(t.Text) => t.Text,
            TokenKind.End => throw Error(CqlErrorKind.Syntax, t, "the filter ends where a predicate should start"),
            _ => throw Error(CqlErrorKind.Syntax, t, $"expected a property name ({Names()}) or S_INTERSECTS"),
        };
        return _properties.TryGetValue(name, out var type)
            ? (name, type)
            : throw Error(CqlErrorKind.UnknownProperty, t, $"is not a queryable property of this collection; use one of {Names()}");
    }

    private string Names() => string.Join(", ", _properties.Keys);

    private double Number(string property)
    {
        var t = Next();
        if (t.Kind != TokenKind.Number) throw Error(CqlErrorKind.TypeMismatch, t, $"{property} is a number; expected a number here");
        Count(t);
        return t.Number;
    }

    private object Literal(string property, CqlType type)
    {
        var t = Next();
        Count(t);
        return t.Kind switch
        {
            TokenKind.String when type == CqlType.String => t.Value,
            TokenKind.String => throw Error(CqlErrorKind.TypeMismatch, t, $"{property} is a number; write the value without quotes"),
            TokenKind.Number when type != CqlType.String => t.Number,
            TokenKind.Number => throw Error(CqlErrorKind.TypeMismatch, t, $"{property} is text; quote the value: '{t.Text}'"),
            TokenKind.Word when t.Is("TRUE") || t.Is("FALSE") => throw Error(CqlErrorKind.TypeMismatch, t, $"{property} is no boolean"),
            TokenKind.Word when t.Is("DATE") || t.Is("TIMESTAMP") || t.Is("INTERVAL") =>
                throw Error(CqlErrorKind.Unsupported, t, "no queryable is a date or time; the plan year is the integer planYear (planYear >= 2022)"),
            TokenKind.Word or TokenKind.QuotedName =>
                throw Error(CqlErrorKind.Unsupported, t, "a property is compared with a literal value only (property-property comparisons are not supported)"),
            _ => throw Error(CqlErrorKind.Syntax, t, type == CqlType.String ? "expected a quoted value such as '卫东区'" : "expected a number"),
        };
    }

    private CqlExpression ParseFunction()
    {
        var name = Next();
        if (!name.Is("S_INTERSECTS"))
            throw Error(CqlErrorKind.Unsupported, name, "is no function LandMap evaluates; the only one is S_INTERSECTS(geometry, <WKT or BBOX>)");
        Expect(TokenKind.LeftParen, "'(' after S_INTERSECTS");
        var first = SpatialArgument();
        Expect(TokenKind.Comma, "',' between the two arguments of S_INTERSECTS");
        var second = SpatialArgument();
        Expect(TokenKind.RightParen, "the closing ')' of S_INTERSECTS");
        return (first, second) switch
        {
            ({ Property: { } p }, { Geometry: { } g }) => new CqlIntersects(p, g),
            ({ Geometry: { } g }, { Property: { } p }) => new CqlIntersects(p, g),
            _ => throw Error(CqlErrorKind.Unsupported, name, "S_INTERSECTS takes the geometry property and one WKT or BBOX literal"),
        };
    }

    private (string? Property, Geometry? Geometry) SpatialArgument()
    {
        var t = Peek;
        if (t.Is("BBOX")) return (null, Bbox());
        if (t.Kind == TokenKind.Word && WktTypes.Contains(t.Text)) return (null, Wkt());
        var (name, type) = ParseProperty();
        if (type != CqlType.Geometry) throw Error(CqlErrorKind.TypeMismatch, t, $"{name} is no geometry; S_INTERSECTS tests the geometry property");
        return (name, null);
    }

    private Geometry Bbox()
    {
        var start = Next();
        Expect(TokenKind.LeftParen, "'(' after BBOX");
        var values = new List<double>();
        while (true)
        {
            var n = Next();
            if (n.Kind != TokenKind.Number) throw Error(CqlErrorKind.InvalidGeometry, n, "expected a number of BBOX(minLon, minLat, maxLon, maxLat)");
            values.Add(n.Number);
            var after = Next();
            if (after.Kind == TokenKind.RightParen) break;
            if (after.Kind != TokenKind.Comma || values.Count >= 6) throw Error(CqlErrorKind.InvalidGeometry, after, "expected ',' or ')' in BBOX");
        }
        Count(start, values.Count);
        if (values.Count == 6) throw Error(CqlErrorKind.Unsupported, start, "a 3-D BBOX is not supported; give minLon, minLat, maxLon, maxLat");
        if (values.Count != 4) throw Error(CqlErrorKind.InvalidGeometry, start, "BBOX takes 4 numbers: minLon, minLat, maxLon, maxLat");
        if (values[0] > values[2] || values[1] > values[3])
            throw Error(CqlErrorKind.InvalidGeometry, start, "BBOX minimum lies above its maximum (a box across the antimeridian is not supported)");
        return Wgs84.CreateGeometryFactory().ToGeometry(new Envelope(values[0], values[2], values[1], values[3]));
    }

    private Geometry Wkt()
    {
        var start = Next();
        var depth = 0;
        var numbers = 0;
        var end = -1;
        while (end < 0)
        {
            var t = Next();
            switch (t.Kind)
            {
                case TokenKind.LeftParen:
                    if (++depth > MaxWktNesting) throw Error(CqlErrorKind.TooLarge, t, $"the WKT nests deeper than {MaxWktNesting} levels");
                    break;
                case TokenKind.RightParen:
                    if (--depth == 0) end = t.Start + 1;
                    break;
                case TokenKind.Number:
                    // Up to 4 ordinates per vertex (XYZM): the exact count is checked once NTS has read it.
                    if (++numbers > 4 * _limits.MaxVertices) throw Error(CqlErrorKind.TooLarge, start, $"the geometry has more than {N(_limits.MaxVertices)} vertices");
                    break;
                case TokenKind.Comma:
                    break;
                case TokenKind.Word when t.Is("EMPTY"):
                    throw Error(CqlErrorKind.InvalidGeometry, t, "an empty geometry intersects nothing; give coordinates");
                case TokenKind.Word when (depth == 0 && (t.Is("Z") || t.Is("M") || t.Is("ZM"))) || (depth > 0 && WktTypes.Contains(t.Text)):
                    break;
                case TokenKind.End:
                    throw Error(CqlErrorKind.InvalidGeometry, start, "the WKT is never closed with ')'");
                default:
                    throw Error(CqlErrorKind.InvalidGeometry, t, "does not belong in a WKT geometry");
            }
        }
        Geometry geometry;
        try
        {
            geometry = new WKTReader(Wgs84).Read(_text[start.Start..end]);
        }
        catch (Exception e) when (e is ParseException or ArgumentException or FormatException or InvalidOperationException)
        {
            throw Error(CqlErrorKind.InvalidGeometry, start, $"is no valid WKT: {e.Message}");
        }
        _vertices += geometry.NumPoints;
        if (_vertices > _limits.MaxVertices) throw Error(CqlErrorKind.TooLarge, start, $"the filter's geometries have more than {N(_limits.MaxVertices)} vertices");
        Count(start);
        if (geometry.IsEmpty) throw Error(CqlErrorKind.InvalidGeometry, start, "an empty geometry intersects nothing; give coordinates");
        if (new IsValidOp(geometry).ValidationError is { } invalid)
            throw Error(CqlErrorKind.InvalidGeometry, start, $"is no valid geometry: {invalid.Message} at {invalid.Coordinate}");
        return geometry;
    }
}
