using System.Text.Json;
using Microsoft.Playwright;

namespace LandMap.Server.Tests.Browser;

/// <summary>
/// The map page with the keyboard alone (Tab, Enter, Esc, L): the lists' rows are buttons, the parcels in the view
/// are a list, Esc closes the panel but not over an unsaved outline edit.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class KeyboardPageTests(BrowserFixture fixture) : MapPageTest(fixture)
{
    [Fact]
    public async Task ProjectListFindLandAndSearchResultsOpenParcelsWithTabAndEnter()
    {
        if (Page is null) return;
        // 重点项目: Tab to the first project on a parcel, Enter opens its parcel.
        await TabTo("#project-list li.on-map button");
        var parcel = await Page.EvaluateAsync<long>("() => Number(document.activeElement.closest('li').dataset.parcel)");
        Assert.Equal("2px", await Page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineWidth"));
        await Screenshot("keyboard-focus-ring");
        await Page.Keyboard.PressAsync("Enter");
        await Page.WaitForSelectorAsync($"#panel:not([hidden]) .parcel-name[data-id='{parcel}']");

        // Esc closes the panel; the focus stays on the list for the next project.
        await Page.Keyboard.PressAsync("Escape");
        await Page.WaitForSelectorAsync("#panel", new PageWaitForSelectorOptions { State = WaitForSelectorState.Hidden });
        Assert.True(await Page.EvaluateAsync<bool>("() => document.activeElement.matches('#project-list button')"));

        // 找地: back to the minimum area, type 100, Tab on (the change asks), Tab to the first match, Enter.
        await TabTo("#land-min", backwards: true);
        await Page.Keyboard.TypeAsync("100");
        await Page.Keyboard.PressAsync("Tab");
        await Page.WaitForSelectorAsync("#land-list li[data-id] button");
        await TabTo("#land-list li[data-id] button");
        var land = await Page.EvaluateAsync<long>("() => Number(document.activeElement.closest('li').dataset.id)");
        var areaMu = await Page.EvaluateAsync<double>($"async () => (await (await fetch('/api/parcels/{land}')).json()).properties.areaMu");
        Assert.True(areaMu >= 100, $"{land}: {areaMu} 亩");
        await Page.Keyboard.PressAsync("Enter");
        await Page.WaitForSelectorAsync($"#panel:not([hidden]) .parcel-name[data-id='{land}']");
        await Page.Keyboard.PressAsync("Escape");
        await Page.WaitForSelectorAsync("#panel", new PageWaitForSelectorOptions { State = WaitForSelectorState.Hidden });

        // Search results: Tab from the box past 搜索 and the list's ×, to the second hit, Enter.
        await TabTo("#search-text", backwards: true);
        await Page.Keyboard.TypeAsync("产业园");
        await Page.Keyboard.PressAsync("Enter");
        await Page.WaitForSelectorAsync("#search-results:not([hidden]) li[data-id] button");
        var second = await Page.EvaluateAsync<long>("() => Number(document.querySelectorAll('#search-results li[data-id]')[1].dataset.id)");
        await TabTo($"#search-results li[data-id='{second}'] button");
        await Page.Keyboard.PressAsync("Enter");
        await Page.WaitForSelectorAsync($"#panel:not([hidden]) .parcel-name[data-id='{second}']");
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task AProjectHiddenByThePlanYearOpensAndTheFocusStaysOnItsRow()
    {
        if (Page is null) return;
        // 2021 shown; the project's parcel is in the 2023 column, so opening it shows all years again and redraws the list.
        await Page.ClickAsync("#plan-year button[data-year='2021']");
        var project = await Page.EvaluateAsync<JsonElement>("""
            async () => {
              for (const li of document.querySelectorAll('#project-list li.on-map')) {
                const { properties } = await (await fetch(`/api/parcels/${li.dataset.parcel}`)).json();
                if (properties.planYear === 2023) return { parcel: Number(li.dataset.parcel), name: li.querySelector('.pname').textContent };
              }
              return null;
            }
            """);
        Assert.NotEqual(JsonValueKind.Null, project.ValueKind);
        var name = project.GetProperty("name").GetString();
        await TabTo($"#project-list li[data-parcel='{project.GetProperty("parcel").GetInt64()}'] button", max: 200);
        await Page.Keyboard.PressAsync("Enter");
        await Page.WaitForSelectorAsync($"#panel:not([hidden]) .parcel-name[data-id='{project.GetProperty("parcel").GetInt64()}']");
        Assert.Equal("", await Page.EvaluateAsync<string>("() => window.landmap.state.planYear"));
        Assert.Equal(name, await Page.EvaluateAsync<string>("() => document.activeElement.matches('#project-list button') ? document.activeElement.querySelector('.pname').textContent : null"));
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task ViewParcelListOpensAParcelWithEnterAndEscClosesItsPanel()
    {
        if (Page is null) return;
        await FitParcels("district=卫东区");
        var drawn = await RenderedParcelIds();

        // L opens the list of the parcels drawn in the view, by name; the focus is on the first.
        await Page.Keyboard.PressAsync("l");
        await Page.WaitForSelectorAsync("#view-list[open] li[data-id] button");
        var listed = await Page.EvalOnSelectorAllAsync<long[]>("#view-list li[data-id]", "items => items.map(i => Number(i.dataset.id))");
        Assert.Equal(drawn.Order(), listed.Order());
        var names = await Page.EvalOnSelectorAllAsync<string[]>("#view-list li[data-id] .pname", "items => items.map(i => i.textContent)");
        Assert.True(await Page.EvaluateAsync<bool>("n => n.every((x, i) => i === 0 || n[i - 1].localeCompare(x, 'zh-CN') <= 0)", names));
        Assert.True(await Page.EvaluateAsync<bool>("() => document.activeElement.matches('#view-list li[data-id] button')"));

        // By area, largest first.
        await Page.SelectOptionAsync("#view-list select", "area");
        var areas = await Page.EvalOnSelectorAllAsync<double[]>("#view-list li[data-id] .pmeta",
            "items => items.map(i => parseFloat(i.textContent.replace(/,/g, '')) || -1)");
        Assert.Equal(areas.OrderDescending(), areas);

        // Tab to the second row, Enter: the list closes, the parcel's panel opens with the focus in it.
        await Page.FocusAsync("#view-list li[data-id] button");
        await Page.Keyboard.PressAsync("Tab");
        var id = await Page.EvaluateAsync<long>("() => Number(document.activeElement.closest('li').dataset.id)");
        Assert.Equal(listed.Length > 1 ? 1 : 0, await Page.EvaluateAsync<int>("() => [...document.querySelectorAll('#view-list li')].indexOf(document.activeElement.closest('li'))"));
        await Screenshot("keyboard-view-list");
        await Page.Keyboard.PressAsync("Enter");
        await Page.WaitForSelectorAsync($"#panel:not([hidden]) .parcel-name[data-id='{id}']");
        Assert.False(await Page.IsVisibleAsync("#view-list"));
        Assert.True(await Page.EvaluateAsync<bool>("() => document.querySelector('#panel').contains(document.activeElement)"));
        await Page.WaitForTimeoutAsync(600);
        await Settle();
        await Screenshot("keyboard-view-list-picked");

        await Page.Keyboard.PressAsync("Escape");
        await Page.WaitForSelectorAsync("#panel", new PageWaitForSelectorOptions { State = WaitForSelectorState.Hidden });
        Assert.Null(await Page.EvaluateAsync<long?>("() => window.landmap.state.selectedId"));

        // The button in the top bar opens the same list; Esc closes it (the dialog's own).
        await TabTo("#open-view-list");
        await Page.Keyboard.PressAsync("Enter");
        await Page.WaitForSelectorAsync("#view-list[open]");
        await Page.Keyboard.PressAsync("Escape");
        await Page.WaitForSelectorAsync("#view-list", new PageWaitForSelectorOptions { State = WaitForSelectorState.Hidden });
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task EscAsksBeforeDroppingAnUnsavedOutlineEditAndQueueRowsAreButtons()
    {
        if (Page is null) return;
        await LogIn("reviewer");

        // 审核队列: Tab to its first row, Enter opens the parcel.
        await Page.ClickAsync("#queue-button");
        await Page.WaitForSelectorAsync("#queue-list li[data-id] button");
        var first = await Page.EvaluateAsync<long>("() => Number(document.querySelector('#queue-list li[data-id]').dataset.id)");
        await TabTo("#queue-list li[data-id] button", max: 200);
        await Page.Keyboard.PressAsync("Enter");
        await Page.WaitForSelectorAsync($"#panel:not([hidden]) .parcel-name[data-id='{first}']");
        await Page.ClickAsync("#queue-close");

        // An outline edit with a moved vertex: Esc asks; dismissed, the panel and the edit stay.
        var id = await Page.EvaluateAsync<long>("""
            async () => (await (await fetch('/api/parcels')).json()).features
              .filter(f => f.geometry?.type === 'Polygon').map(f => f.properties.id).sort((a, b) => b - a)[0]
            """);
        await Page.EvaluateAsync("id => window.landmap.select(id, { zoom: true })", id);
        await Page.ClickAsync(".review-edit");
        await Page.WaitForFunctionAsync("() => window.landmap.review.editing != null");
        await Page.EvaluateAsync("() => window.landmap.review.moveVertex(1, 40, 40)");
        await Page.FocusAsync("#panel-close");
        var asked = new List<string>();
        async void Dismiss(object? _, IDialog dialog) { asked.Add(dialog.Message); await dialog.DismissAsync(); }
        Page.Dialog += Dismiss;
        await Page.Keyboard.PressAsync("Escape");
        for (var i = 0; i < 100 && asked.Count == 0; i++) await Page.WaitForTimeoutAsync(20);
        Page.Dialog -= Dismiss;
        Assert.Contains("尚未保存", Assert.Single(asked));
        Assert.True(await Page.IsVisibleAsync("#panel"));
        Assert.Equal(id, await Page.EvaluateAsync<long>("() => window.landmap.state.selectedId"));
        Assert.True(await Page.EvaluateAsync<bool>("() => window.landmap.review.editing != null && window.landmap.review.dirty"));

        // Accepted, the panel closes and the edit is gone (nothing saved).
        async void Accept(object? _, IDialog dialog) => await dialog.AcceptAsync();
        Page.Dialog += Accept;
        await Page.Keyboard.PressAsync("Escape");
        await Page.WaitForSelectorAsync("#panel", new PageWaitForSelectorOptions { State = WaitForSelectorState.Hidden });
        Page.Dialog -= Accept;
        Assert.False(await Page.EvaluateAsync<bool>("() => window.landmap.review.editing != null"));
        Assert.Empty(ConsoleErrors);
    }

    /// <summary>Presses Tab (or Shift+Tab) until the focused element matches <paramref name="selector"/>.</summary>
    private async Task TabTo(string selector, bool backwards = false, int max = 80)
    {
        for (var i = 0; i < max; i++)
        {
            await Page!.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
            if (await Page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector)) return;
        }
        Assert.Fail($"{selector} is not reached with {max} × {(backwards ? "Shift+Tab" : "Tab")}; the focus is on " +
            await Page!.EvaluateAsync<string>("() => document.activeElement?.outerHTML.slice(0, 120) ?? 'nothing'"));
    }
}
