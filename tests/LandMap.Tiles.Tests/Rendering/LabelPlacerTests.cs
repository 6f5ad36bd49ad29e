using LandMap.Tiles.Rendering;
using SkiaSharp;

namespace LandMap.Tiles.Tests.Rendering;

public sealed class LabelPlacerTests
{
    [Fact]
    public void OverlappingLabelTakesItsNextCandidate()
    {
        var placer = new LabelPlacer(1000, 1000);
        var target = SKRect.Create(100, 100, 50, 50);

        var first = placer.TryPlace(LabelPlacer.Around(target, 80, 20, 2));
        var second = placer.TryPlace(LabelPlacer.Around(target, 80, 20, 2));

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.True(first.Value.Left > target.Right, "the first label goes right of its target");
        Assert.True(second.Value.Right < target.Left, "the second, blocked on the right, goes left");
    }

    [Fact]
    public void LabelIsSkippedWhenEveryCandidateIsTaken()
    {
        var placer = new LabelPlacer(1000, 1000);
        placer.Reserve(SKRect.Create(0, 0, 1000, 1000));

        Assert.Null(placer.TryPlace(LabelPlacer.Centred(new SKPoint(500, 500), 80, 20)));
    }

    [Fact]
    public void LabelsStayInsideTheImage()
    {
        var placer = new LabelPlacer(200, 200);

        var box = placer.TryPlace(LabelPlacer.Around(SKRect.Create(180, 90, 10, 10), 50, 20, 2));

        Assert.NotNull(box);
        Assert.True(box.Value.Right <= 200 && box.Value.Left >= 0, $"{box} leaves the image");
    }

    [Fact]
    public void NearTriesTheCentreFirstThenMovesAway()
    {
        var boxes = LabelPlacer.Near(new SKPoint(500, 500), 100, 40).ToList();

        Assert.Equal(SKRect.Create(450, 480, 100, 40), boxes[0]);
        Assert.Equal(49, boxes.Count);
        var distances = boxes.Select(b => Math.Pow(b.MidX - 500, 2) + Math.Pow(b.MidY - 500, 2)).ToList();
        Assert.Equal(distances.Order(), distances);
    }

    [Theory]
    [InlineData("智慧物流园", "智慧物流园")]
    [InlineData("北货场厂房、大棚重建项目", "北货场厂房、大棚重建…")]
    public void LongNamesAreShortened(string name, string expected)
    {
        Assert.Equal(expected, ParcelLayer.Shorten(name, 10));
    }
}
