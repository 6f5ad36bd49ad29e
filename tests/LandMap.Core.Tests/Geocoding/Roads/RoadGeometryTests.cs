using LandMap.Core.Crs;
using LandMap.Core.Gazetteer;
using LandMap.Core.Geocoding;
using LandMap.Core.Geocoding.Roads;
using NetTopologySuite.Geometries;

namespace LandMap.Core.Tests.Geocoding.Roads;

/// <summary>
/// A real road read as one road (<see cref="RoadGeometry"/>): the axis of 北三环东路's dual ground roads lies between them,
/// and an elevated road carrying the street's name does not change the street.
/// </summary>
public sealed class RoadGeometryTests
{
    [Fact]
    public void TheAxisOfADualCarriagewayLiesBetweenItsCarriageways()
    {
        var gazetteer = OsmNetwork.Gazetteer.Value;
        var feature = gazetteer.Lookup("北三环东路", OsmNetwork.District).Single().Feature;

        var plane = PlaceResolver.PlaneOf(gazetteer, OsmNetwork.District);
        var road = RoadNetwork.For(gazetteer, feature, OsmNetwork.District, plane)!;

        // Across the road at 116.4150°E (the extract's middle): the westbound ground road north, the eastbound south.
        var across = Across(road, plane);
        Assert.True(across.Axis > across.South + 10 && across.Axis < across.North - 10, $"axis at {across.Axis:0.#}, carriageways at {across.South:0.#} and {across.North:0.#}");
        Assert.True(road.Corridor.Covers(road.Carriageways), "the corridor holds every carriageway");
    }

    [Fact]
    public void AnElevatedRoadOfTheSameNameIsNotTakenForTheStreet()
    {
        var features = OsmNetwork.Imported.Value;
        var street = features.Single(f => f.Name == "北三环东路");
        // As much OSM data has it: the viaduct above carries the street's own name.
        var elevated = features.Single(f => f.Name == "北三环") with { Name = "北三环东路" };
        var plain = new GazetteerIndex([OsmNetwork.Outline.Value, street]);
        var withViaduct = new GazetteerIndex([OsmNetwork.Outline.Value, street, elevated]);

        var plane = MetricPlane.For(street.Geometry);
        var a = RoadNetwork.For(plain, plain.Lookup("北三环东路").Single().Feature, null, plane)!;
        var b = RoadNetwork.For(withViaduct, withViaduct.Lookup("北三环东路").Single().Feature, null, plane)!;

        Assert.Equal(18, withViaduct.Lookup("北三环东路").Single().Feature.Geometry.NumGeometries);
        Assert.Equal(a.Carriageways.Length, b.Carriageways.Length, 6);
        Assert.Equal(a.Axis.Length, b.Axis.Length, 6);
    }

    // Where the axis, the northernmost and the southernmost carriageway cross the meridian through the extract's middle (GK metres).
    private static (double Axis, double South, double North) Across(RoadGeometry road, MetricPlane plane)
    {
        var meridian = plane.ToPlane(new GeometryFactory(new PrecisionModel(), 4326)
            .CreateLineString([new Coordinate(116.4150, 39.960), new Coordinate(116.4150, 39.980)]));
        var ys = road.Carriageways.Intersection(meridian).Coordinates.Select(c => c.Y).ToList();
        var axis = road.Axis.Intersection(meridian).Coordinates.Select(c => c.Y).ToList();
        Assert.NotEmpty(axis);
        Assert.True(ys.Count >= 2, "both carriageways cross the meridian");
        return (axis.Average(), ys.Min(), ys.Max());
    }
}
