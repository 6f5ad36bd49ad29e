namespace LandMap.Core.Crs;

/// <summary>Why a CRS operation could not be done. Each code is an expected failure, not a bug.</summary>
public enum CrsErrorCode
{
    /// <summary>The EPSG code is not one of <see cref="KnownCrs.All"/>.</summary>
    UnknownEpsg,
    /// <summary>The text is not WKT1 that ProjNet can read (WKT2 <c>PROJCRS</c> is not supported).</summary>
    InvalidWkt,
    /// <summary>The WKT parsed but names a projection or kind of CRS that ProjNet cannot compute.</summary>
    UnsupportedCoordinateSystem,
    /// <summary>Xi'an 1980 or Beijing 1954 to another datum without local transformation parameters.</summary>
    NeedsDatumShift,
    /// <summary>A datum we cannot classify, paired with a different datum.</summary>
    UnsupportedDatumPair,
    /// <summary>A <see cref="DatumShift"/> with non-finite or implausible values.</summary>
    InvalidDatumShift,
    /// <summary>A coordinate is NaN or infinite, before or after transformation.</summary>
    NonFiniteCoordinate,
    /// <summary>Survey coordinates carry a zone prefix other than the expected one.</summary>
    WrongZone,
}

/// <summary>An expected CRS failure: a code to branch on and a message that says what to do.</summary>
/// <param name="Code">What went wrong.</param>
/// <param name="Message">For the user: what is wrong and what to do next.</param>
public sealed record CrsError(CrsErrorCode Code, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Code}: {Message}";
}

/// <summary>Either a value or a <see cref="CrsError"/>.</summary>
/// <typeparam name="T">The value on success.</typeparam>
public readonly struct CrsResult<T>
{
    private readonly T? _value;

    private CrsResult(T? value, CrsError? error)
    {
        _value = value;
        Error = error;
    }

    /// <summary>The failure, or null on success.</summary>
    public CrsError? Error { get; }

    /// <summary>True when <see cref="Value"/> holds the result.</summary>
    public bool IsSuccess => Error is null;

    /// <summary>The result; throws <see cref="InvalidOperationException"/> on a failed result (misuse).</summary>
    public T Value => IsSuccess
        ? _value!
        : throw new InvalidOperationException($"No value: {Error}. Check IsSuccess first.");

    /// <summary>A success.</summary>
    public static CrsResult<T> Ok(T value) => new(value, null);

    /// <summary>A failure.</summary>
    public static CrsResult<T> Fail(CrsErrorCode code, string message) => new(default, new CrsError(code, message));

    /// <summary>A failure carrying an existing error.</summary>
    public static CrsResult<T> Fail(CrsError error) => new(default, error);

    /// <inheritdoc />
    public override string ToString() => IsSuccess ? $"Ok({_value})" : $"Fail({Error})";
}
