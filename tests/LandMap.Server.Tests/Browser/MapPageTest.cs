using Microsoft.Playwright;

namespace LandMap.Server.Tests.Browser;

/// <summary>
/// A fresh page of the map per test (1440×900, zh-CN) that is ready before the test starts; console errors are
/// collected for the test to assert on, as are the URLs the page requested from the start; screenshots go to
/// <see cref="BrowserFixture.ScreenshotFolder"/>.
/// </summary>
public abstract class MapPageTest(BrowserFixture fixture) : IAsyncLifetime
{
    protected readonly List<string> ConsoleErrors = [];
    protected readonly List<string> Requests = [];
    private IBrowserContext? _context;

    /// <summary>Null when Chromium is missing outside CI (the test then passes with a note from the fixture).</summary>
    protected IPage? Page { get; private set; }

    /// <summary>The browser the page opens in: a 1440×900 desktop unless a test class says otherwise (a phone).</summary>
    protected virtual BrowserNewContextOptions ContextOptions =>
        new() { ViewportSize = new ViewportSize { Width = 1440, Height = 900 }, Locale = "zh-CN", AcceptDownloads = true };

    public async Task InitializeAsync()
    {
        if (fixture.Browser is null) return;
        _context = await fixture.Browser.NewContextAsync(ContextOptions);
        Page = await _context.NewPageAsync();
        Page.Console += (_, message) => { if (message.Type == "error") ConsoleErrors.Add(message.Text); };
        Page.PageError += (_, error) => ConsoleErrors.Add(error);
        Page.Request += (_, request) => { lock (Requests) Requests.Add(request.Url); };
        await Page.GotoAsync(fixture.BaseUrl);
        await Page.WaitForSelectorAsync("body[data-ready]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        Assert.Equal("true", await Page.GetAttributeAsync("body", "data-ready"));
        await Settle();
    }

    public async Task DisposeAsync()
    {
        if (_context is not null) await _context.CloseAsync();
    }

    /// <summary>The ids of the parcels the map draws in the view: tile features of the parcels layer that its style draws.</summary>
    protected Task<long[]> RenderedParcelIds(string layer = "parcels") =>
        Page!.EvaluateAsync<long[]>("layer => window.landmap.rendered(layer === 'parcels' ? window.landmap.parcels : window.landmap.overlay[layer]).map(p => p.id)", layer);

    /// <summary>Fits the view to the parcels of <c>GET /api/parcels?{query}</c> (fetched by the test, not the page) and waits for the tiles.</summary>
    protected async Task FitParcels(string query = "")
    {
        await Page!.EvaluateAsync("""
            async query => {
              const { features } = await (await fetch(`/api/parcels?${query}`)).json();
              const box = [Infinity, Infinity, -Infinity, -Infinity];
              const visit = (c) => { if (typeof c[0] === 'number') { box[0] = Math.min(box[0], c[0]); box[1] = Math.min(box[1], c[1]);
                box[2] = Math.max(box[2], c[0]); box[3] = Math.max(box[3], c[1]); } else c.forEach(visit); };
              features.filter(f => f.geometry).forEach(f => visit(f.geometry.coordinates));
              window.landmap.fitLonLat(box);
            }
            """, query);
        await Settle();
    }

    /// <summary>Waits for tile requests and one rendered frame, so screenshots show the whole map.</summary>
    protected async Task Settle()
    {
        await Page!.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Page.EvaluateAsync("() => new Promise(r => { const m = window.landmap.map; m.once('rendercomplete', () => r(true)); m.render(); })");
    }

    /// <summary>
    /// Fits the map to each polygon parcel in turn, largest first, with the padding <paramref name="top"/>, right, bottom, left
    /// in CSS pixels), until a point in it hits that parcel alone; its page coordinates, id, name and stated area, or JSON
    /// null when none does. Parks may contain other parcels, so the largest is not always the one.
    /// </summary>
    protected async Task<System.Text.Json.JsonElement> ParcelToClickAsync(int top, int right, int bottom, int left) =>
        await Page!.EvaluateAsync<System.Text.Json.JsonElement>("""
            async (padding) => {
              const { map, parcels } = window.landmap;
              const { features } = await (await fetch('/api/parcels')).json();
              const polygons = features.filter(f => f.geometry?.type === 'Polygon' && f.properties.areaMu != null);
              polygons.sort((a, b) => b.properties.areaMu - a.properties.areaMu);
              const toMap = ([lon, lat]) => [lon * 20037508.342789244 / 180, Math.log(Math.tan((90 + lat) * Math.PI / 360)) * 6378137];
              const rendered = () => new Promise(r => { map.once('rendercomplete', r); map.render(); });
              for (const f of polygons) {
                const ring = f.geometry.coordinates[0].map(toMap);
                const xs = ring.map(c => c[0]), ys = ring.map(c => c[1]);
                map.getView().fit([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)], { padding, maxZoom: 16 });
                await rendered();
                const pixel = map.getPixelFromCoordinate([(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2]);
                const hits = [...new Set(map.getFeaturesAtPixel(pixel, { layerFilter: l => l === parcels, hitTolerance: 4 }).map(h => h.getId()))];
                if (hits.length === 1 && hits[0] === f.properties.id) {
                  const box = map.getTargetElement().getBoundingClientRect();
                  return { x: box.left + pixel[0], y: box.top + pixel[1], id: f.properties.id, name: f.properties.name, areaMu: f.properties.areaMu };
                }
              }
              return null;
            }
            """, new[] { top, right, bottom, left });

    protected Task Screenshot(string name) =>
        Page!.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"{name}.png") });

    /// <summary>Signs in through the page's dialog as <paramref name="user"/> (an account of <see cref="BrowserFixture"/>).</summary>
    protected async Task LogIn(string user)
    {
        await Page!.ClickAsync("#login-button");
        await Page.FillAsync("#login-user", user);
        await Page.FillAsync("#login-password", BrowserFixture.Password);
        await Screenshot($"review-login-{user}");
        // The reviewer signs in with the button, the viewer with Enter (the form's default button must be 登录, not 取消).
        if (user == "viewer") await Page.PressAsync("#login-password", "Enter");
        else await Page.ClickAsync("#login-submit");
        await Page.WaitForSelectorAsync("#account-name:not([hidden])");
    }
}
