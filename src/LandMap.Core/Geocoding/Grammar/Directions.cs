namespace LandMap.Core.Geocoding.Grammar;

/// <summary>Chinese direction words and their <see cref="Compass"/> values.</summary>
public static class Directions
{
    /// <summary>Parses 东/西/南/北/东北/西北/东南/西南; null for anything else.</summary>
    public static Compass? Parse(string word) => word switch
    {
        "北" => Compass.North,
        "南" => Compass.South,
        "东" => Compass.East,
        "西" => Compass.West,
        "东北" => Compass.NorthEast,
        "西北" => Compass.NorthWest,
        "东南" => Compass.SouthEast,
        "西南" => Compass.SouthWest,
        _ => null,
    };

    /// <summary>Parses 东段/西段/中段/北段/南段 (with or without 段); null for anything else.</summary>
    public static RoadSection? ParseSection(string word) => word.TrimEnd('段') switch
    {
        "东" => RoadSection.East,
        "西" => RoadSection.West,
        "中" => RoadSection.Middle,
        "北" => RoadSection.North,
        "南" => RoadSection.South,
        _ => null,
    };

    /// <summary>The Chinese word for a direction.</summary>
    public static string Chinese(Compass c) => c switch
    {
        Compass.North => "北",
        Compass.South => "南",
        Compass.East => "东",
        Compass.West => "西",
        Compass.NorthEast => "东北",
        Compass.NorthWest => "西北",
        Compass.SouthEast => "东南",
        _ => "西南",
    };

    /// <summary>The Chinese word for a road section.</summary>
    public static string Chinese(RoadSection s) => s switch
    {
        RoadSection.East => "东段",
        RoadSection.West => "西段",
        RoadSection.Middle => "中段",
        RoadSection.North => "北段",
        _ => "南段",
    };

    /// <summary>Unit vector (east, north) of a direction.</summary>
    public static (double X, double Y) Vector(Compass c)
    {
        const double d = 0.7071067811865476;
        return c switch
        {
            Compass.North => (0, 1),
            Compass.South => (0, -1),
            Compass.East => (1, 0),
            Compass.West => (-1, 0),
            Compass.NorthEast => (d, d),
            Compass.NorthWest => (-d, d),
            Compass.SouthEast => (d, -d),
            _ => (-d, -d),
        };
    }
}
