using System.Globalization;
using System.Text.RegularExpressions;
using LandMap.Tests.Shared;
using Microsoft.Playwright;

namespace LandMap.Server.Tests.Browser;

/// <summary>
/// The pointer's Gauss-Krüger read-out is in the 3° zone under the pointer (web/src/planes.js), named beside it: EPSG:4547
/// over Pingdingshan, EPSG:4548 (CM 117°E) over 北京市朝阳区, each equal to GDAL's gdaltransform (PROJ) of the pointer.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed partial class ZoneReadoutTests(BrowserFixture fixture) : MapPageTest(fixture)
{
    [Theory]
    [InlineData(116.44, 39.91, 116.46, 39.93, 4548, 117)]
    [InlineData(113.32, 33.73, 113.36, 33.76, 4547, 114)]
    public async Task ReadoutIsInThePointersZone(double west, double south, double east, double north, int epsg, int meridian)
    {
        if (Page is null) return;
        await Page.EvaluateAsync("box => window.landmap.fitLonLat(box)", new[] { west, south, east, north });
        await Settle();
        var box = await Page.Locator("#map").BoundingBoxAsync();
        var (x, y) = (box!.X + box.Width * 0.43, box.Y + box.Height * 0.57);
        await Page.Mouse.MoveAsync((float)x, (float)y);
        // The pointer's WGS 84 position, by the map itself (EPSG:3857 → lon/lat on the sphere).
        var lonLat = await Page.EvaluateAsync<double[]>("""
            ([x, y]) => {
              const { map } = window.landmap;
              const b = map.getTargetElement().getBoundingClientRect();
              const [mx, my] = map.getCoordinateFromPixel([x - b.left, y - b.top]);
              const R = 6378137;
              return [mx / R * 180 / Math.PI, (2 * Math.atan(Math.exp(my / R)) - Math.PI / 2) * 180 / Math.PI];
            }
            """, new[] { x, y });

        Assert.Equal($"CGCS2000 / 3° GK CM {meridian}°E (EPSG:{epsg})", await Page.InnerTextAsync("#coord-zone"));
        var shown = ReadOut().Match(await Page.InnerTextAsync("#coord-gk"));
        Assert.True(shown.Success, await Page.InnerTextAsync("#coord-gk"));
        var gdal = ExternalTools.Run("gdaltransform", ["-s_srs", "EPSG:4326", "-t_srs", $"EPSG:{epsg}", "-output_xy"],
                FormattableString.Invariant($"{lonLat[0]:R} {lonLat[1]:R}\n"))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var (northing, easting) = (double.Parse(shown.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(shown.Groups[2].Value, CultureInfo.InvariantCulture));
        Assert.True(Math.Abs(northing - gdal[1]) <= 0.011 && Math.Abs(easting - gdal[0]) <= 0.011,
            $"shown X {northing} Y {easting}, GDAL EPSG:{epsg} X {gdal[1]:F3} Y {gdal[0]:F3}");
        Assert.Empty(ConsoleErrors);
    }

    [GeneratedRegex(@"^X\(北\) (\d+\.\d{2}) m, Y\(东\) (\d+\.\d{2}) m$")]
    private static partial Regex ReadOut();
}
