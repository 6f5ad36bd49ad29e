namespace LandMap.Core.Reports;

/// <summary>One 用地保障重点项目 entry: a name, a location in words and an area.</summary>
public sealed record LandEntry
{
    /// <summary>Position in the column, 1-based: the printed number, or the order for ▲ lists.</summary>
    public required int Seq { get; init; }

    /// <summary>The project name as printed.</summary>
    public required string Name { get; init; }

    /// <summary>The location as printed, without a leading 位于 and without the area clause.</summary>
    public string? Location { get; init; }

    /// <summary>Stated area in 亩 (1 亩 = 10000/15 m²); null when the entry states none.</summary>
    public double? AreaMu { get; init; }

    /// <summary>True for 约, 余, 多, 左右, 预计 and ranges.</summary>
    public bool Approx { get; init; }

    /// <summary>How the stated area bounds the real one; null when no area is stated.</summary>
    public AreaQualifier? AreaQualifier { get; init; }

    /// <summary>The area clause as printed (面积约 112 亩).</summary>
    public string? AreaText { get; init; }

    /// <summary>Stated sub-parcels (一站约47亩, 二站台约68亩).</summary>
    public IReadOnlyList<AreaPart> Parts { get; init; } = [];

    /// <summary>A four-boundary (四至) or half-plane description; null when there is none.</summary>
    public Bounds? Bounds { get; init; }

    /// <summary>Text after the area clause (占辛南、焦庄村集体土地), when any.</summary>
    public string? Note { get; init; }

    /// <summary>Where the entry is printed.</summary>
    public required SourceRef Source { get; init; }
}

/// <summary>A stated sub-parcel of an entry.</summary>
public sealed record AreaPart(string Label, double AreaMu, bool Approx);

/// <summary>How a stated area relates to the true one.</summary>
public enum AreaQualifier
{
    /// <summary>Printed as a plain figure.</summary>
    Exact,
    /// <summary>约, 左右, 预计, 近.</summary>
    Approximate,
    /// <summary>余, 多, 以上: the figure is a lower bound.</summary>
    AtLeast,
    /// <summary>50-80亩: the figure is the middle of the range.</summary>
    Range,
}

/// <summary>
/// The sides of a parcel, each as printed. <see cref="Form"/> is <c>sizhi</c> for 东至…西至…南至…北至…
/// and <c>half-planes</c> for A以东、B以南 (where A is the west side and B the north side).
/// A side may be null: reports often leave one out.
/// </summary>
public sealed record Bounds(string? West, string? East, string? South, string? North, string Form);
