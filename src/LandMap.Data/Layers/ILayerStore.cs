using LandMap.Core.Filtering;
using LandMap.Core.Layers;
using NetTopologySuite.Geometries;

namespace LandMap.Data.Layers;

/// <summary>
/// The bureau's own layers (cadastre, 三调 DLTB, 永久基本农田, 三区三线 …) beside the parcels. Every store that
/// <see cref="ParcelStoreFactory"/> opens implements it (<see cref="Of"/>). A layer is imported whole in one transaction:
/// a failed import leaves the previous version of the layer as it was. Writes append to the audit log.
/// </summary>
public interface ILayerStore
{
    /// <summary>The layer store of <paramref name="store"/>.</summary>
    static ILayerStore Of(IParcelStore store) =>
        store as ILayerStore ?? throw new InvalidOperationException($"The {store.Backend} store has no layer tables.");

    /// <summary>
    /// Streams <paramref name="features"/> into the store in one transaction, replacing a layer of the same name, and says
    /// what changed by feature key. An exception out of the enumeration (a file that turns out truncated midway) rolls
    /// the whole import back and is rethrown: the previous version stays. Not retried: the features are read once.
    /// </summary>
    /// <param name="import">What the layer is and where it came from.</param>
    /// <param name="features">The features in WGS 84, read one at a time.</param>
    /// <param name="progress">Features written so far, reported every few thousand.</param>
    /// <param name="cancellationToken">Cancels and rolls back.</param>
    Task<LayerImportResult> ImportLayerAsync(LayerImport import, IEnumerable<LayerFeature> features, IProgress<long>? progress = null,
        CancellationToken cancellationToken = default);

    /// <summary>Every layer, by name.</summary>
    Task<IReadOnlyList<StoredLayer>> ListLayersAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes the layer <paramref name="name"/> and its features; false when there is none.</summary>
    Task<bool> RemoveLayerAsync(string name, string actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of the features of layer <paramref name="name"/> whose envelopes meet <paramref name="bbox"/> (WGS 84; all
    /// when null) and that <paramref name="filter"/> keeps (CQL2 over the fields of <see cref="LayerFilterFields.Schema"/>,
    /// in SQL), in storage order; null when there is no such layer. A spatial filter the store tests by envelope and that
    /// leaves over <see cref="FilterTooBroadException.MaxCandidates"/> candidates throws <see cref="FilterTooBroadException"/>.
    /// </summary>
    Task<IReadOnlyList<StoredLayerFeature>?> QueryLayerFeaturesAsync(string name, Envelope? bbox, int limit, int offset, CqlExpression? filter = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// How many features of layer <paramref name="name"/> meet <paramref name="bbox"/> (all when null) and <paramref name="filter"/>;
    /// null when there is no such layer.
    /// </summary>
    Task<long?> CountLayerFeaturesAsync(string name, Envelope? bbox, CqlExpression? filter = null, CancellationToken cancellationToken = default);

    /// <summary>The feature of layer <paramref name="name"/> with store id <paramref name="id"/>, or null (no such layer or feature).</summary>
    Task<StoredLayerFeature?> GetLayerFeatureAsync(string name, long id, CancellationToken cancellationToken = default);

    /// <summary>
    /// What a vector tile of layer <paramref name="name"/> draws: the features whose envelopes meet <paramref name="bbox"/> (WGS 84),
    /// polygons of at least <paramref name="minAreaM2"/> (lines and points, area 0, always), the largest first, at most
    /// <paramref name="limit"/>; null when there is no such layer.
    /// </summary>
    Task<IReadOnlyList<StoredLayerFeature>?> QueryLayerTileFeaturesAsync(string name, Envelope bbox, double minAreaM2, int limit,
        CancellationToken cancellationToken = default);
}
