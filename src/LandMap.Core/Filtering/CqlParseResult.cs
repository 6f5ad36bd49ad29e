namespace LandMap.Core.Filtering;

/// <summary>Why a filter was refused.</summary>
public enum CqlErrorKind
{
    /// <summary>Not CQL2 text: a token where another was expected, an unclosed string …</summary>
    Syntax,
    /// <summary>A property that is not among the collection's queryables.</summary>
    UnknownProperty,
    /// <summary>A literal of the wrong type for its property ('abc' for a number, a number for text …).</summary>
    TypeMismatch,
    /// <summary>CQL2 that LandMap does not evaluate (functions other than S_INTERSECTS, temporal literals, arithmetic …).</summary>
    Unsupported,
    /// <summary>A WKT or BBOX literal that is no valid geometry.</summary>
    InvalidGeometry,
    /// <summary>Over a limit (<see cref="CqlLimits"/>); checked before the work.</summary>
    TooLarge,
}

/// <summary>A refused filter: what is wrong, where (0-based character offset) and the token found there.</summary>
public sealed record CqlError(CqlErrorKind Kind, int Position, string Token, string Message)
{
    /// <summary>One line for a person: "'ANDD' at character 14: expected …".</summary>
    public override string ToString() =>
        Token.Length == 0 ? $"at character {Position + 1} (end of text): {Message}" : $"'{Short(Token)}' at character {Position + 1}: {Message}";

    private static string Short(string text) => text.Length > 40 ? text[..40] + "…" : text;
}

/// <summary>A parsed filter or the reason it was refused; never both.</summary>
public sealed record CqlParseResult(CqlExpression? Expression, CqlError? Error)
{
    /// <summary>Whether the text parsed.</summary>
    public bool Succeeded => Error is null;
}

/// <summary>Limits checked before the work (text length first, then while parsing).</summary>
/// <param name="MaxLength">Characters of filter text (64 KiB).</param>
/// <param name="MaxDepth">Nesting of parentheses and NOT.</param>
/// <param name="MaxTerms">Predicates plus literal values (each IN value counts).</param>
/// <param name="MaxVertices">Coordinates over all geometry literals.</param>
public sealed record CqlLimits(int MaxLength = 64 * 1024, int MaxDepth = 64, int MaxTerms = 1000, int MaxVertices = 10_000)
{
    /// <summary>The limits the server applies.</summary>
    public static CqlLimits Default { get; } = new();
}

/// <summary>Thrown inside the parser only, and turned into a <see cref="CqlError"/> at its boundary.</summary>
internal sealed class CqlException(CqlErrorKind kind, int position, string token, string message) : Exception(message)
{
    public CqlError Error { get; } = new(kind, position, token, message);
}
