using System.Diagnostics;
using Microsoft.Playwright;
using NetTopologySuite.Geometries;

namespace LandMap.Benchmarks.City;

/// <summary>
/// The page on the city store in headless Chromium (Debian's, $LANDMAP_CHROMIUM, nothing downloaded; set up as the
/// browser tests do): time from navigation to the first parcel tile received and to the page drawing parcels
/// (its test hook <c>window.landmap.rendered()</c>, which exists once the page is ready), then screenshots at z12 and
/// z16 over the core, written to docs/benchmarks/.
/// </summary>
internal static class PageBench
{
    public static async Task RunAsync(string url, Coordinate focus, string screenshots, string label)
    {
        var chromium = Environment.GetEnvironmentVariable("LANDMAP_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            Console.WriteLine($"page: skipped, no Chromium at {chromium} (set LANDMAP_CHROMIUM)");
            return;
        }
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            // Root in CI needs --no-sandbox; the rest keep Chromium off the (closed) network.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 }, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        var watch = new Stopwatch();
        var firstTile = new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously);
        page.Response += (_, response) =>
        {
            if (response.Url.Contains("/tiles/parcels/", StringComparison.Ordinal) && response.Status == 200) firstTile.TrySetResult(watch.Elapsed.TotalMilliseconds);
        };
        page.PageError += (_, error) => Console.WriteLine($"  [page] {error}");

        watch.Start();
        await page.GotoAsync(url);
        await page.WaitForFunctionAsync("() => window.landmap && window.landmap.rendered().length > 0", null,
            new PageWaitForFunctionOptions { PollingInterval = 20, Timeout = 120_000 });
        var drawn = watch.Elapsed.TotalMilliseconds;
        var tile = firstTile.Task.IsCompleted ? await firstTile.Task : double.NaN;
        var count = await page.EvaluateAsync<int>("() => window.landmap.rendered().length");
        Console.WriteLine($"page ({label}): navigation → first parcel tile received {tile:0} ms, → page ready with parcels drawn {drawn:0} ms ({count:N0} parcels in the view at z13; target < 3000 ms)");

        Directory.CreateDirectory(screenshots);
        foreach (var zoom in new[] { 12, 16 })
        {
            // Centred on the busiest part of the core (the tile benchmark's focus).
            await page.EvaluateAsync("""
                ([lon, lat, z]) => {
                  window.landmap.fitLonLat([lon - 0.001, lat - 0.001, lon + 0.001, lat + 0.001]);
                  window.landmap.map.getView().setZoom(z);
                }
                """, new object[] { focus.X, focus.Y, zoom });
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await page.EvaluateAsync("() => new Promise(r => { const m = window.landmap.map; m.once('rendercomplete', () => r(true)); m.render(); })");
            var path = Path.Combine(screenshots, $"city-z{zoom}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
            var shown = await page.EvaluateAsync<int>("() => window.landmap.rendered().length");
            Console.WriteLine($"  screenshot z{zoom}: {path} ({shown:N0} parcels drawn, {new FileInfo(path).Length / 1024} KB)");
        }
        await context.CloseAsync();
    }
}
