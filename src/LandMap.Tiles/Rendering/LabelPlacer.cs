using SkiaSharp;

namespace LandMap.Tiles.Rendering;

/// <summary>
/// Greedy label placement: a label is drawn at the first of its candidate boxes that overlaps no box taken
/// before it, or not at all. Callers offer labels in priority order (parcels first), so the important ones win.
/// </summary>
internal sealed class LabelPlacer(int width, int height)
{
    private readonly List<SKRect> _taken = [];

    /// <summary>Blocks an area (legend, title, a parcel) for every later label.</summary>
    public void Reserve(SKRect box) => _taken.Add(box);

    /// <summary>The first candidate inside the image that overlaps nothing taken, now taken; null when none fits.</summary>
    public SKRect? TryPlace(IEnumerable<SKRect> candidates)
    {
        foreach (var box in candidates)
        {
            if (box.Left >= 0 && box.Top >= 0 && box.Right <= width && box.Bottom <= height && !_taken.Any(t => t.IntersectsWith(box)))
            {
                _taken.Add(box);
                return box;
            }
        }

        return null;
    }

    /// <summary>Boxes of width × height beside <paramref name="target"/>: right, left, above, below, then the corners.</summary>
    public static IEnumerable<SKRect> Around(SKRect target, float width, float height, float gap)
    {
        var midY = target.MidY - height / 2;
        var midX = target.MidX - width / 2;
        yield return SKRect.Create(target.Right + gap, midY, width, height);
        yield return SKRect.Create(target.Left - gap - width, midY, width, height);
        yield return SKRect.Create(midX, target.Top - gap - height, width, height);
        yield return SKRect.Create(midX, target.Bottom + gap, width, height);
        yield return SKRect.Create(target.Right + gap, target.Top - gap - height, width, height);
        yield return SKRect.Create(target.Right + gap, target.Bottom + gap, width, height);
        yield return SKRect.Create(target.Left - gap - width, target.Top - gap - height, width, height);
        yield return SKRect.Create(target.Left - gap - width, target.Bottom + gap, width, height);
    }

    /// <summary>A box of width × height centred on <paramref name="at"/>, then shifted up and down by its height.</summary>
    public static IEnumerable<SKRect> Centred(SKPoint at, float width, float height)
    {
        foreach (var shift in (float[])[0, -1.2f, 1.2f])
        {
            yield return SKRect.Create(at.X - width / 2, at.Y - height / 2 + shift * height, width, height);
        }
    }

    /// <summary>
    /// Boxes of width × height centred on <paramref name="at"/> and then on a grid around it (steps of half
    /// the width and the whole height, up to <paramref name="steps"/> out), nearest first.
    /// </summary>
    public static IEnumerable<SKRect> Near(SKPoint at, float width, float height, int steps = 3)
    {
        var offsets =
            from i in Enumerable.Range(-steps, 2 * steps + 1)
            from j in Enumerable.Range(-steps, 2 * steps + 1)
            let dx = i * width / 2
            let dy = j * height
            orderby dx * dx + dy * dy, j, i
            select new SKPoint(dx, dy);
        return offsets.Select(o => SKRect.Create(at.X + o.X - width / 2, at.Y + o.Y - height / 2, width, height));
    }
}
