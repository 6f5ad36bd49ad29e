using LandMap.Core.Crs;
using LandMap.Core.Geocoding;
using NetTopologySuite.Algorithm;

namespace LandMap.Core.Tests.Geocoding;

/// <summary>
/// Two placements issue 12 found wrong on the shipped gazetteer: a corner of a T-junction grew into a 600 m × 33 m strip,
/// and an entry without an area stood on the road's centre line, failing its own side check.
/// </summary>
public sealed class CornerAndPointPlacementTests
{
    private static readonly Lazy<ParcelGeocoder> Geocoder = new(() => new ParcelGeocoder(ShippedGazetteer.Index));

    [Theory]
    // 八矿路 ends at 平安大道: the southern corners lie beyond the road that stops.
    [InlineData("平安大道与八矿路交叉口东南角，面积 30 亩", 30)]
    [InlineData("平安大道与八矿路交叉口西南角，面积 45 亩", 45)]
    [InlineData("平安大道与八矿路交叉口东北角，面积 30 亩", 30)]
    public void ACornerParcelIsCompactAndInItsQuadrant(string text, double areaMu)
    {
        var parcel = Geocoder.Value.GeocodeText(text, "卫东区");

        Assert.Equal(GeocodeStatus.Located, parcel.Status);
        Assert.All(parcel.Constraints, c => Assert.True(c.Satisfied, $"{c.Description}: {c.Detail}"));
        Assert.Equal(areaMu, parcel.AreaMuComputed!.Value, areaMu * 0.03);
        // Width to length of the smallest enclosing rectangle, in metres: at least 1:3 (compact, not a strip).
        var rectangle = (NetTopologySuite.Geometries.Polygon)MinimumDiameter.GetMinimumRectangle(MetricPlane.Gk114.ToPlane(parcel.Geometry!));
        var sides = rectangle.ExteriorRing.Coordinates.Zip(rectangle.ExteriorRing.Coordinates.Skip(1), (a, b) => a.Distance(b)).Take(2).Order().ToList();
        Assert.True(sides[0] / sides[1] >= 1.0 / 3, $"{sides[0]:0} m × {sides[1]:0} m is a strip");
    }

    [Fact]
    public void AnEntryWithoutAreaStandsOnTheStatedSideOfItsRoad()
    {
        var point = Geocoder.Value.GeocodeText("光明路北段东侧下牛村", "卫东区");

        Assert.Equal("Point", point.Geometry!.GeometryType);
        var side = Assert.Single(point.Constraints, c => c.Kind == "side");
        Assert.True(side.Satisfied, side.Detail);
        Assert.All(point.Constraints, c => Assert.True(c.Satisfied, $"{c.Description}: {c.Detail}"));
    }

    // 2021 #23: 东环路两侧 is refused (the other constraints leave it no room), so the entry is not a corridor on the
    // road: it stands east of 东环路 as its side constraint says. It stood on the line where the refused corridor left
    // the plan "linear", by the accident of an overlay's last bits.
    [Fact]
    public void ARefusedCorridorDoesNotPutTheEntryOnTheRoad()
    {
        var point = Geocoder.Value.GeocodeText("新华路东侧、东环路两侧上张村、吴寨村、魏寨村", "卫东区");

        Assert.Equal("Point", point.Geometry!.GeometryType);
        Assert.Contains(point.Warnings, w => w.Contains("“东环路两侧”与其他条件冲突", StringComparison.Ordinal));
        var side = Assert.Single(point.Constraints, c => c.Kind == "side");
        Assert.True(side.Satisfied, side.Detail);
    }
}
