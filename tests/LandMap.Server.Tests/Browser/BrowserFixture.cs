using LandMap.Data;
using LandMap.Data.Review;
using LandMap.Server.Auth;
using LandMap.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;

namespace LandMap.Server.Tests.Browser;

/// <summary>
/// The real server (Kestrel on a free loopback port) and Debian's Chromium driven by Playwright, which is
/// pointed at /usr/bin/chromium so nothing is downloaded. Without Chromium the browser tests fail in CI
/// and pass with a note locally.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("landmap-browser-").FullName;
    private WebApplication? _app;
    private IPlaywright? _playwright;

    public IBrowser? Browser { get; private set; }

    public string BaseUrl { get; private set; } = "";

    public string? MissingReason { get; private set; }

    /// <summary>The server's store file, for tests that import a layer of their own (and remove it after).</summary>
    public string Database => Path.Combine(_folder, "landmap.db");

    /// <summary>The password of the accounts <c>reviewer</c> and <c>viewer</c> added to the store before the page loads.</summary>
    public const string Password = "correct-horse-battery-staple";

    /// <summary>The 招商 contact the server is configured with (LandMap:Investor:Contact), shown in the investor facts.</summary>
    public const string InvestorContact = "平顶山市卫东区投资促进中心 0375-0000000";

    public static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("LANDMAP_CHROMIUM") ?? Tools.Find("chromium");
        if (chromium is null)
        {
            MissingReason = "chromium is not installed (apt-get install chromium, or bash .ci/setup.d/30-web.sh)";
            Assert.False(Tools.InCi, MissingReason);
            return;
        }
        var database = Path.Combine(_folder, "landmap.db");
        _app = LandMapServer.Build(["--port", "0", "--db", database, "--LandMap:Access:LoginsPerMinute", "1000", "--LandMap:Investor:Contact", InvestorContact]);
        await _app.StartAsync();
        BaseUrl = LandMapServer.Url(_app) ?? throw new InvalidOperationException("The server did not report its address.");
        await AddAccountsAsync(database);
        await AddLayersAsync(database);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            // Root in CI needs --no-sandbox; the rest keep Chromium off the (closed) network.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    /// <summary>Fills the store from the shipped reports (first request), then adds the accounts as `landmap user add` does.</summary>
    private async Task AddAccountsAsync(string database)
    {
        using (var http = new HttpClient { BaseAddress = new Uri(BaseUrl) })
            (await http.GetAsync("/api/parcels")).EnsureSuccessStatusCode();
        await using var store = await ParcelStoreFactory.OpenAsync(database);
        var users = IReviewStore.Of(store);
        var hash = Passwords.Hash(Password);
        await users.AddUserAsync("reviewer", UserRole.Reviewer, hash, "test");
        await users.AddUserAsync("viewer", UserRole.Viewer, hash, "test");
    }

    /// <summary>The small 三调 layer (three 图斑 west of 卫东区's parcels) the layer switcher and identify are tested on.</summary>
    public const string SurveyLayer = "测试三调";

    /// <summary>A red-line polygon over the east part of <see cref="SurveyLayer"/>.</summary>
    public const string RedlineLayer = "测试生态保护红线";

    /// <summary>Where the test layers lie (WGS 84: west, south, east, north).</summary>
    public static readonly double[] LayerBox = [113.300, 33.700, 113.318, 33.706];

    /// <summary>Two small layers, imported through the real GeoJSON reader as `landmap layer import` does, before any page loads.</summary>
    private static async Task AddLayersAsync(string database)
    {
        await Layers.TestLayers.ImportAsync(database, SurveyLayer, LandMap.Core.Layers.LayerKind.LandSurvey,
            Layers.TestLayers.Square(113.300, 33.700, 0.006, """{"BSM":"410403000101","DLBM":"0101","DLMC":"水田","QSDWMC":"测试村","TBMJ":370000.5}"""),
            Layers.TestLayers.Square(113.306, 33.700, 0.006, """{"BSM":"410403000102","DLBM":"0301","DLMC":"乔木林地","QSDWMC":"测试村","TBMJ":370000}"""),
            Layers.TestLayers.Square(113.312, 33.700, 0.006, """{"BSM":"410403000103","DLBM":"0702","DLMC":"农村宅基地","QSDWMC":"测试村","TBMJ":370000}"""));
        await Layers.TestLayers.ImportAsync(database, RedlineLayer, LandMap.Core.Layers.LayerKind.EcoRedline,
            Layers.TestLayers.Square(113.309, 33.701, 0.004, """{"HXBH":"HX-001","HXMC":"测试水源涵养红线"}"""));
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
