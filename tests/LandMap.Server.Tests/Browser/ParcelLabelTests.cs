using System.Text.Json;

namespace LandMap.Server.Tests.Browser;

/// <summary>Parcel labels: present at the start zoom for the larger parcels, never overprinting each other.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class ParcelLabelTests(BrowserFixture fixture) : MapPageTest(fixture)
{
    // The labels the last frame drew (their boxes in pixels) and the labels the map would write in the view (the label
    // layer's features in the view that its style gives a text to), with the largest of those.
    private const string LabelsScript = """
        () => {
          const { map, labels } = window.landmap;
          const layer = map.getLayers().getArray().find(l => l.get('name') === 'parcel-labels');
          const resolution = map.getView().getResolution();
          const extent = map.getView().calculateExtent(map.getSize());
          const candidates = layer.getSource().getFeaturesInExtent(extent).filter(f => layer.getStyleFunction()(f, resolution));
          const size = f => f.get('areaMuComputed') ?? f.get('areaMu') ?? 0;
          const largest = candidates.reduce((a, b) => (!a || size(b) > size(a) ? b : a), null);
          return { drawn: labels(), candidates: candidates.length, largest: largest && { id: largest.getId(), name: largest.get('name') } };
        }
        """;

    [Fact]
    public async Task LabelsAppearAtTheStartZoomAndNeverOverlapLargestFirst()
    {
        if (Page is null) return;
        Assert.Equal(13, await Page.EvaluateAsync<double>("() => window.landmap.map.getView().getZoom()"));
        var start = await Labels();
        Assert.True(start.Drawn.Count > 0, "no parcel label at the start zoom");
        AssertNoOverlap(start.Drawn);
        // The largest parcel in the view always has its label: it goes first.
        Assert.NotNull(start.Largest);
        Assert.Contains(start.Largest.Value.Id, start.Drawn.Select(l => l.Id));
        await Screenshot("labels-start-zoom");

        // z16 where 卫东区's parcels lie closest together (the label point with the most others within 300 m): the labels
        // give way to each other.
        await Page.EvaluateAsync("""
            () => {
              const { map } = window.landmap;
              const layer = map.getLayers().getArray().find(l => l.get('name') === 'parcel-labels');
              const points = layer.getSource().getFeatures().filter(f => f.get('district') === '卫东区').map(f => f.getGeometry().getCoordinates());
              const near = p => points.filter(q => Math.hypot(p[0] - q[0], p[1] - q[1]) < 300 / Math.cos(33.7 * Math.PI / 180)).length;
              map.getView().setCenter(points.reduce((a, b) => (near(b) > near(a) ? b : a)));
              map.getView().setZoom(16);
            }
            """);
        await Settle();
        var close = await Labels();
        Assert.True(close.Drawn.Count > 0, "no parcel label at z16");
        AssertNoOverlap(close.Drawn);
        Assert.True(close.Drawn.Count < close.Candidates, $"all {close.Candidates} labels drawn at z16: none gave way");
        Assert.Contains(close.Largest!.Value.Id, close.Drawn.Select(l => l.Id));
        await Screenshot("labels-z16");
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task TheComparisonLabelsGiveWayToo()
    {
        if (Page is null) return;
        await Page.ClickAsync("#compare-button");
        await Page.WaitForFunctionAsync("() => document.querySelector('#compare-counts').textContent.includes('延续')");
        await Page.EvaluateAsync("() => window.landmap.map.getView().setZoom(15)");
        await Settle();
        var labels = await Labels();
        Assert.True(labels.Drawn.Count > 0, "no label in the comparison");
        AssertNoOverlap(labels.Drawn);
        // Both years' entries are labelled, with their year.
        var names = await Page.EvaluateAsync<string[]>("""
            () => window.landmap.labels().map(l => l.text)
            """);
        Assert.Contains(names, n => n.StartsWith("2021-", StringComparison.Ordinal));
        Assert.Contains(names, n => n.StartsWith("2023-", StringComparison.Ordinal));
        await Screenshot("labels-compare");
        Assert.Empty(ConsoleErrors);
    }

    private static void AssertNoOverlap(IReadOnlyList<Label> drawn)
    {
        Assert.Equal(drawn.Count, drawn.Select(l => l.Id).Distinct().Count());
        for (var i = 0; i < drawn.Count; i++)
            for (var j = i + 1; j < drawn.Count; j++)
            {
                var (a, b) = (drawn[i].Box, drawn[j].Box);
                var overlapX = Math.Min(a[2], b[2]) - Math.Max(a[0], b[0]);
                var overlapY = Math.Min(a[3], b[3]) - Math.Max(a[1], b[1]);
                Assert.False(overlapX > 0.5 && overlapY > 0.5, $"labels overlap: {drawn[i].Name} [{string.Join(", ", a)}] and {drawn[j].Name} [{string.Join(", ", b)}]");
            }
    }

    private async Task<(List<Label> Drawn, int Candidates, (long Id, string Name)? Largest)> Labels()
    {
        var result = await Page!.EvaluateAsync<JsonElement>(LabelsScript);
        var drawn = result.GetProperty("drawn").EnumerateArray()
            .Select(l => new Label(l.GetProperty("id").GetInt64(), l.GetProperty("name").GetString() ?? "",
                [.. l.GetProperty("box").EnumerateArray().Select(v => v.GetDouble())]))
            .ToList();
        var largest = result.GetProperty("largest");
        return (drawn, result.GetProperty("candidates").GetInt32(),
            largest.ValueKind == JsonValueKind.Null ? null : (largest.GetProperty("id").GetInt64(), largest.GetProperty("name").GetString() ?? ""));
    }

    private sealed record Label(long Id, string Name, double[] Box);
}
