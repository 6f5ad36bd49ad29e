using LandMap.Tiles.Rendering;
using SkiaSharp;

namespace LandMap.Tiles.Tests.Rendering;

public sealed class MapRendererTests
{
    private static readonly RenderOptions Options = new();
    private static readonly Lazy<byte[]> Png = new(() => Save("test-scene.png", MapRenderer.Render(TestScene.Create(), Options)));

    [Fact]
    public void ImageHasRequestedSize()
    {
        var png = MapRenderer.Render(TestScene.Create(), new RenderOptions { Width = 640, Height = 480 });

        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal((640, 480), (bitmap.Width, bitmap.Height));
    }

    [Fact]
    public void LocatedParcelIsFilledWithLocatedColour()
    {
        using var bitmap = SKBitmap.Decode(Png.Value);

        AssertColour(Options.Style.Statuses[Core.Geocoding.GeocodeStatus.Located].Fill, bitmap, Centre(TestScene.LocatedWkt));
    }

    [Fact]
    public void ApproximateParcelIsFilledWithApproximateColour()
    {
        using var bitmap = SKBitmap.Decode(Png.Value);

        AssertColour(Options.Style.Statuses[Core.Geocoding.GeocodeStatus.Approximate].Fill, bitmap, Centre(TestScene.ApproximateWkt));
    }

    [Fact]
    public void FarOutsideTheDistrictIsBackground()
    {
        using var bitmap = SKBitmap.Decode(Png.Value);

        // 370 m east of the district's east edge, away from the roads.
        AssertColour(Options.Style.Background, bitmap, View().ToPixel(113.364, 33.755));
    }

    [Fact]
    public void UnresolvedEntryDrawsNothingEvenWithAGeometry()
    {
        using var bitmap = SKBitmap.Decode(Png.Value);

        var districtFill = Options.Style.Kinds[Core.Gazetteer.PlaceKind.District].Fill!.Value;
        AssertColour(districtFill, bitmap, Centre(TestScene.UnresolvedWkt));
    }

    [Fact]
    public void UnresolvedEntriesLeaveTheMapUnchanged()
    {
        using var with = SKBitmap.Decode(Png.Value);
        using var without = SKBitmap.Decode(MapRenderer.Render(TestScene.Create(withUnresolved: false), Options));

        // Only the legend and the subtitle count them; the parcel area must not differ.
        var parcel = Box(TestScene.UnresolvedWkt, inflate: 40);
        var differing = Pixels(parcel).Count(p => with.GetPixel(p.X, p.Y) != without.GetPixel(p.X, p.Y));
        Assert.Equal(0, differing);
    }

    [Fact]
    public void ParcelLabelPutsTextNextToTheParcel()
    {
        using var bitmap = SKBitmap.Decode(Png.Value);

        var parcel = Box(TestScene.LocatedWkt, inflate: 5);
        var near = Box(TestScene.LocatedWkt, inflate: 250);
        var dark = Pixels(near).Count(p => !parcel.Contains(p) && IsDark(bitmap.GetPixel(p.X, p.Y)));
        Assert.True(dark > 40, $"expected the label's dark text pixels near the located parcel, found {dark}");
    }

    [Fact]
    public void ScaleBarIsDrawnBottomLeft()
    {
        using var bitmap = SKBitmap.Decode(Png.Value);

        var corner = SKRectI.Create(0, bitmap.Height * 85 / 100, bitmap.Width / 4, bitmap.Height * 15 / 100);
        var dark = Pixels(corner).Count(p => IsDark(bitmap.GetPixel(p.X, p.Y)));
        Assert.True(dark > 300, $"expected the scale bar's dark segments in the bottom-left corner, found {dark} dark pixels");
    }

    [Fact]
    public void RenderingTwiceGivesIdenticalBytes()
    {
        var again = MapRenderer.Render(TestScene.Create(), Options);

        Assert.Equal(Png.Value, again);
    }

    [Fact]
    public void EmptySceneIsRefused()
    {
        var e = Assert.Throws<InvalidOperationException>(() => MapRenderer.Render(new MapScene(), Options));
        Assert.Contains("nothing to draw", e.Message);
    }

    [Fact]
    public void OutOfRangeSizeIsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MapRenderer(new RenderOptions { Width = 10 }));
    }

    [Fact]
    public void CorridorLineIsStrokedNotFilledIntoAWedge()
    {
        // An L-shaped corridor: filling its path would paint the triangle between its arms.
        const string corridor = "LINESTRING (113.322 33.742, 113.338 33.742, 113.338 33.758)";
        var scene = TestScene.Create(withUnresolved: false);
        scene = scene with { Entries = [.. scene.Entries, TestScene.Entry(20, "寺竹线改建项目", Core.Geocoding.GeocodeStatus.Approximate, corridor)] };
        using var bitmap = SKBitmap.Decode(MapRenderer.Render(scene, Options));
        var view = new MapRenderer(Options).ViewOf(scene);

        var onLine = view.ToPixel(113.330, 33.742);
        var insideTheL = view.ToPixel(113.334, 33.746);
        var outline = Options.Style.Statuses[Core.Geocoding.GeocodeStatus.Approximate].Outline;
        var fill = Options.Style.Statuses[Core.Geocoding.GeocodeStatus.Approximate].Fill;
        Assert.Equal(outline, bitmap.GetPixel((int)onLine.X, (int)onLine.Y));
        Assert.NotEqual(fill, bitmap.GetPixel((int)insideTheL.X, (int)insideTheL.Y));
        Assert.NotEqual(outline, bitmap.GetPixel((int)insideTheL.X, (int)insideTheL.Y));
    }

    private static MapView View() => new MapRenderer(Options).ViewOf(TestScene.Create());

    private static SKPoint Centre(string wkt)
    {
        var c = TestScene.Read(wkt).Centroid;
        return View().ToPixel(c.X, c.Y);
    }

    private static SKRectI Box(string wkt, int inflate)
    {
        var e = TestScene.Read(wkt).EnvelopeInternal;
        var view = View();
        var a = view.ToPixel(e.MinX, e.MinY);
        var b = view.ToPixel(e.MaxX, e.MaxY);
        var box = SKRectI.Round(new SKRect(a.X, b.Y, b.X, a.Y));
        box.Inflate(inflate, inflate);
        box.Intersect(SKRectI.Create(0, 0, Options.Width, Options.Height));
        return box;
    }

    private static IEnumerable<SKPointI> Pixels(SKRectI box)
    {
        for (var y = box.Top; y < box.Bottom; y++)
        {
            for (var x = box.Left; x < box.Right; x++)
            {
                yield return new SKPointI(x, y);
            }
        }
    }

    // Text and the scale bar are near black or dark green; roads, the district outline and fills are not.
    private static bool IsDark(SKColor c) => c.Red < 100 && c.Green < 110 && c.Blue < 100;

    private static void AssertColour(SKColor expected, SKBitmap bitmap, SKPoint at)
    {
        var (x, y) = ((int)Math.Round(at.X), (int)Math.Round(at.Y));
        Assert.InRange(x, 0, bitmap.Width - 1);
        Assert.InRange(y, 0, bitmap.Height - 1);
        var actual = bitmap.GetPixel(x, y);
        Assert.True(actual == expected, $"pixel ({x}, {y}): expected {expected}, got {actual}");
    }

    private static byte[] Save(string name, byte[] png)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "rendered");
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, name), png);
        return png;
    }
}
