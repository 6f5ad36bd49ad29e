using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace LandMap.Server.Tests.Browser;

/// <summary>Reviewing on the page: sign in, edit a parcel's boundary, save, see the history, restore; viewers cannot write.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class ReviewPageTests(BrowserFixture fixture) : MapPageTest(fixture)
{
    // A polygon parcel the other browser tests do not look at (they use 410403202100002, 410403202100022, 410403202300001, 410403202300017).
    private const string PickParcel = """
        async () => (await (await fetch('/api/parcels')).json()).features
          .filter(f => f.geometry?.type === 'Polygon' && ![410403202100002, 410403202100022, 410403202300001, 410403202300017].includes(f.properties.id))
          .map(f => f.properties.id).sort((a, b) => a - b)[0]
        """;

    // The next such parcels, for tests that must not meet the edits of the first.
    private static string PickParcelNo(int n) => PickParcel.Replace("a - b)[0]", $"a - b)[{n}]");

    [Fact]
    public async Task ReviewerEditsAVertexSavesAndRestoresTheOldVersion()
    {
        if (Page is null) return;
        Assert.Equal(0, await Page.Locator(".review-edit").CountAsync());
        await LogIn("reviewer");
        Assert.Equal("审核员：reviewer", await Page.InnerTextAsync("#account-name"));
        Assert.True(await Page.IsVisibleAsync("#logout-button"));

        var id = await Page.EvaluateAsync<long>(PickParcel);
        await Page.EvaluateAsync("id => window.landmap.select(id, { zoom: true })", id);
        await Page.WaitForSelectorAsync(".review-edit");
        await Page.WaitForSelectorAsync(".history li.current");
        var oldVersion = await Page.GetAttributeAsync(".history li.current", "data-version");
        var versionsBefore = await Page.Locator(".history li").CountAsync();
        await Page.WaitForTimeoutAsync(600);
        Assert.Contains((long)id, await RenderedParcelIds());
        await Page.ClickAsync(".review-edit");
        var before = await LiveArea();
        // While the outline is edited in its own layer, the tile layer does not draw the parcel underneath.
        Assert.DoesNotContain((long)id, await RenderedParcelIds());
        Assert.Equal(1, await Page.EvaluateAsync<int>("() => window.landmap.review.layer.getSource().getFeatures().length"));
        Assert.Contains("所述", await Page.InnerTextAsync(".area-live"));

        // Drag the first vertex 60 px away from the parcel's interior with the mouse (OpenLayers Modify).
        var drag = await Page.EvaluateAsync<JsonElement>("""
            () => {
              const { map, review } = window.landmap;
              const g = review.editing.getGeometry();
              const v = map.getPixelFromCoordinate(g.getCoordinates()[0][0]);
              const c = map.getPixelFromCoordinate(g.getInteriorPoint().getCoordinates());
              const box = map.getTargetElement().getBoundingClientRect();
              const len = Math.hypot(v[0] - c[0], v[1] - c[1]) || 1;
              return { x: box.left + v[0], y: box.top + v[1], dx: 60 * (v[0] - c[0]) / len, dy: 60 * (v[1] - c[1]) / len };
            }
            """);
        var (x, y) = (drag.GetProperty("x").GetSingle(), drag.GetProperty("y").GetSingle());
        var (dx, dy) = (drag.GetProperty("dx").GetSingle(), drag.GetProperty("dy").GetSingle());
        await Page.Mouse.MoveAsync(x, y);
        await Page.Mouse.MoveAsync(x + 1, y + 1);
        await Page.Mouse.MoveAsync(x, y);
        await Page.Mouse.DownAsync();
        await Page.Mouse.MoveAsync(x + dx / 2, y + dy / 2, new MouseMoveOptions { Steps = 5 });
        await Page.Mouse.MoveAsync(x + dx, y + dy, new MouseMoveOptions { Steps = 5 });
        await Page.Mouse.UpAsync();
        var edited = await LiveArea();
        Assert.True(edited > before * 1.001, $"the area should grow: {before} → {edited}");
        // While editing, the outline is checked against the report's location (nothing saved yet).
        await Page.WaitForSelectorAsync(".live-checks li");
        Assert.Matches("[✓✗]|无可检查的条件", await Page.InnerTextAsync(".live-checks"));
        await Settle();
        await Screenshot("review-editing");

        await Page.FillAsync(".review-comment", "按卫星影像调整西北角");
        await Page.ClickAsync(".review-save");
        await Page.WaitForSelectorAsync(".review-message.ok");
        await Page.WaitForFunctionAsync("n => document.querySelectorAll('.history li').length === n", versionsBefore + 1);
        var current = Page.Locator(".history li.current");
        Assert.NotEqual(oldVersion, await current.GetAttributeAsync("data-version"));
        Assert.Contains("按卫星影像调整西北角", await current.InnerTextAsync());
        Assert.Contains("reviewer", await current.InnerTextAsync());
        var saved = Mu(await current.GetAttributeAsync("data-mu"));
        Assert.Equal(edited, saved, 1);
        Assert.Contains("已保存版本", await Page.InnerTextAsync(".review-message"));
        Assert.Contains("已定位", await Page.InnerTextAsync("#panel .tags"));
        // The saved outline keeps the checks it was given: the panel lists them, as for the geocoder's outline.
        Assert.DoesNotContain("无可检查的条件", await Page.InnerTextAsync("#panel-body .constraints"));
        Assert.Contains(Format(saved), await Page.InnerTextAsync(".review-message"));
        // After the save the tiles are loaded again and draw the parcel with its new outline.
        await Settle();
        Assert.Contains((long)id, await RenderedParcelIds());
        Assert.Equal(0, await Page.EvaluateAsync<int>("() => window.landmap.review.layer.getSource().getFeatures().length"));
        await Screenshot("review-saved");

        await Page.ClickAsync($".history li[data-version='{oldVersion}'] button.restore");
        await Page.WaitForFunctionAsync("n => document.querySelectorAll('.history li').length === n", versionsBefore + 2);
        var restored = Mu(await Page.GetAttributeAsync(".history li.current", "data-mu"));
        Assert.Equal(before, restored, 1);
        Assert.Contains($"恢复版本 {oldVersion}", await Page.InnerTextAsync(".history li.current"));
        Assert.Contains(Format(restored), await Page.InnerTextAsync(".review-message"));
        await Settle();
        await Screenshot("review-restored");
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task StaleSaveShowsWhoChangedItAndAFixableOutlineIsOffered()
    {
        if (Page is null) return;
        await LogIn("reviewer");
        var id = await Page.EvaluateAsync<long>(PickParcel);
        await Page.EvaluateAsync("id => window.landmap.select(id, { zoom: true })", id);
        await Page.WaitForSelectorAsync(".review-edit");
        await Page.WaitForSelectorAsync(".history li.current");
        await Page.ClickAsync(".review-edit");
        await Page.EvaluateAsync("() => window.landmap.review.moveVertex(1, 30, 30)");

        // Someone saves behind the panel's back (same geometry, new version): the panel's ETag is now stale.
        var other = await Page.EvaluateAsync<long>("""
            async (id) => {
              const r = await fetch(`/api/parcels/${id}`);
              const put = await fetch(`/api/parcels/${id}/geometry`, { method: 'PUT', credentials: 'same-origin',
                headers: { 'Content-Type': 'application/json', 'If-Match': r.headers.get('ETag'), 'X-CSRF-Token': window.landmap.auth.csrf },
                body: JSON.stringify({ geometry: (await r.json()).geometry, comment: '他人修改' }) });
              return put.status;
            }
            """, id);
        Assert.Equal(200, other);
        await Page.ClickAsync(".review-save");
        await Page.WaitForSelectorAsync(".review-message.error");
        var conflict = await Page.InnerTextAsync(".review-message");
        Assert.Contains("已被他人修改：reviewer", conflict);
        Assert.Contains("亩", conflict);
        await Page.WaitForSelectorAsync(".history li.current");
        Assert.Contains("他人修改", await Page.InnerTextAsync(".history li.current"));
        await Settle();
        await Screenshot("review-conflict");

        // A bow tie (two corners swapped) is refused with GeometryFixer's repair, which the reviewer can take.
        await Page.ClickAsync(".review-edit");
        await Page.EvaluateAsync("""
            () => {
              const g = window.landmap.review.editing.getGeometry();
              const c = g.getCoordinates();
              const ring = c[0];
              [ring[1], ring[2]] = [ring[2], ring[1]];
              g.setCoordinates(c);
            }
            """);
        await Page.ClickAsync(".review-save");
        await Page.WaitForSelectorAsync(".review-message.error .use-fixed");
        await Screenshot("review-fixable");
        await Page.ClickAsync(".use-fixed");
        Assert.Contains("修复后的边界", await Page.InnerTextAsync(".review-message"));
        Assert.True(await LiveArea() > 0);
        await Page.ClickAsync(".review-cancel");

        // Confirm, then reject (a reason is required; the rejected parcel leaves the public list), then back to candidate.
        await Page.ClickAsync(".review-confirm");
        await Page.WaitForFunctionAsync("() => document.querySelector('.review-message.ok')?.textContent === '已确认'");
        await Page.WaitForFunctionAsync("() => document.querySelector('.review-status')?.textContent === '已审核'");
        await Page.ClickAsync(".review-reject");
        Assert.Contains("驳回需要填写理由", await Page.InnerTextAsync(".review-message"));
        await Page.FillAsync(".review-reason", "位置与报告不符");
        await Page.ClickAsync(".review-reject");
        await Page.WaitForSelectorAsync("#search-message:not([hidden])");
        Assert.Contains("已驳回", await Page.InnerTextAsync("#search-message"));
        Assert.True(await Page.IsHiddenAsync("#panel"));
        // The tiles are loaded again and no longer hold it (the view still shows where it was).
        await Settle();
        Assert.DoesNotContain((long)id, await RenderedParcelIds());

        // The rejected parcel is found in the review queue with its reason, and restored from there.
        await Page.ClickAsync("#queue-button");
        await Page.SelectOptionAsync("#queue-status", "rejected");
        var row = Page.Locator($"#queue-list li[data-id='{id}']");
        await row.WaitForAsync();
        Assert.Contains("驳回理由：位置与报告不符", await row.InnerTextAsync());
        await Settle();
        await Screenshot("review-queue-rejected");
        await row.Locator("button[data-action=restore]").ClickAsync();
        await Page.WaitForFunctionAsync("id => window.landmap.rendered().some(p => p.id === id)", id);
        await Page.WaitForSelectorAsync($"#panel:not([hidden]) .parcel-name[data-id='{id}']");
        await Page.WaitForFunctionAsync("() => document.querySelector('.review-status')?.textContent === '候选'");
        Assert.Equal(0, await Page.Locator($"#queue-list li[data-id='{id}']").CountAsync());
        // The refused saves (412, 400) are the only console errors.
        Assert.True(ConsoleErrors.All(e => e.Contains("status of 412") || e.Contains("status of 400")), string.Join("\n---\n", ConsoleErrors));
    }

    [Fact]
    public async Task ReviewQueueListsCandidatesLowestConfidenceFirstAndOpensThem()
    {
        if (Page is null) return;
        Assert.True(await Page.IsHiddenAsync("#queue-button"));
        await LogIn("reviewer");
        await Page.ClickAsync("#queue-button");
        await Page.WaitForSelectorAsync("#queue-list li[data-id]");

        var expected = await Page.EvaluateAsync<long[]>("""
            async () => (await (await fetch('/api/review/queue?status=candidate&limit=500', { credentials: 'same-origin' })).json()).items.map(i => i.id)
            """);
        var listed = await Page.EvalOnSelectorAllAsync<long[]>("#queue-list li[data-id]", "items => items.map(i => Number(i.dataset.id))");
        Assert.Equal(expected, listed);
        var confidences = await Page.EvalOnSelectorAllAsync<int[]>("#queue-list li[data-id] .muted",
            "items => items.map(i => Number(/可信度 (\\d+)%/.exec(i.textContent)[1]))");
        Assert.Equal(confidences.Order(), confidences);
        Assert.Contains("块", await Page.InnerTextAsync("#queue-count"));
        await Screenshot("review-queue");

        var first = listed[0];
        await Page.ClickAsync($"#queue-list li[data-id='{first}']");
        await Page.WaitForSelectorAsync($"#panel:not([hidden]) .parcel-name[data-id='{first}']");
        await Page.WaitForSelectorAsync("#panel:not([hidden]) .review-status");
        await Page.ClickAsync("#queue-close");
        Assert.True(await Page.IsHiddenAsync("#queue"));
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task ViewerSeesNoEditingControlsAndCannotWrite()
    {
        if (Page is null) return;
        var id = await Page.EvaluateAsync<long>(PickParcel);
        const string put = """
            async (id) => {
              const r = await fetch(`/api/parcels/${id}`);
              const put = await fetch(`/api/parcels/${id}/geometry`, { method: 'PUT', credentials: 'same-origin',
                headers: { 'Content-Type': 'application/json', 'If-Match': r.headers.get('ETag'), 'X-CSRF-Token': window.landmap.auth.csrf ?? '' },
                body: JSON.stringify({ geometry: (await r.json()).geometry, comment: 'x' }) });
              return put.status;
            }
            """;
        Assert.Equal(401, await Page.EvaluateAsync<int>(put, id));

        await LogIn("viewer");
        Assert.Equal("访客：viewer", await Page.InnerTextAsync("#account-name"));
        await Page.EvaluateAsync("id => window.landmap.select(id, { zoom: true })", id);
        await Page.WaitForSelectorAsync("#panel:not([hidden]) .parcel-name");
        Assert.True(await Page.IsHiddenAsync("#review"));
        foreach (var control in (string[])[".review-edit", ".review-save", ".review-confirm", ".review-reject", ".history"])
            Assert.Equal(0, await Page.Locator(control).CountAsync());
        Assert.Equal(403, await Page.EvaluateAsync<int>(put, id));
        await Settle();
        await Screenshot("review-viewer");

        await Page.ClickAsync("#logout-button");
        await Page.WaitForSelectorAsync("#login-button:not([hidden])");
        Assert.Equal(401, await Page.EvaluateAsync<int>(put, id));
        // The refused writes are the only console errors ("Failed to load resource: … 401/403").
        Assert.All(ConsoleErrors, e => Assert.Matches("40[13]", e));
    }

    [Fact]
    public async Task WhileDrawingMapClicksBelongToTheToolAndUnsavedEditsAreNotDroppedSilently()
    {
        if (Page is null) return;
        await LogIn("reviewer");
        var id = await Page.EvaluateAsync<long>(PickParcelNo(1));
        var other = await Page.EvaluateAsync<long>(PickParcelNo(2));
        await Page.EvaluateAsync("id => window.landmap.select(id, { zoom: true })", id);
        await Page.WaitForSelectorAsync(".review-draw");
        await Page.WaitForTimeoutAsync(600);
        await Settle();

        // 重画: three clicks on the map and one on the first point again draw a triangle; none of them closes or changes the panel.
        await Page.ClickAsync(".review-draw");
        var box = (await Page.Locator("#map").BoundingBoxAsync())!;
        var (cx, cy) = (box.X + box.Width * 0.35f, box.Y + box.Height * 0.5f);
        foreach (var (dx, dy) in new[] { (-60f, -40f), (60f, -40f), (0f, 60f), (-60f, -40f) })
        {
            await Page.Mouse.ClickAsync(cx + dx, cy + dy);
            await Page.WaitForTimeoutAsync(350);
        }
        await Page.WaitForFunctionAsync("() => window.landmap.review.editing != null");
        Assert.Equal(id, await Page.EvaluateAsync<long>("() => window.landmap.state.selectedId"));
        Assert.True(await Page.IsVisibleAsync("#panel"));
        var drawn = await LiveArea();

        // A click elsewhere on the map while editing: still the same parcel, still editing.
        await Page.Mouse.ClickAsync(box.X + box.Width * 0.15f, box.Y + box.Height * 0.2f);
        await Page.WaitForTimeoutAsync(400);
        Assert.Equal(id, await Page.EvaluateAsync<long>("() => window.landmap.state.selectedId"));
        Assert.True(await Page.EvaluateAsync<bool>("() => window.landmap.review.editing != null"));

        // A vertex moved, then 撤销: the outline is back as drawn.
        await Page.EvaluateAsync("() => window.landmap.review.moveVertex(1, 80, 80)");
        Assert.NotEqual(drawn, await LiveArea(), 3);
        await Page.ClickAsync(".review-undo");
        Assert.Equal(drawn, await LiveArea(), 3);

        // Opening another parcel asks first: dismissed, the edit stays; accepted, the other parcel opens.
        var asked = new List<string>();
        async void Dismiss(object? _, IDialog dialog) { asked.Add(dialog.Message); await dialog.DismissAsync(); }
        Page.Dialog += Dismiss;
        await Page.EvaluateAsync("id => window.landmap.select(id)", other);
        Page.Dialog -= Dismiss;
        Assert.Contains("尚未保存", Assert.Single(asked));
        Assert.Equal(id, await Page.EvaluateAsync<long>("() => window.landmap.state.selectedId"));
        Assert.True(await Page.EvaluateAsync<bool>("() => window.landmap.review.editing != null"));
        async void Accept(object? _, IDialog dialog) => await dialog.AcceptAsync();
        Page.Dialog += Accept;
        await Page.EvaluateAsync("id => window.landmap.select(id)", other);
        Page.Dialog -= Accept;
        await Page.WaitForSelectorAsync($"#panel:not([hidden]) .parcel-name[data-id='{other}']");
        Assert.False(await Page.EvaluateAsync<bool>("() => window.landmap.review.editing != null"));
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task ConfirmNotesShowInTheHistoryAndARejectedParcelOpensFromTheQueue()
    {
        if (Page is null) return;
        await LogIn("reviewer");
        var id = await Page.EvaluateAsync<long>(PickParcelNo(3));
        await Page.EvaluateAsync("id => window.landmap.select(id, { zoom: true })", id);
        await Page.WaitForSelectorAsync(".review-confirm");
        await Page.FillAsync(".review-comment", "位置核实无误");
        await Page.ClickAsync(".review-confirm");
        await Page.WaitForSelectorAsync(".history li.note");
        var note = await Page.InnerTextAsync(".history li.note");
        Assert.Contains("确认", note);
        Assert.Contains("位置核实无误", note);

        try
        {
            await Page.FillAsync(".review-reason", "与第 3 项重复");
            await Page.ClickAsync(".review-reject");
            await Page.WaitForSelectorAsync("#panel", new PageWaitForSelectorOptions { State = WaitForSelectorState.Hidden });
            await Page.ClickAsync("#queue-button");
            await Page.SelectOptionAsync("#queue-status", "rejected");
            await Page.DispatchEventAsync("#queue-status", "change");
            await Page.WaitForSelectorAsync($"#queue-list li[data-id='{id}']");
            await Page.ClickAsync($"#queue-list li[data-id='{id}'] .qname");
            await Page.WaitForSelectorAsync($"#panel:not([hidden]) .parcel-name[data-id='{id}']");
            Assert.Equal("已驳回", await Page.InnerTextAsync(".review-status"));
            // Off the public tiles, its outline is drawn by the panel itself.
            Assert.Equal(1, await Page.EvaluateAsync<int>("() => window.landmap.review.layer.getSource().getFeatures().length"));
            await Settle();
            await Screenshot("review-rejected-opened");
        }
        finally
        {
            await Page.EvaluateAsync("""
                async id => {
                  const history = await (await fetch(`/api/parcels/${id}/history`, { credentials: 'same-origin' })).json();
                  await fetch(`/api/parcels/${id}/status`, { method: 'POST', credentials: 'same-origin',
                    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': window.landmap.auth.csrf, 'If-Match': history.etag },
                    body: JSON.stringify({ status: 'candidate', comment: 'test: back' }) });
                }
                """, id);
        }
        Assert.Empty(ConsoleErrors);
    }

    private async Task<double> LiveArea() => Mu(await Page!.GetAttributeAsync(".area-live", "data-mu"));

    private static double Mu(string? text) => double.Parse(text ?? throw new InvalidOperationException("no area"), CultureInfo.InvariantCulture);

    private static string Format(double mu) => Math.Round(mu, 2).ToString("#,##0.##", CultureInfo.InvariantCulture);
}
