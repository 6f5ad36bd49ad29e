using LandMap.Data;
using LandMap.Tiles.Vector;

namespace LandMap.Tiles.Sources;

/// <summary>The tile sources a store publishes: its parcels today, its imported layers when they come.</summary>
public static class StoreTileSources
{
    /// <summary>The published parcels of <paramref name="store"/> as the source <c>parcels</c>.</summary>
    public static ITileSource Parcels(IParcelStore store, MvtEncoderOptions? options = null) => new ParcelTileSource(store, options);
}
