using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using LandMap.Core.Crs;
using Microsoft.Playwright;

namespace LandMap.Server.Tests.Browser;

/// <summary>
/// 坐标系 switch of the pointer read-out: WGS 84 (the map's own), GCJ-02 (高德、腾讯), BD-09 (百度). The page's JavaScript
/// formulas are checked against LandMap.Core's ChinaWebDatums (itself checked against gcoord) at the pointer's position.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed partial class CoordinateReadoutTests(BrowserFixture fixture) : MapPageTest(fixture)
{
    [Fact]
    public async Task ReadoutInGcj02AndBd09MatchesTheCSharpConversionOfThePointer()
    {
        if (Page is null) return;
        var map = await Page.EvaluateAsync<JsonElement>("() => { const b = window.landmap.map.getTargetElement().getBoundingClientRect(); return { left: b.left, top: b.top, width: b.width, height: b.height }; }");
        var (x, y) = (map.GetProperty("left").GetDouble() + map.GetProperty("width").GetDouble() * 0.37, map.GetProperty("top").GetDouble() + map.GetProperty("height").GetDouble() * 0.61);
        await Page.Mouse.MoveAsync((float)x, (float)y);
        // The WGS 84 position of that pixel, by the map itself (EPSG:3857 → lon/lat on the sphere).
        var lonLat = await Page.EvaluateAsync<double[]>("""
            ([x, y]) => {
              const { map } = window.landmap;
              const box = map.getTargetElement().getBoundingClientRect();
              const [mx, my] = map.getCoordinateFromPixel([x - box.left, y - box.top]);
              const R = 6378137;
              return [mx / R * 180 / Math.PI, (2 * Math.atan(Math.exp(my / R)) - Math.PI / 2) * 180 / Math.PI];
            }
            """, new[] { x, y });
        var (lon, lat) = (lonLat[0], lonLat[1]);

        Assert.Equal("wgs84", await Page.InputValueAsync("#coord-datum"));
        AssertShows(await Page.InnerTextAsync("#coord-wgs84"), (lon, lat), "WGS 84");
        await Page.SelectOptionAsync("#coord-datum", "gcj02");
        AssertShows(await Page.InnerTextAsync("#coord-wgs84"), ChinaWebDatums.Wgs84ToGcj02(lon, lat), "GCJ-02");
        Assert.Contains("GCJ-02（高德、腾讯）", await Page.InnerTextAsync("#coord-datum option:checked"));
        await Page.Locator(".statusbar").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "coordinate-readout-gcj02.png") });
        await Page.SelectOptionAsync("#coord-datum", "bd09");
        AssertShows(await Page.InnerTextAsync("#coord-wgs84"), ChinaWebDatums.Wgs84ToBd09(lon, lat), "BD-09");

        // The choice is kept for the next visit.
        await Page.ReloadAsync();
        await Page.WaitForSelectorAsync("body[data-ready]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        Assert.Equal("bd09", await Page.InputValueAsync("#coord-datum"));
        Assert.Empty(ConsoleErrors);
    }

    // Shown with 6 decimals: within 1e-6° (≈ 0.1 m) of the expected position, and ≈ 600 m (GCJ-02) / 1.3 km (BD-09) from WGS 84.
    private static void AssertShows(string text, (double Lon, double Lat) expected, string datum)
    {
        var match = ReadOut().Match(text);
        Assert.True(match.Success, $"{datum}: '{text}'");
        var (lon, lat) = (double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
        Assert.True(Math.Abs(lon - expected.Lon) <= 1.01e-6 && Math.Abs(lat - expected.Lat) <= 1.01e-6, $"{datum}: shown {text}, expected {expected.Lon:F7}, {expected.Lat:F7}");
    }

    [GeneratedRegex(@"^(\d+\.\d{6})°E, (\d+\.\d{6})°N$")]
    private static partial Regex ReadOut();
}
