using CsCheck;
using LandMap.Core.Gazetteer;
using LandMap.Core.Geocoding;
using NetTopologySuite.Geometries;

namespace LandMap.Core.Tests.Geocoding;

/// <summary>
/// The constraint solver of a district of the shipped gazetteer, and the gazetteer's names, for the property tests that
/// generate locations and compare two ways of planning or placing them.
/// </summary>
internal static class ShippedSolver
{
    /// <summary>A solver for <paramref name="district"/> with the default options, and the district's outline (plane).</summary>
    public static (ConstraintSolver Solver, Geometry District) For(string district)
    {
        var resolver = new PlaceResolver(ShippedGazetteer.Index, district);
        var area = resolver.DistrictArea()!;
        return (new ConstraintSolver(resolver, area, new GeocoderOptions()), area);
    }

    /// <summary>The distinct names of the gazetteer's places of <paramref name="kind"/> in the given districts.</summary>
    public static IReadOnlyList<string> Names(PlaceKind kind, params string[] districts) =>
        districts.SelectMany(d => ShippedGazetteer.Index.OfKind(kind, d)).Select(f => f.Name).Distinct().ToList();

    /// <summary>One of <paramref name="items"/>.</summary>
    public static Gen<string> Pick(IReadOnlyList<string> items) => Gen.Int[0, items.Count - 1].Select(i => items[i]);
}
