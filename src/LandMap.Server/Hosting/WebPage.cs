using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace LandMap.Server.Hosting;

/// <summary>Serves the bundled page (web/ built by npm during the .NET build) at <c>/</c>.</summary>
public static class WebPage
{
    public static WebApplication UseWebPage(this WebApplication app)
    {
        var webRoot = app.Services.GetRequiredService<IOptions<ServerOptions>>().Value.WebRoot;
        if (!File.Exists(Path.Combine(webRoot, "index.html")))
        {
            app.Logger.LogWarning("The page is not built ({WebRoot} has no index.html): build src/LandMap.Server with npm on PATH", webRoot);
            app.MapGet("/", () => TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "页面未构建",
                detail: $"{webRoot} has no index.html: run dotnet build src/LandMap.Server with Node.js and npm installed.")).ExcludeFromDescription();
            return app;
        }
        var files = new PhysicalFileProvider(webRoot);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        return app;
    }
}
