namespace LandMap.Data.Layers;

/// <summary>
/// A spatial filter on a layer that the store can test only by envelope would leave more candidates to refine in memory
/// than <see cref="ILayerStore.MaxRefinedCandidates"/>: refused before the work, with what to do instead.
/// </summary>
public sealed class FilterTooBroadException(long candidates, long cap) : Exception(
    $"The spatial part of the filter leaves {candidates} features to test one by one, over the {cap} this store tests per request " +
    "(SQLite tests S_INTERSECTS by envelope first); narrow it with bbox or a smaller geometry, or serve the layer from PostGIS.")
{
    /// <summary>The features the envelope test let through.</summary>
    public long Candidates { get; } = candidates;
}
