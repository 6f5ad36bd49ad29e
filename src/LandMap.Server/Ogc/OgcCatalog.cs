using System.Security.Claims;
using LandMap.Data.Layers;
using LandMap.Server.Hosting;
using LandMap.Server.Layers;
using LandMap.Tiles.Sources;

namespace LandMap.Server.Ogc;

/// <summary>
/// The collections a request may see: the parcels and the key projects, then one per imported layer
/// (<see cref="LayerCollection"/>, id <c>layer-{name}</c> as its tile source), read from the store per request, so a layer
/// imported or removed by <c>landmap layer</c> appears or goes without a restart. A cadastre is listed for reviewers and
/// admins only (<see cref="LayerAccess"/>): for everyone else it does not exist.
/// </summary>
internal sealed class OgcCatalog(IEnumerable<IOgcCollection> fixedCollections, StoreAccess access)
{
    private readonly IReadOnlyList<IOgcCollection> _fixed = fixedCollections.ToList();

    /// <summary>Every collection <paramref name="user"/> may see: the fixed ones first, then the layers by name.</summary>
    public async Task<IReadOnlyList<IOgcCollection>> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken) =>
        [.. _fixed, .. await LayersAsync(user, cancellationToken)];

    /// <summary>The collection <paramref name="id"/> if <paramref name="user"/> may see it, else null.</summary>
    public async Task<IOgcCollection?> FindAsync(string id, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        _fixed.FirstOrDefault(c => c.Id == id)
        ?? (id.StartsWith(LayerTileSource.IdPrefix, StringComparison.Ordinal)
            ? (await LayersAsync(user, cancellationToken)).FirstOrDefault(c => c.Id == id)
            : null);

    private async Task<IEnumerable<IOgcCollection>> LayersAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var store = ILayerStore.Of(await access.GetAsync(cancellationToken));
        return (await store.ListLayersAsync(cancellationToken)).Where(l => LayerAccess.MaySee(l.Kind, user)).Select(l => new LayerCollection(l, access));
    }
}
