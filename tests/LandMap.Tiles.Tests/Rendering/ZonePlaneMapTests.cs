using LandMap.Core.Gazetteer;
using LandMap.Core.Geocoding;
using LandMap.Tests.Shared;
using LandMap.Tiles.Print;
using LandMap.Tiles.Rendering;
using LandMap.Tiles.Tests.Print;

namespace LandMap.Tiles.Tests.Rendering;

/// <summary>
/// A review map of a scene in 北京市朝阳区 is drawn in zone 39 (EPSG:4548, CM 117°E): up is that zone's grid north, as GDAL
/// (gdaltransform, PROJ) places the points; Pingdingshan's fixed EPSG:4547 would turn it by about 1.6°.
/// </summary>
public sealed class ZonePlaneMapTests
{
    private const string Road = "LINESTRING (116.4400 39.9000, 116.4400 39.9400)";

    [Fact]
    public void BeijingSceneIsDrawnOnZone39Grid()
    {
        var scene = new MapScene
        {
            Features = [TestScene.Feature("东三环", PlaceKind.Road, Road)],
            Entries = [TestScene.Entry(1, "朝阳区测试地块", GeocodeStatus.Located, "POLYGON ((116.448 39.9183, 116.4521 39.9183, 116.4521 39.9218, 116.448 39.9218, 116.448 39.9183))", "朝阳区")],
        };
        var view = new MapRenderer(new RenderOptions { Width = 800, Height = 800 }).ViewOf(scene);
        Assert.Equal(4548, view.Plane.Epsg);

        // The ends of a meridian segment, 4.4 km apart: their pixel offset has GDAL's EPSG:4548 bearing.
        (double Lon, double Lat)[] ends = [(116.4400, 39.9000), (116.4400, 39.9400)];
        var gdal = ZonePlaneSheetTests.Gdal(4548, ends);
        var (a, b) = (view.ToPixel(ends[0].Lon, ends[0].Lat), view.ToPixel(ends[1].Lon, ends[1].Lat));
        var expected = Math.Atan2(gdal[1].E - gdal[0].E, gdal[1].N - gdal[0].N);
        var drawn = Math.Atan2(b.X - a.X, a.Y - b.Y);
        Assert.True(Math.Abs(drawn - expected) < 1e-4, $"bearing on the image {drawn * 180 / Math.PI:0.0000}°, in EPSG:4548 {expected * 180 / Math.PI:0.0000}°");
    }

    [Fact]
    public void ThematicMapFooterNamesTheFramesZone()
    {
        var bounds = new NetTopologySuite.Geometries.Envelope(116.44, 116.46, 39.91, 39.93);
        var request = new ThematicMapRequest { Bounds = bounds, DrawnAt = new DateTime(2026, 12, 7) };
        var plane = Core.Crs.MetricPlane.ForExtent(bounds);
        var data = new ThematicMapData(request, ThematicMapLayout.GroundOf(bounds, plane, request.Paper, 0), plane, [], 0, 0, [], "sqlite");
        var folder = Path.Combine(Path.GetTempPath(), $"landmap-zone-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var text = Poppler.Text(ThematicMap.Render(data, PrintFormat.Pdf), folder);
            Assert.Contains("中央经线117°E（EPSG:4548）", text);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
