namespace LandMap.Data;

/// <summary>
/// A spatial filter that the store can test only by envelope (SQLite's R*Tree) would leave more candidates to refine in
/// memory than <see cref="MaxCandidates"/>: refused before any of them is read, with what to do instead.
/// </summary>
public sealed class FilterTooBroadException(long candidates) : Exception(
    $"The spatial part of the filter leaves {candidates} features to test one by one, over the {MaxCandidates} this store tests per request " +
    "(SQLite tests S_INTERSECTS by envelope first); narrow it with bbox or a smaller geometry, or serve the data from PostGIS.")
{
    /// <summary>The most candidates an inexact spatial filter may leave for refinement in memory.</summary>
    public const long MaxCandidates = 50_000;

    /// <summary>The features the envelope test let through.</summary>
    public long Candidates { get; } = candidates;
}
