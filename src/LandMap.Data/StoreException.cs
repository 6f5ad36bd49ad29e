namespace LandMap.Data;

/// <summary>What went wrong in the store, so that callers (CLI, server) can map it once.</summary>
public enum StoreErrorKind
{
    /// <summary>Another process holds the database locked past the busy timeout.</summary>
    Locked,
    /// <summary>The --db value names no usable database (not a database file, server unreachable, bad login).</summary>
    Unavailable,
    /// <summary>A command that only reads or changes a store was given one that does not exist (missing file, empty database).</summary>
    NotFound,
    /// <summary>The database was written by a newer LandMap.</summary>
    SchemaTooNew,
    /// <summary>The data broke a rule of the schema (a bug or a hand edit).</summary>
    Integrity,
}

/// <summary>An infrastructure failure of the store, with a message that says what to do next.</summary>
public sealed class StoreException(StoreErrorKind kind, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>What kind of failure it is.</summary>
    public StoreErrorKind Kind { get; } = kind;
}
