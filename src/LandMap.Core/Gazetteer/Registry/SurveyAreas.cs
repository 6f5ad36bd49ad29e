using LandMap.Core.Crs;
using NetTopologySuite.Geometries;

namespace LandMap.Core.Gazetteer.Registry;

/// <summary>Where a registry's outlined districts lie in survey metres: one <see cref="SurveyArea"/> per 3-degree zone.</summary>
public static class SurveyAreas
{
    /// <summary>
    /// The areas of the outlined districts of <paramref name="registry"/>, each zone's outlines merged (projected to the
    /// zone of each outline's centroid); Pingdingshan's when no district has an outline.
    /// </summary>
    public static IReadOnlyList<SurveyArea> Of(DistrictRegistry registry)
    {
        var byZone = new SortedDictionary<int, Envelope>();
        foreach (var district in registry.WithOutline)
        {
            var plane = MetricPlane.ForLongitude(district.Boundary!.Centroid.X);
            var zone = GaussKrugerZones.ThreeDegreeZone(plane.CentralMeridian);
            var envelope = plane.ToPlane(district.Boundary).EnvelopeInternal;
            if (byZone.TryGetValue(zone, out var merged)) merged.ExpandToInclude(envelope);
            else byZone[zone] = envelope.Copy();
        }
        return byZone.Count == 0
            ? [SurveyArea.Pingdingshan]
            : byZone.Select(z => new SurveyArea(z.Key, z.Value.MinY, z.Value.MaxY, z.Value.MinX, z.Value.MaxX)).ToList();
    }
}
