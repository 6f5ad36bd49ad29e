using System.Text.Json;

namespace LandMap.Server.Tests.Browser;

/// <summary>
/// Identify: a click lists everything under the pointer (see also
/// <see cref="MapPageTests.ClickInsideTheLargeAreaOverASmallerParcelOpensTheSmallerOneAndListsEverythingThere"/>).
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class IdentifyTests(BrowserFixture fixture) : MapPageTest(fixture)
{
    [Fact]
    public async Task AClickOnAProjectSymbolListsTheProjectAndTheParcelUnderIt()
    {
        if (Page is null) return;
        // The semiconductor park carries a ring of project symbols; find a pixel where one symbol and the park are hit.
        await Page.EvaluateAsync("""
            async () => {
              const { geometry } = await (await fetch('/api/parcels/410403202300001')).json();
              const xs = geometry.coordinates[0].map(c => c[0]), ys = geometry.coordinates[0].map(c => c[1]);
              window.landmap.fitLonLat([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]);
            }
            """);
        await Settle();
        var at = await Page.EvaluateAsync<JsonElement>("""
            () => {
              const { map, projects, parcels } = window.landmap;
              const symbol = projects.getSource().getFeatures().find(f => f.get('parcelId') === 410403202300001 && f.get('stage') !== undefined);
              const anchor = map.getPixelFromCoordinate(symbol.getGeometry().getCoordinates());
              for (let dy = -50; dy <= 50; dy++) for (let dx = -50; dx <= 50; dx++) {
                const pixel = [anchor[0] + dx, anchor[1] + dy];
                const symbols = map.getFeaturesAtPixel(pixel, { layerFilter: l => l === projects, hitTolerance: 2 });
                const onPark = map.getFeaturesAtPixel(pixel, { layerFilter: l => l === parcels, hitTolerance: 2 }).some(f => f.getId() === 410403202300001);
                if (symbols.length === 1 && symbols[0] === symbol && onPark) {
                  const box = map.getTargetElement().getBoundingClientRect();
                  return { x: box.left + pixel[0], y: box.top + pixel[1], name: symbol.get('name') };
                }
              }
              return null;
            }
            """);
        Assert.NotEqual(JsonValueKind.Null, at.ValueKind);
        await Page.Mouse.ClickAsync(at.GetProperty("x").GetSingle(), at.GetProperty("y").GetSingle());
        await Page.WaitForSelectorAsync("#panel:not([hidden]) .parcel-name[data-id='410403202300001']");
        await Page.WaitForSelectorAsync("#panel-here .identify-item");
        var kinds = await Page.EvalOnSelectorAllAsync<string[]>("#panel-here .identify-kind", "items => items.map(i => i.textContent)");
        var names = await Page.EvalOnSelectorAllAsync<string[]>("#panel-here .identify-name", "items => items.map(i => i.textContent)");
        // The symbol first (it was clicked, its parcel is open), then the park.
        Assert.Equal("重点项目", kinds[0]);
        Assert.Equal(at.GetProperty("name").GetString(), names[0]);
        Assert.Contains("地块", kinds);
        Assert.Contains("河南（平顶山）电子半导体产业园", names);
        await Settle();
        await Screenshot("identify-project-symbol");
        Assert.Empty(ConsoleErrors);
    }
}
