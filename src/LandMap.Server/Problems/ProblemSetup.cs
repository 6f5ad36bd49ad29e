namespace LandMap.Server.Problems;

/// <summary>RFC 7807 problem details for every error, set up once: exceptions, bare status codes and 400s.</summary>
public static class ProblemSetup
{
    public static IServiceCollection AddLandMapProblems(this IServiceCollection services) =>
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions.TryAdd("traceId", context.HttpContext.TraceIdentifier));

    /// <summary>Unhandled exceptions become 500 problems (no stack trace); 404/405 without a body become problems too.</summary>
    public static WebApplication UseLandMapProblems(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }
}
