using System.Threading.RateLimiting;
using LandMap.Data.Review;
using LandMap.Server.Review;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace LandMap.Server.Auth;

/// <summary>Authentication, roles, rate limits and the review services, registered once.</summary>
public static class AccessSetup
{
    public const string ReviewerPolicy = "reviewer";
    public const string AdminPolicy = "admin";
    public const string LoginLimit = "login";
    public const string WriteLimit = "writes";
    public const string PrintLimit = "print";

    public static IServiceCollection AddLandMapAccess(this IServiceCollection services)
    {
        services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddTimeProvider();
        services.AddSingleton<ReviewContext>();
        services.AddSingleton<OutlineChecks>();
        services.AddSingleton<SessionTokens>();
        services.AddSingleton<CookieAntiforgery>();
        services.AddAuthentication(SessionAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, SessionAuthenticationHandler>(SessionAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ReviewerPolicy, p => p.RequireRole(UserRole.Reviewer, UserRole.Admin))
            .AddPolicy(AdminPolicy, p => p.RequireRole(UserRole.Admin));
        services.AddRateLimiter(limiter =>
        {
            // The framework answers 503 by default; 429 tells the client to slow down (docs/review-and-security.md).
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = { Status = 429, Title = "请求过于频繁", Detail = "Too many requests from this client; wait a minute and try again." },
                });
            };
            limiter.AddPolicy(LoginLimit, http => RateLimitPartition.GetFixedWindowLimiter(Client(http), _ => Window(Limits(http).LoginsPerMinute)));
            limiter.AddPolicy(WriteLimit, http =>
                RateLimitPartition.GetFixedWindowLimiter(http.User.Identity?.Name ?? Client(http), _ => Window(Limits(http).WritesPerMinute)));
            // One partition for the whole server: the cores are shared by everyone who prints.
            limiter.AddPolicy(PrintLimit, http => RateLimitPartition.GetConcurrencyLimiter("print", _ => new ConcurrencyLimiterOptions
            {
                PermitLimit = Limits(http).PrintsAtOnce, QueueLimit = Limits(http).PrintQueue, QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            }));
        });
        return services;
    }

    public static WebApplication UseLandMapAccess(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    private static AccessOptions Limits(HttpContext http) => http.RequestServices.GetRequiredService<IOptions<AccessOptions>>().Value;

    private static string Client(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "local";

    private static FixedWindowRateLimiterOptions Window(int permits) =>
        new() { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true };

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (services.All(s => s.ServiceType != typeof(TimeProvider))) services.AddSingleton(TimeProvider.System);
    }
}
