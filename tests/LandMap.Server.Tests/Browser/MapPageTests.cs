using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace LandMap.Server.Tests.Browser;

[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class MapPageTests(BrowserFixture fixture) : MapPageTest(fixture)
{
    [Fact]
    public async Task PageLoadsWithoutConsoleErrorsAndDrawsParcels()
    {
        if (Page is null) return;
        Assert.True((await RenderedParcelIds()).Length > 0);
        Assert.Contains("地块", await Page.InnerTextAsync("#parcel-count"));
        await Screenshot("page-loaded");
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task PageDrawsParcelsFromTilesWithoutAskingForTheParcelCollection()
    {
        if (Page is null) return;
        string[] requests;
        lock (Requests) requests = [.. Requests.Select(u => new Uri(u).PathAndQuery)];
        // /api/parcels/{id} (the project symbols' parcels) is one parcel; /api/parcels?… would be a collection.
        var collections = requests.Where(r => r.Split('?')[0].TrimEnd('/') == "/api/parcels").ToList();
        Assert.True(collections.Count == 0, "collection requests at start: " + string.Join(", ", collections));
        Assert.Contains(requests, r => System.Text.RegularExpressions.Regex.IsMatch(r, @"^/tiles/parcels/\d+/\d+/\d+\.pbf$"));

        // A parcel the map draws is hit at a pixel inside it, as a click would find it.
        var hit = await Page.EvaluateAsync<JsonElement>("""
            () => {
              const { map, parcels } = window.landmap;
              const extent = map.getView().calculateExtent(map.getSize());
              for (const f of parcels.getFeaturesInExtent(extent)) {
                if (f.getType() !== 'Polygon') continue;
                const flat = f.getFlatCoordinates();
                // The middle of the first ring's bounding box: a parcel whose middle lies outside it is skipped.
                const xs = [], ys = [];
                for (let i = 0; i < f.getEnds()[0]; i += 2) { xs.push(flat[i]); ys.push(flat[i + 1]); }
                const c = [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
                const pixel = map.getPixelFromCoordinate(c);
                if (pixel[0] < 0 || pixel[1] < 0 || pixel[0] > map.getSize()[0] || pixel[1] > map.getSize()[1]) continue;
                const ids = map.getFeaturesAtPixel(pixel, { layerFilter: l => l === parcels }).map(h => h.getId());
                if (ids.includes(f.getId())) return { id: f.getId(), ids, planYear: f.get('planYear'), name: f.get('name') };
              }
              return null;
            }
            """);
        Assert.NotEqual(JsonValueKind.Null, hit.ValueKind);
        Assert.False(string.IsNullOrEmpty(hit.GetProperty("name").GetString()));
        Assert.True(hit.GetProperty("planYear").GetInt32() > 2000);

        // What a person looks at: the district (every parcel with a geometry drawn), then z16 over the semiconductor park.
        await FitParcels("district=卫东区");
        var placed = await Page.EvaluateAsync<long[]>("""
            async () => (await (await fetch('/api/parcels?district=卫东区')).json()).features.filter(f => f.geometry).map(f => f.properties.id)
            """);
        Assert.Equal(placed.Order(), (await RenderedParcelIds()).Order());
        await Screenshot("tiles-district");
        await Page.EvaluateAsync("""
            async () => {
              const { geometry } = await (await fetch('/api/parcels/410403202300001')).json();
              const xs = geometry.coordinates[0].map(c => c[0]), ys = geometry.coordinates[0].map(c => c[1]);
              window.landmap.fitLonLat([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]);
              window.landmap.map.getView().setZoom(16);
            }
            """);
        await Settle();
        Assert.Contains(410403202300001L, await RenderedParcelIds());
        await Screenshot("tiles-z16");
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task ClickInsideTheLargeAreaOverASmallerParcelOpensTheSmallerOneAndListsEverythingThere()
    {
        if (Page is null) return;
        // 卫东区 2023 lists a 5,000-亩 片区 (综合开发), and other entries of the column lie partly in it (the school,
        // 河南省医药卫生学校扩建项目). The map shows that column; the click goes where the 片区 and a smaller entry overlap.
        await Page.ClickAsync("#plan-year button[data-year='2023']");
        var pick = await Page.EvaluateAsync<JsonElement>("""
            async () => {
              const { features } = await (await fetch('/api/parcels?planYear=2023&district=卫东区')).json();
              const polygons = features.filter(f => f.geometry && f.geometry.type === 'Polygon');
              const area = polygons.reduce((a, b) => (b.properties.areaMu ?? 0) > (a.properties.areaMu ?? 0) ? b : a);
              const inside = (p, ring) => {
                let odd = false;
                for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
                  const [xi, yi] = ring[i], [xj, yj] = ring[j];
                  if ((yi > p[1]) !== (yj > p[1]) && p[0] < (xj - xi) * (p[1] - yi) / (yj - yi) + xi) odd = !odd;
                }
                return odd;
              };
              const outer = area.geometry.coordinates[0];
              // Points of a 24 × 24 grid over each smaller parcel that lie in both; the one nearest their mean is the click.
              for (const f of polygons.filter(f => f !== area).sort((a, b) => a.properties.id - b.properties.id)) {
                const ring = f.geometry.coordinates[0];
                const xs = ring.map(c => c[0]), ys = ring.map(c => c[1]);
                const box = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
                const both = [];
                for (let i = 1; i < 24; i++) for (let j = 1; j < 24; j++) {
                  const p = [box[0] + (box[2] - box[0]) * i / 24, box[1] + (box[3] - box[1]) * j / 24];
                  if (inside(p, ring) && inside(p, outer)) both.push(p);
                }
                if (both.length < 20) continue;
                const mean = [both.reduce((s, p) => s + p[0], 0) / both.length, both.reduce((s, p) => s + p[1], 0) / both.length];
                const centre = both.reduce((a, b) => Math.hypot(b[0] - mean[0], b[1] - mean[1]) < Math.hypot(a[0] - mean[0], a[1] - mean[1]) ? b : a);
                return { area: area.properties, parcel: f.properties, centre, box };
              }
              return { area: area.properties };
            }
            """);
        var area = pick.GetProperty("area");
        Assert.True(area.GetProperty("areaMu").GetDouble() >= 5000, area.ToString());
        Assert.True(pick.TryGetProperty("parcel", out var parcel), $"no parcel of the column overlaps the 片区: {pick}");
        var areaId = area.GetProperty("id").GetInt64();
        var parcelId = parcel.GetProperty("id").GetInt64();

        // Show the smaller parcel at z15, then click the middle of it with the mouse.
        var centre = Numbers(pick.GetProperty("centre"));
        await Page.EvaluateAsync("""
            ({ centre, box }) => {
              const { map } = window.landmap;
              window.landmap.fitLonLat(box);
              map.getView().setZoom(Math.min(map.getView().getZoom(), 15));
              const [lon, lat] = centre;
              const coordinate = [lon * 20037508.342789244 / 180, Math.log(Math.tan((90 + lat) * Math.PI / 360)) * 6378137];
              map.getView().setCenter(coordinate);
            }
            """, new { centre, box = Numbers(pick.GetProperty("box")) });
        await Settle();
        var at = await Page.EvaluateAsync<JsonElement>("""
            ({ lon, lat }) => {
              const { map } = window.landmap;
              const pixel = map.getPixelFromCoordinate([lon * 20037508.342789244 / 180, Math.log(Math.tan((90 + lat) * Math.PI / 360)) * 6378137]);
              const box = map.getTargetElement().getBoundingClientRect();
              return { x: box.left + pixel[0], y: box.top + pixel[1] };
            }
            """, new { lon = centre[0], lat = centre[1] });
        await Page.Mouse.ClickAsync(at.GetProperty("x").GetSingle(), at.GetProperty("y").GetSingle());
        await Page.WaitForSelectorAsync($"#panel:not([hidden]) .parcel-name[data-id='{parcelId}']");
        Assert.Equal(parcel.GetProperty("name").GetString(), await Page.InnerTextAsync(".parcel-name"));
        // The panel lists everything under the click: the school (open, first) and the 片区, each with kind, name, year and area.
        var listed = await Page.EvalOnSelectorAllAsync<JsonElement>("#panel-here .identify-item", """
            items => items.map(i => ({ id: Number(i.dataset.id), kind: i.querySelector('.identify-kind').textContent,
              name: i.querySelector('.identify-name').textContent, meta: i.querySelector('.identify-meta').textContent,
              current: i.classList.contains('current') }))
            """);
        var items = listed.EnumerateArray().ToList();
        Assert.Contains("此处共", await Page.InnerTextAsync("#panel-here .identify-title"));
        Assert.Equal(parcelId, items[0].GetProperty("id").GetInt64());
        Assert.True(items[0].GetProperty("current").GetBoolean());
        var areaItem = Assert.Single(items, i => i.GetProperty("id").GetInt64() == areaId);
        Assert.Equal("地块", areaItem.GetProperty("kind").GetString());
        Assert.Equal(area.GetProperty("name").GetString(), areaItem.GetProperty("name").GetString());
        Assert.Contains("2023 年计划", areaItem.GetProperty("meta").GetString());
        Assert.Contains("5,000 亩", areaItem.GetProperty("meta").GetString());
        Assert.Equal(parcel.GetProperty("name").GetString(), items[0].GetProperty("name").GetString());
        await Settle();
        await Screenshot("identify-list");

        // Clicking the 片区 in the list opens it; the list stays, with the 片区 marked.
        await Page.ClickAsync($"#panel-here .identify-item[data-id='{areaId}']");
        await Page.WaitForSelectorAsync($"#panel:not([hidden]) .parcel-name[data-id='{areaId}']");
        Assert.Equal(area.GetProperty("name").GetString(), await Page.InnerTextAsync(".parcel-name"));
        Assert.Equal(items.Count, await Page.Locator("#panel-here .identify-item").CountAsync());
        Assert.Equal(areaId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            await Page.GetAttributeAsync("#panel-here .identify-item.current", "data-id"));
        await Settle();
        await Screenshot("identify-opened-area");
        Assert.Empty(ConsoleErrors);
    }

    private static double[] Numbers(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetDouble())];

    [Fact]
    public async Task ClickingAParcelOpensItsPanelWithNameAndArea()
    {
        if (Page is null) return;
        // A parcel whose interior point hits only itself (parks may contain other parcels).
        var target = await ParcelToClickAsync(200, 600, 200, 200);
        Assert.NotEqual(JsonValueKind.Null, target.ValueKind);
        await Page.Mouse.ClickAsync(target.GetProperty("x").GetSingle(), target.GetProperty("y").GetSingle());
        await Page.WaitForSelectorAsync("#panel:not([hidden]) .parcel-name");
        Assert.Equal(target.GetProperty("name").GetString(), await Page.InnerTextAsync(".parcel-name"));
        var areaText = await Page.InnerTextAsync(".area-stated");
        Assert.Contains(target.GetProperty("areaMu").GetDouble().ToString("#,0.##", System.Globalization.CultureInfo.InvariantCulture), areaText);
        Assert.Contains("m²", areaText);
        await Settle();
        await Screenshot("parcel-panel");
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task PlanYearSwitchChangesWhatIsShown()
    {
        if (Page is null) return;
        await FitParcels();
        var all = await RenderedParcelIds();
        const string drawnYears = "() => [...new Set(window.landmap.rendered().map(p => p.planYear))]";
        Assert.Equal(new[] { 2021, 2023 }, (await Page.EvaluateAsync<int[]>(drawnYears)).Order());
        Assert.Contains("地块 60 个", await Page.InnerTextAsync("#parcel-count"));
        await Page.ClickAsync("#plan-year button[data-year='2021']");
        await Page.WaitForFunctionAsync("() => window.landmap.rendered().every(p => p.planYear === 2021)");
        var in2021 = await RenderedParcelIds();
        await Settle();
        await Screenshot("plan-year-2021");
        await Page.ClickAsync("#plan-year button[data-year='2023']");
        await Page.WaitForFunctionAsync("() => window.landmap.rendered().every(p => p.planYear === 2023)");
        var in2023 = await RenderedParcelIds();
        Assert.True(in2021.Length > 0 && in2023.Length > 0, $"2021: {in2021.Length}, 2023: {in2023.Length}");
        Assert.Equal(all.Order(), in2021.Concat(in2023).Order());
        Assert.Contains("地块 25 个", await Page.InnerTextAsync("#parcel-count"));
        await Settle();
        await Screenshot("plan-year-2023");
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task SearchFindsTheSemiconductorParkAndZoomsToIt()
    {
        if (Page is null) return;
        var zoomBefore = await Page.EvaluateAsync<double>("() => window.landmap.map.getView().getZoom()");
        await Page.FillAsync("#search-text", "电子半导体产业园");
        await Page.PressAsync("#search-text", "Enter");
        await Page.WaitForSelectorAsync("#panel:not([hidden]) .parcel-name");
        Assert.Contains("电子半导体产业园", await Page.InnerTextAsync(".parcel-name"));
        await Page.WaitForTimeoutAsync(600);
        await Settle();
        // The map shows the parcel found (drawn in the view, highlighted as the selection).
        var selected = await Page.EvaluateAsync<long>("() => window.landmap.state.selectedId");
        Assert.Contains(selected, await RenderedParcelIds());
        Assert.True(await Page.EvaluateAsync<double>("() => window.landmap.map.getView().getZoom()") > zoomBefore);
        await Settle();
        await Screenshot("search-semiconductor-park");
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task InvestorFindsIndustrialLandOfAStatedSize()
    {
        if (Page is null) return;
        await FitParcels();
        var all = await RenderedParcelIds();
        var expected = await Page.EvaluateAsync<JsonElement>("""
            async () => (await (await fetch('/api/parcels?use=industrial-land&minAreaMu=100')).json()).features
              .map(f => f.properties).sort((a, b) => b.areaMu - a.areaMu).map(p => ({ name: p.name, id: p.id }))
            """);
        var expectedIds = expected.EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).Order().ToArray();

        await Page.SelectOptionAsync("#land-use", "industrial-land");
        await Page.FillAsync("#land-min", "100");
        await Page.DispatchEventAsync("#land-min", "change");
        await Page.WaitForFunctionAsync("n => document.querySelectorAll('#land-list li[data-id]').length === n", expected.GetArrayLength());

        var listed = await Page.EvalOnSelectorAllAsync<string[]>("#land-list li[data-id] .pname", "items => items.map(i => i.textContent)");
        Assert.Equal(expected.EnumerateArray().Select(e => e.GetProperty("name").GetString()), listed);
        Assert.Equal("河南（平顶山）电子半导体产业园", listed[0]);
        // The map zooms to the matches and draws them, and only them.
        await Settle();
        Assert.Equal(expectedIds, (await RenderedParcelIds()).Order());
        Assert.Contains("产业用地", await Page.InnerTextAsync("#land-use option:checked"));

        await Page.ClickAsync("#land-list li[data-id]");
        await Page.WaitForSelectorAsync("#panel:not([hidden]) .land-use");
        Assert.Contains("产业园区", await Page.InnerTextAsync("#panel .land-use"));
        Assert.Contains("名称中心词“产业园”", await Page.InnerTextAsync("#panel .land-use"));
        await Page.WaitForTimeoutAsync(600);
        await Settle();
        await Screenshot("find-industrial-land");

        await Page.ClickAsync("#land-clear");
        await FitParcels();
        Assert.Equal(all.Order(), (await RenderedParcelIds()).Order());
        Assert.Equal(0, await Page.Locator("#land-list li").CountAsync());
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task FindLandRefusesAMinimumAboveTheMaximumAndShowsTheServersReason()
    {
        if (Page is null) return;
        await Page.SelectOptionAsync("#land-use", "industrial-land");
        await Page.DispatchEventAsync("#land-use", "change");
        await Page.WaitForSelectorAsync("#land-list li[data-id]");

        // 50 … 20 亩: the form says so and asks the server nothing.
        await Page.FillAsync("#land-min", "50");
        await Page.DispatchEventAsync("#land-min", "change");
        await Page.FillAsync("#land-max", "20");
        await Page.DispatchEventAsync("#land-max", "change");
        await Page.WaitForSelectorAsync("#land-error:not([hidden])");
        Assert.Contains("最小面积 50 亩大于最大面积 20 亩", await Page.InnerTextAsync("#land-error"));
        await Page.WaitForTimeoutAsync(500);
        Assert.DoesNotContain(Requests, u => u.Contains("maxAreaMu=20"));

        // The server's own refusal (a negative bound typed past the form) shows its problem text, with no list.
        await Page.EvaluateAsync("() => { document.querySelector('#land-min').value = ''; document.querySelector('#land-max').value = ''; }");
        await Page.RouteAsync("**/api/parcels?*", route =>
            route.ContinueAsync(new RouteContinueOptions { Url = Regex.Replace(route.Request.Url, "minAreaMu=[^&]*", "minAreaMu=-5") }));
        await Page.FillAsync("#land-min", "1");
        await Page.DispatchEventAsync("#land-min", "change");
        await Page.WaitForSelectorAsync("#land-error:not([hidden])");
        Assert.Contains("minAreaMu", await Page.InnerTextAsync("#land-error"));
        Assert.Equal(0, await Page.Locator("#land-list li[data-id]").CountAsync());
        await Page.UnrouteAllAsync();
        Assert.All(ConsoleErrors, e => Assert.Contains("400", e));
    }

    [Fact]
    public async Task ADistrictWithoutALandColumnZoomsToItAndSaysWhyNothingIsShown()
    {
        if (Page is null) return;
        var before = await Page.EvaluateAsync<double[]>("() => window.landmap.map.getView().getCenter()");
        await Page.SelectOptionAsync("#district", "湛河区");
        await Page.WaitForFunctionAsync("() => document.querySelector('#parcel-count').textContent.includes('没有用地保障项目清单')");
        Assert.Equal("地块 0 个（湛河区的报告中没有用地保障项目清单）", await Page.InnerTextAsync("#parcel-count"));
        await Page.WaitForTimeoutAsync(600);
        Assert.NotEqual(before, await Page.EvaluateAsync<double[]>("() => window.landmap.map.getView().getCenter()"));
        var longitude = await Page.EvaluateAsync<double>("() => window.landmap.map.getView().getCenter()[0] / 20037508.342789244 * 180");
        // 湛河区 lies south of 卫东区's parcels: the view moved there (its extent from /api/districts).
        var box = await Page.EvaluateAsync<double[]>("async () => (await (await fetch('/api/districts')).json()).find(d => d.name === '湛河区').bbox");
        Assert.InRange(longitude, box[0], box[2]);

        // 两年对比 for it: a sentence, not a request with undefined years.
        await Page.ClickAsync("#compare-button");
        await Page.WaitForFunctionAsync("() => document.querySelector('#compare-counts').textContent.includes('无法对比')");
        Assert.DoesNotContain(Requests, u => u.Contains("undefined"));
        Assert.Contains("湛河区", await Page.InnerTextAsync("#compare-counts"));
        await Settle();
        await Screenshot("district-without-land-column");
        Assert.Empty(ConsoleErrors);
    }
}
