using System.Text.Json;

namespace LandMap.Server.Tests.Browser;

/// <summary>The page's plans-across-years features: the two-year overlay, the stage replay, the links in the panel, the charts.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class PlansPageTests(BrowserFixture fixture) : MapPageTest(fixture)
{
    private const string SiliconCarbide = "2000吨电子级碳化硅粉体项目";

    [Fact]
    public async Task OverlayModeShowsCarriedNewAndDroppedWithALegend()
    {
        if (Page is null) return;
        await Page.ClickAsync("#compare-button");
        await Page.WaitForSelectorAsync("#compare:not([hidden])");
        await FitWeidong();
        // The class of each parcel the two layers draw in the view, as their style reads it from the diff.
        var classes = await Page.EvaluateAsync<JsonElement>("""
            () => {
              const { overlay, parcels, rendered } = window.landmap;
              const of = (layer) => Object.fromEntries(rendered(layer).map(p => [p.id, overlay.classOf(p.id)]));
              return { from: of(overlay.from), to: of(overlay.to), parcelsVisible: parcels.getVisible(),
                years: [...new Set(rendered(overlay.from).map(p => p.planYear))].concat([...new Set(rendered(overlay.to).map(p => p.planYear))]) };
            }
            """);
        Assert.Equal("[2021,2023]", classes.GetProperty("years").GetRawText());
        Assert.False(classes.GetProperty("parcelsVisible").GetBoolean());
        Assert.Equal("carried", classes.GetProperty("from").GetProperty("410403202100022").GetString());
        Assert.Equal("carried", classes.GetProperty("to").GetProperty("410403202300017").GetString());
        Assert.Equal("new", classes.GetProperty("to").GetProperty("410403202300001").GetString());
        Assert.Equal("dropped", classes.GetProperty("from").GetProperty("410403202100002").GetString());
        var legend = await Page.InnerTextAsync("#legend");
        foreach (var word in (string[])["延续", "新增", "取消", "2021 → 2023"]) Assert.Contains(word, legend);
        Assert.Contains("延续 4", await Page.InnerTextAsync("#compare-counts"));

        await Screenshot("overlay-2021-2023");
        await Page.EvalOnSelectorAsync("#compare-mix", "e => { e.value = '0'; e.dispatchEvent(new Event('input')); }");
        Assert.Equal(0, await Page.EvaluateAsync<double>("() => window.landmap.overlay.to.getOpacity()"));
        Assert.Equal(1, await Page.EvaluateAsync<double>("() => window.landmap.overlay.from.getOpacity()"));
        await Settle();
        await Screenshot("overlay-earlier-year-only");
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task YearSliderRecoloursTheProjectSymbols()
    {
        if (Page is null) return;
        var symbols = await Page.EvaluateAsync<int>("() => window.landmap.projects.getSource().getFeatures().length");
        Assert.True(symbols > 0);

        var in2020 = await SymbolIn(2020);
        var in2022 = await SymbolIn(2022);
        await Page.EvaluateAsync("() => window.landmap.select(410403202300001, { zoom: true })");
        await Page.WaitForSelectorAsync("#panel:not([hidden]) .parcel-name");
        await Page.WaitForTimeoutAsync(600);
        await Settle();
        await Screenshot("replay-2022");
        var in2023 = await SymbolIn(2023);
        await Settle();
        await Screenshot("replay-2023");

        Assert.Equal("not yet named", in2020.GetProperty("stage").GetString());
        Assert.Equal("trial", in2022.GetProperty("stage").GetString());
        Assert.Equal("completed", in2023.GetProperty("stage").GetString());
        Assert.NotEqual(in2022.GetProperty("color").GetString(), in2023.GetProperty("color").GetString());
        Assert.Equal("2023 年", await Page.InnerTextAsync("#replay-label"));
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task ParcelPanelListsTheEntrysAppearancesAcrossYears()
    {
        if (Page is null) return;
        await Page.EvaluateAsync("() => window.landmap.select(410403202300017, { zoom: true })");
        await Page.WaitForSelectorAsync("#panel:not([hidden]) .appearances");
        var links = await Page.InnerTextAsync(".appearances");
        Assert.Contains("2021 年第 22 项", links);
        Assert.Contains("2023 年第 17 项", links);
        Assert.Contains("得分 0.75", links);
        Assert.Contains("王斌庄村", links);
        await Page.EvalOnSelectorAsync("#panel", "e => e.scrollTop = e.scrollHeight");
        await Page.WaitForTimeoutAsync(500);
        await Settle();
        await Screenshot("panel-appearances");

        await Page.ClickAsync(".appearances a.goto");
        // selectedId is set before the panel is fetched: wait for the panel of the entry itself.
        await Page.WaitForSelectorAsync("#panel .parcel-name[data-id='410403202100022']");
        Assert.Contains("2021 年计划 · 第 22 项", await Page.InnerTextAsync("#panel .tags"));
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task ReviewerBreaksConfirmsAndMakesLinksInThePanel()
    {
        if (Page is null) return;
        // 大鹰城: 2021 entry 9 → 2023 entry 22, a link the other tests do not look at. The test undoes every decision it takes.
        const long dayingcheng = 410403202300022;
        await Page.EvaluateAsync("id => window.landmap.select(id)", dayingcheng);
        await Page.WaitForSelectorAsync("#panel:not([hidden]) .appearances");
        Assert.Equal(0, await Page.Locator(".link-actions button").CountAsync());

        await LogIn("reviewer");
        try
        {
            await BreakConfirmAndLinkByHand();
        }
        finally
        {
            // Whatever failed, the other tests must see the linker's links again.
            await Page.EvaluateAsync("""
                async () => {
                  const { decisions } = await (await fetch('/api/plans/links?district=卫东区')).json();
                  for (const d of decisions) await fetch('/api/plans/links', { method: 'POST', credentials: 'same-origin',
                    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': window.landmap.auth.csrf },
                    body: JSON.stringify({ district: d.district, from: d.from, to: d.to, decision: 'reset' }) });
                }
                """);
        }
        Assert.Empty(ConsoleErrors);
    }

    private async Task BreakConfirmAndLinkByHand()
    {
        await Page!.WaitForSelectorAsync(".appearances li[data-class=carried] button[data-action=break]");
        await Page.FillAsync(".link-comment", "2023 年为东部汽车产业园，不是同一项目");
        await Page.ClickAsync("button[data-action=break]");
        await Page.WaitForSelectorAsync(".link-message.ok");
        await Page.WaitForSelectorAsync(".appearances li[data-class=new] .link-broken");
        var broken = await Page.InnerTextAsync(".appearances li[data-class=new]");
        Assert.Contains("已断开：2021 年第 9 项", broken);
        Assert.Contains("reviewer", broken);
        Assert.Equal("new", await DiffClassOfTo(22));
        await Page.EvalOnSelectorAsync("#panel", "e => e.scrollTop = e.scrollHeight");
        await Settle();
        await Screenshot("panel-link-broken");

        // The comparison of the two years follows the decision and says so.
        await Page.ClickAsync("#compare-button");
        await Page.WaitForFunctionAsync("() => document.querySelector('#compare-counts').textContent.includes('审核断开 1')");
        Assert.Contains("延续 3", await Page.InnerTextAsync("#compare-counts"));
        Assert.Equal("new", await Page.EvaluateAsync<string>("() => window.landmap.overlay.classOf(410403202300022)"));
        await Page.ClickAsync("#plan-year button[data-year='']");
        await Page.WaitForSelectorAsync(".link-broken button[data-action=reset]");

        await Page.ClickAsync(".link-broken button[data-action=reset]");
        await Page.WaitForSelectorAsync(".appearances li[data-class=carried][data-confirmed=false]");
        await Page.ClickAsync("button[data-action=confirm]");
        await Page.WaitForSelectorAsync(".appearances li[data-confirmed=true] .link-confirmed");
        Assert.Contains("审核确认：reviewer", await Page.InnerTextAsync(".appearances li[data-class=carried]"));
        await Screenshot("panel-link-confirmed");
        await Page.ClickAsync("button[data-action=reset]");
        await Page.WaitForSelectorAsync(".appearances li[data-class=carried][data-confirmed=false]");

        // An entry the linker left new is linked by hand to one of the dropped 2021 entries, then unlinked again.
        const long newEntry = 410403202300001;
        await Page.EvaluateAsync("id => window.landmap.select(id)", newEntry);
        await Page.WaitForSelectorAsync(".appearances li[data-class=new] select.link-partner");
        // Nothing is preselected: 关联 stays disabled until a partner is chosen, so one click cannot link a wrong pair.
        Assert.Equal("", await Page.EvalOnSelectorAsync<string>("select.link-partner", "s => s.value"));
        Assert.True(await Page.IsDisabledAsync("button[data-action=link]"));
        var partner = await Page.EvalOnSelectorAsync<string>("select.link-partner", "s => s.options[s.options.length - 1].value");
        await Page.SelectOptionAsync("select.link-partner", partner);
        await Page.ClickAsync("button[data-action=link]");
        await Page.WaitForSelectorAsync(".appearances li[data-class=carried][data-confirmed=true]");
        Assert.Contains($"2021 年第 {partner} 项", await Page.InnerTextAsync(".appearances li[data-class=carried]"));
        Assert.Equal("carried", await DiffClassOfTo(1));
        await Screenshot("panel-link-made-by-hand");
        await Page.ClickAsync("button[data-action=reset]");
        await Page.WaitForSelectorAsync(".appearances li[data-class=new]");
        Assert.Equal("new", await DiffClassOfTo(1));
    }

    private Task<string> DiffClassOfTo(int seq) => Page!.EvaluateAsync<string>("""
        async seq => (await (await fetch('/api/plans/diff?from=2021&to=2023&district=卫东区')).json())
          .entries.find(e => e.to && e.to.seq === seq).class
        """, seq);

    [Fact]
    public async Task IndicatorChartRendersAndExportsAPng()
    {
        if (Page is null) return;
        await Page.ClickAsync("#open-charts");
        await Page.WaitForFunctionAsync("() => window.landmap.charts.chart != null");
        Assert.Contains("生产总值", await Page.InnerTextAsync(".indicator-list li.active"));
        var datasets = await Page.EvaluateAsync<string[]>("() => window.landmap.charts.chart.data.datasets.map(d => d.label)");
        Assert.Contains("计划", datasets);
        Assert.Contains("实际", datasets);
        // Non-empty: count pixels that are neither white nor transparent.
        var inked = await Page.EvalOnSelectorAsync<int>("#chart-canvas", """
            c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
                   for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && (d[i] < 240 || d[i + 1] < 240 || d[i + 2] < 240)) n++; return n; }
            """);
        Assert.True(inked > 2000, $"only {inked} inked pixels");
        await Screenshot("indicator-chart");

        var download = await Page.RunAndWaitForDownloadAsync(() => Page.ClickAsync("#chart-export"));
        Assert.EndsWith(".png", download.SuggestedFilename);
        var href = await Page.GetAttributeAsync("#chart-download", "href");
        Assert.StartsWith("data:image/png;base64,", href);
        var png = Convert.FromBase64String(href!["data:image/png;base64,".Length..]);
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], png[..4]);
        Assert.Empty(ConsoleErrors);
    }

    private async Task<JsonElement> SymbolIn(int year)
    {
        await Page!.EvalOnSelectorAsync("#replay-year", $"e => {{ e.value = '{year}'; e.dispatchEvent(new Event('input')); }}");
        return await Page.EvaluateAsync<JsonElement>($$"""
            () => {
              const f = window.landmap.projects.getSource().getFeatures().find(f => f.get('name') === '{{SiliconCarbide}}');
              return { stage: f.get('stage') === undefined ? 'not yet named' : f.get('stage'), color: f.get('color') };
            }
            """);
    }

    private Task FitWeidong() => FitParcels("district=卫东区");
}
