namespace LandMap.Core.Reports;

/// <summary>One row of an indicator table (附表): a named figure with its plan, result and estimates by year.</summary>
public sealed record Indicator
{
    /// <summary>The indicator name without its row number (全区生产总值增速).</summary>
    public required string Name { get; init; }

    /// <summary>The unit column as printed (%, 亿元, 亩).</summary>
    public string? Unit { get; init; }

    /// <summary>The section heading the row sits under (综合类), when the table has one.</summary>
    public string? Category { get; init; }

    /// <summary>One value per year, kind and measure; empty and "—" cells are left out.</summary>
    public IReadOnlyList<IndicatorValue> Values { get; init; } = [];

    /// <summary>Where the row is printed.</summary>
    public required SourceRef Source { get; init; }
}

/// <summary>
/// A cell of an indicator table. <see cref="Kind"/> is <c>plan</c>, <c>actual</c> or <c>estimate</c>
/// (a bracketed [4] or a 预计 column); <see cref="Measure"/> is <c>growth</c> for 增长% sub-columns.
/// </summary>
public sealed record IndicatorValue(int Year, string Kind, string Text, double? Value, string? Measure = null);
