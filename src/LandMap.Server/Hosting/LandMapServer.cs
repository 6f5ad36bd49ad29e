using System.Net;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using LandMap.Server.Auth;
using LandMap.Server.Districts;
using LandMap.Server.Exports;
using LandMap.Server.Indicators;
using LandMap.Server.Investor;
using LandMap.Server.Layers;
using LandMap.Server.Ogc;
using LandMap.Server.Parcels;
using LandMap.Server.Plans;
using LandMap.Server.Print;
using LandMap.Server.Problems;
using LandMap.Server.Projects;
using LandMap.Server.Reports;
using LandMap.Server.Review;
using LandMap.Server.Tiles;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.HttpLogging;
using Microsoft.Extensions.Configuration.Memory;

namespace LandMap.Server.Hosting;

/// <summary>The map server's composition: used by Program (dotnet run) and by <c>landmap serve</c>.</summary>
public static class LandMapServer
{
    /// <summary>The longest request line served: room for a CQL2 filter at its limit, percent-encoded.</summary>
    public const int MaxRequestLineBytes = 256 * 1024;

    /// <summary>Command-line switches, the same for both entry points.</summary>
    private static readonly Dictionary<string, string> Switches = new()
    {
        ["--port"] = $"{ServerOptions.Section}:Port",
        ["--db"] = $"{ServerOptions.Section}:Database",
    };

    /// <summary>
    /// Logging defaults, beneath appsettings, environment (<c>Logging__LogLevel__…</c>) and command line: the framework's
    /// per-request lines (about 740 bytes a request at Information) and start-up chatter at Warning,
    /// so that the started line with the URL is the last one. The access log — one line per request — is
    /// <c>Logging:LogLevel:Microsoft.AspNetCore.HttpLogging</c> = Information.
    /// </summary>
    private static readonly Dictionary<string, string?> LoggingDefaults = new()
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
    };

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = LoggingDefaults });
        builder.Configuration.AddCommandLine(args, Switches);
        // One line per entry (an access log line stays one line, and a log is easy to grep).
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        configure?.Invoke(builder);

        builder.Services.AddOptions<ServerOptions>().BindConfiguration(ServerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var port = builder.Configuration.GetSection(ServerOptions.Section).GetValue("Port", new ServerOptions().Port);
        // Loopback only: the map is for the reviewer's own machine, never the office network.
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            // A CQL2 filter of up to its 64 KiB limit, percent-encoded, must reach the server to be refused by name (a 400
            // naming `filter`); Kestrel's 8 KiB default would answer 414 first. Longer request lines still get 414.
            kestrel.Limits.MaxRequestLineSize = MaxRequestLineBytes;
        });

        builder.Services.AddHttpLogging(log =>
        {
            log.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
            log.CombineLogs = true;
        });
        builder.Services.AddLandMapProblems();
        builder.Services.AddOpenApi();
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All));
        // Geocoding the reports and building a missing basemap are independent: start them side by side.
        builder.Services.Configure<HostOptions>(host => host.ServicesStartConcurrently = true);
        builder.Services.AddSingleton<StoreAccess>();
        builder.Services.AddSingleton<IParcelSource, StoreParcelSource>();
        builder.Services.AddLandMapAccess();
        builder.Services.AddHostedService<SourceWarmUp>();
        builder.Services.AddSingleton<BasemapTiles>();
        builder.Services.AddHostedService(services => services.GetRequiredService<BasemapTiles>());
        builder.Services.AddSingleton<TileCatalog>();
        builder.Services.AddSingleton<PlanLinks>();
        builder.Services.AddSingleton<DistrictExtents>();
        builder.Services.AddSingleton<ServerGazetteer>();
        builder.Services.AddSingleton<IOgcCollection, ParcelsCollection>();
        builder.Services.AddSingleton<IOgcCollection, ProjectsCollection>();
        builder.Services.AddSingleton<OgcCatalog>();
        builder.Services.AddLandMapInvestor();
        builder.Services.AddLandMapExports();

        var app = builder.Build();
        // Does nothing (one level check) unless the access log is turned on.
        app.UseHttpLogging();
        app.UseLandMapProblems();
        app.UseLandMapAccess();
        app.MapOpenApi();
        app.MapReports();
        app.MapDistricts();
        app.MapParcels();
        LandMap.Server.Conflicts.ConflictsApi.MapConflicts(app);
        app.MapProjects();
        app.MapPlans();
        app.MapExports();
        app.MapParcelSheets();
        app.MapMapSheets();
        app.MapIndicators();
        app.MapTiles();
        app.MapLayers();
        app.MapAuth();
        app.MapReview();
        app.MapOgc();
        app.UseWebPage();
        app.Lifetime.ApplicationStarted.Register(() => PrintUrl(app));
        return app;
    }

    /// <summary>The URL the server listens on (after start), e.g. http://127.0.0.1:5180/.</summary>
    public static string? Url(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() is { } address
            ? address.TrimEnd('/') + "/"
            : null;

    private static void PrintUrl(WebApplication app)
    {
        if (Url(app) is not { } url) return;
        // Last and set apart: the one line a user looks for. The console logger writes on its own thread, so the entries
        // logged during start-up (the reports imported into a new store) may still be queued: let them go first.
        _ = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(300));
            Console.WriteLine($"{Environment.NewLine}LandMap 地图已启动: {url}  (Ctrl+C 停止){Environment.NewLine}");
        });
    }

    /// <summary>Opens (and on first start fills) the store before the first request; it reads no parcels, so start-up does not grow with them.</summary>
    private sealed class SourceWarmUp(StoreAccess access) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => access.GetAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
