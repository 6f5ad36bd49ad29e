using NetTopologySuite.Geometries;

namespace LandMap.Core.Geocoding;

/// <summary>How a parcel grows from its anchor.</summary>
public enum AnchorKind
{
    /// <summary>From the corner of a crossing into the named quadrant.</summary>
    Corner,
    /// <summary>From a road frontage towards the named side.</summary>
    Front,
    /// <summary>Centred on a line, both sides (两侧, 沿线).</summary>
    Straddle,
    /// <summary>Centred on a place or inside a box.</summary>
    Centre,
}

/// <summary>A test the placed parcel must pass for a constraint to count as satisfied.</summary>
/// <param name="Result">The constraint as reported (its satisfied flag is decided by <paramref name="Test"/>).</param>
/// <param name="Test">Given the parcel in metres, whether it holds and why.</param>
public sealed record ConstraintCheck(ConstraintResult Result, Func<Geometry, (bool Ok, string Detail)>? Test);

/// <summary>
/// What the constraints of one location add up to, in the metres of the district's plane: the region the parcel may use,
/// where and how it grows, and the checks to run on the result.
/// </summary>
public sealed class PlacementPlan
{
    /// <summary>Where the parcel may lie (the district, narrowed by every constraint that resolved).</summary>
    public required Geometry Region { get; set; }

    /// <summary>Where growth starts; null when no constraint gave a place.</summary>
    public Coordinate? Anchor { get; set; }

    /// <summary>How the parcel grows from the anchor.</summary>
    public AnchorKind Kind { get; set; } = AnchorKind.Centre;

    /// <summary>Unit vector along the frontage.</summary>
    public (double X, double Y) Along { get; set; } = (1, 0);

    /// <summary>Unit vector from the frontage into the parcel.</summary>
    public (double X, double Y) Away { get; set; } = (0, 1);

    /// <summary>The line the parcel fronts or straddles, for sliding along it and for corridors.</summary>
    public Geometry? FrontLine { get; set; }

    /// <summary>True for linear works (两侧 corridors, X至Y stretches).</summary>
    public bool Linear { get; set; }

    /// <summary>How the anchor was found: corner, box, side, place, relative, …</summary>
    public string Method { get; set; } = "district";

    /// <summary>How strong the anchor is, 0–1, before checks and precision are counted.</summary>
    public double BaseConfidence { get; set; } = 0.3;

    /// <summary>The largest precisionM among the gazetteer features used.</summary>
    public double PrecisionM { get; set; }

    /// <summary>True when a place came from the official lists' centre points: the entry is at best approximate.</summary>
    public bool ApproximateOnly { get; set; }

    /// <summary>One check per constraint.</summary>
    public List<ConstraintCheck> Checks { get; } = [];

    /// <summary>Unknown names, ambiguities, conflicts.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>Names the gazetteer does not know.</summary>
    public List<string> UnknownNames { get; } = [];
}
