using System.Security.Claims;
using LandMap.Core.Layers;
using LandMap.Server.Review;
using LandMap.Tiles.Sources;

namespace LandMap.Server.Layers;

/// <summary>
/// Who sees which imported layer. A cadastre (宗地) names its owners (权利人, often people) and their parcels' codes: personal
/// data a bureau does not publish, so it is served to reviewers and admins only — its features, tiles, TileJSON and its
/// place in the lists. For everyone else it does not exist (404, as an unknown name), so its name leaks nothing either.
/// Every other kind is as public as the parcels.
/// </summary>
internal static class LayerAccess
{
    public static bool MaySee(LayerKind kind, ClaimsPrincipal user) => kind != LayerKind.Cadastre || ReviewEndpoints.IsReviewer(user);

    /// <summary>The tile sources <paramref name="user"/> may see.</summary>
    public static IReadOnlyDictionary<string, ITileSource> Visible(IReadOnlyDictionary<string, ITileSource> sources, ClaimsPrincipal user) =>
        sources.Values.All(s => s is not LayerTileSource layer || MaySee(layer.Kind, user))
            ? sources
            : sources.Where(s => s.Value is not LayerTileSource layer || MaySee(layer.Kind, user)).ToDictionary(s => s.Key, s => s.Value);
}
