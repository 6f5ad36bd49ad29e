using System.Text.Json;
using Microsoft.Playwright;

namespace LandMap.Server.Tests.Browser;

/// <summary>The page between a phone and a wide screen: never wider than the window, top-bar labels never broken.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class PageWidthTests(BrowserFixture fixture) : MapPageTest(fixture)
{
    [Fact]
    public async Task TopBarKeepsEachLabelOnOneLineFromTabletToDesktopAlsoForAReviewer()
    {
        if (Page is null) return;
        await LogIn("reviewer");
        foreach (var width in new[] { 1440, 1280, 1024, 800, 701 })
        {
            await Page.SetViewportSizeAsync(width, 900);
            var found = await Page.EvaluateAsync<JsonElement>("""
                () => ({
                  scrollWidth: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
                  // A label broken into two lines makes its button taller than one line of text.
                  broken: [...document.querySelectorAll('.topbar button, .topbar .field, #account-name')]
                    .filter(e => e.offsetParent !== null && e.getBoundingClientRect().height > 34).map(e => e.textContent.trim()),
                  mapHeight: document.querySelector('#map').getBoundingClientRect().height,
                  wide: [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > innerWidth + 1)
                    .map(e => `${e.tagName}#${e.id}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`).slice(0, 8),
                })
                """);
            Assert.True(found.GetProperty("scrollWidth").GetInt32() <= width, $"{width} px: the page is {found.GetProperty("scrollWidth")} px wide: {found.GetProperty("wide")}");
            Assert.True(found.GetProperty("broken").GetArrayLength() == 0, $"{width} px: broken labels {found.GetProperty("broken")}");
            Assert.True(found.GetProperty("mapHeight").GetDouble() > 600, $"{width} px: the map is {found.GetProperty("mapHeight")} px tall");
            if (width is 1440 or 800) await Screenshot($"width-{width}-reviewer");
        }
        Assert.Empty(ConsoleErrors);
    }
}
