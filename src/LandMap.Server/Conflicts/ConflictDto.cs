using LandMap.Core.Conflicts;
using LandMap.Data.Conflicts;

namespace LandMap.Server.Conflicts;

/// <summary>One class of a parcel's 三调 composition.</summary>
public sealed record CompositionDto(string Class, string Group, double AreaMu, double Share);

/// <summary>
/// What a parcel has with one of the bureau's layers: areas in 亩 in the parcel's GK zone, the share of the parcel (0–1),
/// the features' keys; for a land survey the composition and 占用耕地 (cultivatedMu); for an urban boundary the part outside.
/// </summary>
public sealed record ConflictDto(string Layer, string Kind, double AreaMu, double Share, IReadOnlyList<string> Features, int FeatureCount,
    IReadOnlyList<CompositionDto>? Composition, double? CultivatedMu, double ConflictMu, string? Text, int Problems);

/// <summary>The one place stored conflicts become DTOs.</summary>
internal static class ConflictMapping
{
    public static ConflictDto ToDto(LayerConflict c) =>
        new(c.Layer, c.Kind, c.AreaMu, c.Share, c.Features, c.FeatureCount,
            c.Composition?.Select(p => new CompositionDto(p.Class, p.Group, p.AreaMu, p.Share)).ToList(), c.CultivatedMu, c.ConflictMu,
            ConflictText.Phrase(c), c.Problems);

    /// <summary>The conflicts of a stored column, in the order stored (by layer name).</summary>
    public static IReadOnlyList<ConflictDto> FromStored(string? json) => StoredConflicts.Read(json).Select(ToDto).ToList();
}
