using System.Text.Json;
using Microsoft.Playwright;

namespace LandMap.Server.Tests.Browser;

/// <summary>
/// The map page on a phone (390×844, device scale 3, touch): nothing wider than the screen, the top bar's controls in
/// a ☰ menu, the side column over the map, the parcel panel as a bottom sheet.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class PhonePageTests(BrowserFixture fixture) : MapPageTest(fixture)
{
    private const int Width = 390, Height = 844;

    protected override BrowserNewContextOptions ContextOptions => new()
    {
        ViewportSize = new ViewportSize { Width = Width, Height = Height }, DeviceScaleFactor = 3, IsMobile = true, HasTouch = true,
        Locale = "zh-CN",
    };

    [Fact]
    public async Task PhonePageFitsTheScreenAndTheMenuReachesPlanYearDistrictSearchAndLogin()
    {
        if (Page is null) return;
        await AssertNoHorizontalOverflow();
        // The map's own controls do not cover each other (测量 once hid the zoom-out button).
        foreach (var button in new[] { "#menu-toggle", "#side-toggle", ".ol-zoom-in", ".ol-zoom-out", "#measure-distance", "#measure-area" })
            await AssertReachable(button);
        await Screenshot("phone-start");

        await Page.TapAsync("#menu-toggle");
        foreach (var control in new[] { "#plan-year button[data-year='2023']", "#district", "#search-text", "#search button[type=submit]",
                     "#login-button", "#open-view-list", "#export-png", "#share-button" })
            await AssertReachable(control);
        await AssertNoHorizontalOverflow();
        await Screenshot("phone-menu");
        // 分享 shows its link inside the screen.
        await Page.TapAsync("#share-button");
        await AssertReachable("#share-url");
        await AssertNoHorizontalOverflow();
        await Page.TapAsync("#share-button");

        // Searching from the menu opens the hit as the bottom sheet; the menu folds so nothing covers it.
        await Page.FillAsync("#search-text", "电子半导体产业园");
        await Page.TapAsync("#search button[type=submit]");
        await Page.WaitForSelectorAsync("#panel:not([hidden]) .parcel-name");
        Assert.True(await Page.IsHiddenAsync("#search-text"));
        await AssertReachable("#panel-close");
        await AssertNoHorizontalOverflow();

        // The login dialog fits the screen too.
        await Page.TapAsync("#menu-toggle");
        await Page.TapAsync("#login-button");
        await AssertReachable("#login-password");
        await AssertReachable("#login-submit");
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task TapOnAParcelOpensABottomSheetInsideTheScreenThatClosesAgain()
    {
        if (Page is null) return;
        // In the upper part of the map, where the sheet will not cover it.
        var target = await ParcelToClickAsync(80, 60, 480, 60);
        Assert.NotEqual(JsonValueKind.Null, target.ValueKind);
        var id = target.GetProperty("id").GetInt64();
        await Settle();
        await Page.Touchscreen.TapAsync(target.GetProperty("x").GetSingle(), target.GetProperty("y").GetSingle());
        await Page.WaitForSelectorAsync($"#panel:not([hidden]) .parcel-name[data-id='{id}']");

        // A sheet along the bottom of the map, at most ~60 % of its height, inside the screen, its close button on top.
        var sheet = (await Page.Locator("#panel").BoundingBoxAsync())!;
        var map = (await Page.Locator("#map").BoundingBoxAsync())!;
        Assert.True(sheet.X >= 0 && sheet.X + sheet.Width <= Width + 0.5 && sheet.Y >= map.Y && sheet.Y + sheet.Height <= Height + 0.5,
            $"sheet {sheet.X},{sheet.Y} {sheet.Width}×{sheet.Height}");
        Assert.True(sheet.Width >= Width - 1, $"sheet width {sheet.Width}");
        Assert.InRange(sheet.Y + sheet.Height, map.Y + map.Height - 1, map.Y + map.Height + 1);
        Assert.True(sheet.Height <= map.Height * 0.61, $"sheet {sheet.Height} of {map.Height}");
        Assert.True(await Page.EvaluateAsync<bool>("() => { const p = document.querySelector('#panel'); return p.scrollHeight <= p.clientHeight || getComputedStyle(p).overflowY === 'auto'; }"));
        await AssertReachable("#panel-close");
        await Page.WaitForTimeoutAsync(500);
        await Settle();
        await Screenshot("phone-sheet");

        // Scrolled down, the close button is still on top of the sheet.
        await Page.EvalOnSelectorAsync("#panel", "p => { p.scrollTop = p.scrollHeight; }");
        await AssertReachable("#panel-close");
        await Page.TapAsync("#panel-close");
        await Page.WaitForSelectorAsync("#panel", new PageWaitForSelectorOptions { State = WaitForSelectorState.Hidden });
        await AssertNoHorizontalOverflow();
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task SideColumnIsClosedAtStartOpensOverTheMapAndFindLandWorksThere()
    {
        if (Page is null) return;
        Assert.False(await Page.IsVisibleAsync("#land-use"), "the side column is closed on a phone");
        await Page.TapAsync("#side-toggle");
        Assert.Equal("true", await Page.GetAttributeAsync("#side-toggle", "aria-expanded"));
        // It slides in from the left.
        await Page.WaitForFunctionAsync("() => document.querySelector('#sidebar').getBoundingClientRect().left >= 0");
        foreach (var control in new[] { "#land-use", "#land-min", "#land-max", "#stage-filter", "#sidebar .side-close" })
            await AssertReachable(control);
        var column = (await Page.Locator("#sidebar").BoundingBoxAsync())!;
        Assert.True(column.X >= 0 && column.X + column.Width <= Width, $"side column {column.X}+{column.Width}");

        // 找地 in the column: industrial land of at least 100 亩.
        await Page.SelectOptionAsync("#land-use", "industrial-land");
        await Page.FillAsync("#land-min", "100");
        await Page.Locator("#land-min").BlurAsync();
        await Page.WaitForSelectorAsync("#land-list li[data-id] button");
        await Page.WaitForFunctionAsync("() => !window.landmap.map.getView().getAnimating()");
        await AssertReachable("#land-list li[data-id] button");
        await AssertNoHorizontalOverflow();
        await Screenshot("phone-side-column");

        // A row opens the parcel: the column folds away and the sheet shows it.
        var id = long.Parse((await Page.GetAttributeAsync("#land-list li[data-id]", "data-id"))!);
        await Page.TapAsync("#land-list li[data-id] button");
        await Page.WaitForSelectorAsync($"#panel:not([hidden]) .parcel-name[data-id='{id}']");
        Assert.Equal("false", await Page.GetAttributeAsync("#side-toggle", "aria-expanded"));
        // It slides out (hidden at the end of the slide).
        await Page.WaitForSelectorAsync("#land-use", new PageWaitForSelectorOptions { State = WaitForSelectorState.Hidden });
        await AssertReachable("#panel-close");
        await Page.WaitForTimeoutAsync(600);
        await Settle();
        await Screenshot("phone-find-land-sheet");

        // The view was fitted above the sheet: the parcel's middle lies between the top of the map and the sheet.
        var placed = await Page.EvaluateAsync<JsonElement>("""
            () => {
              const { map, state } = window.landmap;
              const ring = state.selected.geometry.coordinates.flat(Infinity);
              const xs = ring.filter((_, i) => i % 2 === 0), ys = ring.filter((_, i) => i % 2 === 1);
              const lon = (Math.min(...xs) + Math.max(...xs)) / 2, lat = (Math.min(...ys) + Math.max(...ys)) / 2;
              const pixel = map.getPixelFromCoordinate([lon * 20037508.342789244 / 180, Math.log(Math.tan((90 + lat) * Math.PI / 360)) * 6378137]);
              const sheetTop = document.querySelector('#panel').getBoundingClientRect().top - map.getTargetElement().getBoundingClientRect().top;
              return { y: pixel[1], x: pixel[0], sheetTop };
            }
            """);
        Assert.InRange(placed.GetProperty("y").GetDouble(), 40, placed.GetProperty("sheetTop").GetDouble() - 40);
        Assert.InRange(placed.GetProperty("x").GetDouble(), 40, Width - 40);
        Assert.True(await Page.EvaluateAsync<double>("() => window.landmap.map.getView().getZoom()") > 14);
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task DialogsCardsAndTheReviewQueueFitThePhone()
    {
        if (Page is null) return;
        // 两年对比: its card wraps beside the zoom buttons.
        await Page.TapAsync("#menu-toggle");
        await Page.TapAsync("#compare-button");
        await Page.WaitForFunctionAsync("() => document.querySelector('#compare-counts').textContent.includes('延续')");
        await Page.TapAsync("#menu-toggle");
        await AssertInside("#compare");
        await AssertNoHorizontalOverflow();
        await Settle();
        await Screenshot("phone-compare");
        await Page.TapAsync("#menu-toggle");
        await Page.TapAsync("#plan-year button[data-year='']");

        // 视图内地块 from the menu: a dialog as wide as the screen, rows to tap.
        await Page.TapAsync("#open-view-list");
        await Page.WaitForSelectorAsync("#view-list[open] li[data-id] button");
        await AssertInside("#view-list");
        await AssertReachable("#view-list li[data-id] button");
        await AssertReachable("#view-list .close");
        await Screenshot("phone-view-list");
        var id = long.Parse((await Page.GetAttributeAsync("#view-list li[data-id]", "data-id"))!);
        await Page.TapAsync("#view-list li[data-id] button");
        await Page.WaitForSelectorAsync($"#panel:not([hidden]) .parcel-name[data-id='{id}']");
        await Page.TapAsync("#panel-close");

        // 指标图表: one column, inside the screen.
        await Page.TapAsync("#menu-toggle");
        await Page.TapAsync("#open-charts");
        await Page.WaitForSelectorAsync("#charts[open] #indicator-list li");
        await AssertInside("#charts");
        await AssertReachable("#charts-close");
        await Screenshot("phone-charts");
        await Page.TapAsync("#charts-close");

        // A reviewer's queue lies over the map, its rows tappable.
        await Page.TapAsync("#menu-toggle");
        await LogIn("reviewer");
        await Page.TapAsync("#queue-button");
        await Page.WaitForSelectorAsync("#queue-list li[data-id] button");
        await AssertInside("#queue");
        await AssertReachable("#queue-list li[data-id] button");
        await AssertReachable("#queue-close");
        await AssertNoHorizontalOverflow();
        await Screenshot("phone-queue");
        Assert.Empty(ConsoleErrors);
    }

    private async Task AssertInside(string selector)
    {
        var box = (await Page!.Locator(selector).BoundingBoxAsync())!;
        Assert.True(box.X >= 0 && box.Y >= 0 && box.X + box.Width <= Width + 0.5 && box.Y + box.Height <= Height + 0.5,
            $"{selector} lies at {box.X},{box.Y} {box.Width}×{box.Height}, outside the {Width}×{Height} screen");
    }

    private async Task AssertNoHorizontalOverflow()
    {
        var width = await Page!.EvaluateAsync<int>("() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)");
        Assert.True(width <= Width, $"the page is {width} px wide on a {Width} px screen");
    }

    /// <summary>The element is shown, wholly inside the screen, not covered at its centre, and at least 40 px tall.</summary>
    private async Task AssertReachable(string selector)
    {
        var found = await Page!.EvalOnSelectorAsync<JsonElement>(selector, """
            e => {
              const r = e.getBoundingClientRect();
              const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
              return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, height: r.height,
                hit: !!top && (top === e || e.contains(top) || top.contains(e) && top.tagName === 'LABEL') };
            }
            """);
        double Get(string name) => found.GetProperty(name).GetDouble();
        Assert.True(Get("left") >= 0 && Get("top") >= 0 && Get("right") <= Width + 0.5 && Get("bottom") <= Height + 0.5,
            $"{selector} lies at {found}, outside the {Width}×{Height} screen");
        Assert.True(found.GetProperty("hit").GetBoolean(), $"{selector} is covered: {found}");
        Assert.True(Get("height") >= 40, $"{selector} is {Get("height")} px tall, too small to tap");
    }
}
