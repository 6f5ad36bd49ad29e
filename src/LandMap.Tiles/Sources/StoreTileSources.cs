using LandMap.Data;
using LandMap.Data.Layers;
using LandMap.Tiles.Vector;

namespace LandMap.Tiles.Sources;

/// <summary>The tile sources a store publishes: its parcels, and each imported layer as <c>layer-{name}</c>.</summary>
public static class StoreTileSources
{
    /// <summary>The published parcels of <paramref name="store"/> as the source <c>parcels</c>.</summary>
    public static ITileSource Parcels(IParcelStore store, MvtEncoderOptions? options = null) => new ParcelTileSource(store, options);

    /// <summary>One source per layer of <paramref name="store"/> as it stands now, by name; none when the store has no layer tables.</summary>
    public static async Task<IReadOnlyList<ITileSource>> LayersAsync(IParcelStore store, MvtEncoderOptions? options = null, CancellationToken ct = default)
    {
        if (store is not ILayerStore layers) return [];
        return (await layers.ListLayersAsync(ct).ConfigureAwait(false)).Select(l => (ITileSource)new LayerTileSource(store, l, options)).ToList();
    }
}
