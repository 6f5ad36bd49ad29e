using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using LandMap.Core.Crs;
using NetTopologySuite.Geometries;

namespace LandMap.Server.Tests.Browser;

/// <summary>
/// 测量: a line and a polygon drawn with the mouse over parcels; the figures shown are checked against a haversine
/// (distance) and the area of the polygon projected to CGCS2000 Gauss-Krüger (area), computed here from the lon/lat of
/// the clicked pixels; the clicks open no parcel.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed partial class MeasureTests(BrowserFixture fixture) : MapPageTest(fixture)
{
    private const double EarthRadius = 6371008.8;

    [Fact]
    public async Task DistanceAndAreaDrawnWithTheMouseAreGeodesicAndOpenNoParcel()
    {
        if (Page is null) return;
        // Start at the largest parcel in the view (a click there would open it); the other points 240 px right and down.
        var origin = await Page.EvaluateAsync<JsonElement>("""
            () => {
              const { map } = window.landmap;
              const features = window.landmap.parcels.getFeaturesInExtent(map.getView().calculateExtent(map.getSize()))
                .filter(f => f.getType() === 'Polygon' && f.get('areaMu') != null);
              const largest = features.reduce((a, b) => (b.get('areaMu') > a.get('areaMu') ? b : a));
              const e = largest.getExtent();
              const pixel = map.getPixelFromCoordinate([(e[0] + e[2]) / 2, (e[1] + e[3]) / 2]).map(Math.round);
              const box = map.getTargetElement().getBoundingClientRect();
              return { left: box.left, top: box.top, x: pixel[0], y: pixel[1], onParcel: map.getFeaturesAtPixel(pixel).length > 0 };
            }
            """);
        Assert.True(origin.GetProperty("onParcel").GetBoolean());
        var (x, y) = (origin.GetProperty("x").GetInt32(), origin.GetProperty("y").GetInt32());
        int[][] line = [[x, y], [x + 240, y], [x + 240, y + 160]];
        int[][] polygon = [[x, y], [x + 240, y], [x + 240, y + 160], [x, y + 160]];
        var zoom = await Page.EvaluateAsync<double>("() => window.landmap.map.getView().getZoom()");

        await Page.ClickAsync("#measure-distance");
        await Draw(origin, line);
        await Page.WaitForSelectorAsync(".measure-tip.done");
        var distance = await Page.InnerTextAsync("#measure-result");
        var expectedMetres = Haversine(await LonLat(line));
        Assert.InRange(Metres(distance), expectedMetres * 0.998, expectedMetres * 1.002);
        Assert.InRange(double.Parse(await Page.GetAttributeAsync("#measure-result", "data-value") ?? "", CultureInfo.InvariantCulture),
            expectedMetres * 0.998, expectedMetres * 1.002);
        // The clicks belonged to the tool: no panel, no zoom by the double-click.
        Assert.True(await Page.IsHiddenAsync("#panel"));
        Assert.Null(await Page.EvaluateAsync<long?>("() => window.landmap.state.selectedId"));
        Assert.Equal(zoom, await Page.EvaluateAsync<double>("() => window.landmap.map.getView().getZoom()"));
        await Screenshot("measure-distance");

        await Page.ClickAsync("#measure-area");
        await Draw(origin, polygon);
        await Page.WaitForSelectorAsync(".measure-tip.done");
        var areaText = await Page.InnerTextAsync("#measure-result");
        var match = AreaText().Match(areaText);
        Assert.True(match.Success, areaText);
        var expectedSquareMetres = ProjectedArea(await LonLat(polygon));
        var squareMetres = double.Parse(match.Groups["m2"].Value.Replace(",", ""), CultureInfo.InvariantCulture);
        var mu = double.Parse(match.Groups["mu"].Value.Replace(",", ""), CultureInfo.InvariantCulture);
        Assert.InRange(squareMetres, expectedSquareMetres * 0.997, expectedSquareMetres * 1.003);
        Assert.InRange(mu, expectedSquareMetres / (10000.0 / 15) * 0.997, expectedSquareMetres / (10000.0 / 15) * 1.003);
        Assert.True(await Page.IsHiddenAsync("#panel"));
        await Screenshot("measure-area");

        // Esc ends the tool and clears it; the map's clicks open parcels again.
        await Page.Keyboard.PressAsync("Escape");
        Assert.Equal(0, await Page.Locator(".measure-tip").CountAsync());
        Assert.Equal("", await Page.InnerTextAsync("#measure-result"));
        Assert.False(await Page.EvaluateAsync<bool>("() => window.landmap.measure.active"));
        await Page.Mouse.ClickAsync(origin.GetProperty("left").GetSingle() + x, origin.GetProperty("top").GetSingle() + y);
        await Page.WaitForSelectorAsync("#panel:not([hidden]) .parcel-name");
        Assert.Empty(ConsoleErrors);
    }

    // Clicks each point and double-clicks the last (which ends the drawing).
    private async Task Draw(JsonElement origin, int[][] points)
    {
        var (left, top) = (origin.GetProperty("left").GetSingle(), origin.GetProperty("top").GetSingle());
        foreach (var p in points[..^1])
        {
            await Page!.Mouse.ClickAsync(left + p[0], top + p[1]);
            // A person's pause between clicks: two clicks within 250 ms would be a double-click to the map.
            await Page.WaitForTimeoutAsync(300);
        }
        await Page!.Mouse.DblClickAsync(left + points[^1][0], top + points[^1][1]);
    }

    // The lon/lat of map pixels, as the map converts them.
    private async Task<double[][]> LonLat(int[][] pixels) =>
        await Page!.EvaluateAsync<double[][]>("""
            pixels => pixels.map(p => {
              const [mx, my] = window.landmap.map.getCoordinateFromPixel(p);
              return [mx / 20037508.342789244 * 180, Math.atan(Math.sinh(my / 6378137)) * 180 / Math.PI];
            })
            """, pixels);

    private static double Haversine(double[][] lonLat)
    {
        var sum = 0.0;
        for (var i = 1; i < lonLat.Length; i++)
        {
            var (l1, p1, l2, p2) = (Rad(lonLat[i - 1][0]), Rad(lonLat[i - 1][1]), Rad(lonLat[i][0]), Rad(lonLat[i][1]));
            var h = Math.Pow(Math.Sin((p2 - p1) / 2), 2) + Math.Cos(p1) * Math.Cos(p2) * Math.Pow(Math.Sin((l2 - l1) / 2), 2);
            sum += 2 * EarthRadius * Math.Asin(Math.Sqrt(h));
        }
        return sum;
    }

    // Planar area in CGCS2000 / 3° GK CM 114°E: the ellipsoid's, not the sphere's, so it agrees to a few parts in 10,000.
    private static double ProjectedArea(double[][] lonLat)
    {
        var ring = lonLat.Append(lonLat[0]).Select(c => new Coordinate(c[0], c[1])).ToArray();
        var projected = CrsTransformer.Transform(new GeometryFactory().CreatePolygon(ring), KnownCrs.Wgs84, KnownCrs.Cgcs2000Gk114);
        return projected.Value.Area;
    }

    private static double Rad(double degrees) => degrees * Math.PI / 180;

    private static double Metres(string text)
    {
        var match = Regex.Match(text, @"(?<n>[\d,.]+) (?<unit>米|公里)");
        Assert.True(match.Success, text);
        var n = double.Parse(match.Groups["n"].Value.Replace(",", ""), CultureInfo.InvariantCulture);
        return match.Groups["unit"].Value == "公里" ? n * 1000 : n;
    }

    [GeneratedRegex(@"面积：(?<m2>[\d,]+) 平方米（(?<mu>[\d,.]+) 亩）")]
    private static partial Regex AreaText();
}
