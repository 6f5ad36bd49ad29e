namespace LandMap.Core.Geocoding.Grammar;

/// <summary>A compass direction or quadrant, as reports name them (东, 西北…).</summary>
public enum Compass
{
    /// <summary>北.</summary>
    North,
    /// <summary>南.</summary>
    South,
    /// <summary>东.</summary>
    East,
    /// <summary>西.</summary>
    West,
    /// <summary>东北.</summary>
    NorthEast,
    /// <summary>西北.</summary>
    NorthWest,
    /// <summary>东南.</summary>
    SouthEast,
    /// <summary>西南.</summary>
    SouthWest,
}

/// <summary>A part of a road: 东段 is the eastern third of its extent in the district, and so on.</summary>
public enum RoadSection
{
    /// <summary>东段.</summary>
    East,
    /// <summary>西段.</summary>
    West,
    /// <summary>中段.</summary>
    Middle,
    /// <summary>北段.</summary>
    North,
    /// <summary>南段.</summary>
    South,
}

/// <summary>
/// One statement a location makes about where a parcel lies, with the text it was read from.
/// Names are as printed; the gazetteer resolves them (aliases, OCR variants) when the geocoder solves.
/// </summary>
public abstract record LocationConstraint(string Text)
{
    /// <summary>A short description in the report's own language, for reasons and warnings.</summary>
    public abstract string Describe();
}

/// <summary>At a corner of a crossing: 八矿路与平安大道交叉口东北角.</summary>
public sealed record CornerConstraint(string RoadA, string RoadB, Compass? Quadrant, string Text) : LocationConstraint(Text)
{
    /// <inheritdoc />
    public override string Describe() => $"{RoadA}与{RoadB}交叉口{(Quadrant is { } q ? Directions.Chinese(q) : "")}";
}

/// <summary>
/// On one side of a line feature: 平安大道东段北侧 (fronting, <see cref="Fronting"/> true) or
/// 北环路以南 (anywhere on that side).
/// </summary>
public sealed record SideConstraint(string Feature, Compass Side, RoadSection? Section, bool Fronting, string Text) : LocationConstraint(Text)
{
    /// <inheritdoc />
    public override string Describe() => $"{Feature}{(Section is { } s ? Directions.Chinese(s) : "")}{(Fronting ? "" : "以")}{Directions.Chinese(Side)}{(Fronting ? "侧" : "")}";
}

/// <summary>Along both sides of a line feature, often a corridor: 平安大道东段两侧.</summary>
public sealed record BothSidesConstraint(string Feature, RoadSection? Section, string Text) : LocationConstraint(Text)
{
    /// <inheritdoc />
    public override string Describe() => $"{Feature}{(Section is { } s ? Directions.Chinese(s) : "")}两侧";
}

/// <summary>On a part of a road without a side: 光明路北段.</summary>
public sealed record SectionConstraint(string Feature, RoadSection Section, string Text) : LocationConstraint(Text)
{
    /// <inheritdoc />
    public override string Describe() => $"{Feature}{Directions.Chinese(Section)}";
}

/// <summary>Inside the box four features make (四至, or half-planes); a side may be missing.</summary>
public sealed record BoxConstraint(string? West, string? East, string? South, string? North, string Text) : LocationConstraint(Text)
{
    /// <inheritdoc />
    public override string Describe() => $"西至{West ?? "?"} 东至{East ?? "?"} 南至{South ?? "?"} 北至{North ?? "?"}";
}

/// <summary>At or in a village, community or landmark: 程庄村, 观上村原丁营砖厂, 山顶公园及其周边区域.</summary>
public sealed record PlaceConstraint(string Place, Compass? Side, string Text) : LocationConstraint(Text)
{
    /// <inheritdoc />
    public override string Describe() => Side is { } s ? $"{Place}{Directions.Chinese(s)}侧" : Place;
}

/// <summary>Moved from the previous reference point: 向西 50 米.</summary>
public sealed record OffsetConstraint(Compass Direction, double DistanceM, string Text) : LocationConstraint(Text)
{
    /// <inheritdoc />
    public override string Describe() => $"向{Directions.Chinese(Direction)}{DistanceM:0}米";
}

/// <summary>A stretch between two places, for linear works: 寺沟社区至竹园村.</summary>
public sealed record StretchConstraint(string From, string To, string Text) : LocationConstraint(Text)
{
    /// <inheritdoc />
    public override string Describe() => $"{From}至{To}";
}

/// <summary>Beside another entry of the same column: 汽车产业园项目南侧.</summary>
public sealed record RelativeConstraint(string Entry, Compass Side, string Text) : LocationConstraint(Text)
{
    /// <inheritdoc />
    public override string Describe() => $"{Entry}{Directions.Chinese(Side)}侧";
}

/// <summary>Along the district border with a neighbour: 与襄城县交界处.</summary>
public sealed record BorderConstraint(string Neighbour, string Text) : LocationConstraint(Text)
{
    /// <inheritdoc />
    public override string Describe() => $"与{Neighbour}交界处";
}

/// <summary>On a line feature, either side: 昆阳大道辛北村.</summary>
public sealed record AlongConstraint(string Feature, string Text) : LocationConstraint(Text)
{
    /// <inheritdoc />
    public override string Describe() => $"{Feature}沿线";
}
