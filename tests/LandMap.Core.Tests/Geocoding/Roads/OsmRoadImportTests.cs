using LandMap.Core.Gazetteer;
using LandMap.Core.Gazetteer.Import;

namespace LandMap.Core.Tests.Geocoding.Roads;

/// <summary>
/// A real OSM network as the gazetteer keeps it: a road is many ways (北三环东路: 14 one-way ways on both sides of the
/// elevated 北三环), each with the tags that tell the street from its bridges and slip roads; the index joins same-named
/// ways into one road instead of keeping the last.
/// </summary>
public sealed class OsmRoadImportTests
{
    [Fact]
    public void ImportKeepsEveryWayOfARoadWithItsTags()
    {
        var features = OsmNetwork.Imported.Value;

        var street = Assert.Single(features, f => f.Name == "北三环东路");
        var elevated = Assert.Single(features, f => f.Name == "北三环");

        Assert.Equal(14, street.Geometry.NumGeometries);
        Assert.NotNull(street.Ways);
        Assert.Equal(14, street.Ways!.Count);
        Assert.All(street.Ways, w => Assert.True(w.IsOneway && !w.IsStructure && w.Highway == "tertiary", w.ToString()));
        Assert.Equal(4, elevated.Ways!.Count);
        Assert.All(elevated.Ways, w => Assert.True(w.IsStructure && w.Layer == "1" && w.Highway == "trunk", w.ToString()));
        Assert.All(street.Ways, w => Assert.StartsWith("way/", w.Id, StringComparison.Ordinal));
    }

    [Fact]
    public void WaysSurviveTheGazetteerFileAndItsLoader()
    {
        var folder = Directory.CreateTempSubdirectory("landmap-osm-");
        try
        {
            using (var file = File.Create(Path.Combine(folder.FullName, "roads.geojson")))
            {
                GazetteerFileWriter.Write(OsmNetwork.Imported.Value, file);
            }

            var (gazetteer, load) = GazetteerIndex.LoadDirectory(folder.FullName);

            Assert.True(load.IsSuccess, string.Join("\n", load.Problems));
            var street = Assert.Single(gazetteer!.Lookup("北三环东路")).Feature;
            Assert.Equal(OsmNetwork.Imported.Value.Single(f => f.Name == "北三环东路").Ways, street.Ways);
        }
        finally
        {
            folder.Delete(true);
        }
    }

    [Fact]
    public void WaysThatDoNotMatchTheGeometryAreRefusedNamingTheField()
    {
        var folder = Directory.CreateTempSubdirectory("landmap-osm-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "roads.geojson"), """
                {"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[116.41, 39.97], [116.42, 39.97]]},
                 "properties": {"name": "北三环东路", "kind": "road", "ways": [{"id": "way/1"}, {"id": "way/2"}]}}]}
                """);

            var (gazetteer, load) = GazetteerIndex.LoadDirectory(folder.FullName);

            Assert.Null(gazetteer);
            var problem = Assert.Single(load.Problems);
            Assert.Equal("properties.ways", problem.Field);
        }
        finally
        {
            folder.Delete(true);
        }
    }

    // Issue 12: a network read way by way (as a loader of one feature per way gives it) kept only the last way of a road.
    [Fact]
    public void TheIndexJoinsTheWaysOfARoadInsteadOfKeepingTheLast()
    {
        var street = OsmNetwork.Imported.Value.Single(f => f.Name == "北三环东路");
        var perWay = Enumerable.Range(0, street.Geometry.NumGeometries)
            .Select(i => street with { Geometry = street.Geometry.GetGeometryN(i), Ways = [street.Ways![i]] })
            .ToList();

        var index = new GazetteerIndex(perWay);

        var road = Assert.Single(index.Lookup("北三环东路")).Feature;
        Assert.Equal(14, road.Geometry.NumGeometries);
        Assert.Equal(street.Geometry.Length, road.Geometry.Length, 9);
    }
}
