using LandMap.Data.Review;
using LandMap.Server.Review;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LandMap.Server.Auth;

public sealed record TokenResponse(string Token, string User, string Role, DateTimeOffset ExpiresAt);

public sealed record SessionResponse(string User, string Role, string? CsrfToken, DateTimeOffset? ExpiresAt);

/// <summary><c>/api/auth</c>: bearer tokens for scripts, cookie sessions for the page.</summary>
public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuth(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/auth").WithTags("Auth");
        group.MapPost("/token", TokenAsync).RequireRateLimiting(AccessSetup.LoginLimit)
            .WithSummary("{\"user\",\"password\"} → {\"token\"}: send it as Authorization: Bearer … on every API call.");
        group.MapPost("/login", LoginAsync).RequireRateLimiting(AccessSetup.LoginLimit)
            .WithSummary("Starts a cookie session (HttpOnly, Secure, SameSite=Strict); returns the csrfToken for the X-CSRF-Token header of writes.");
        group.MapPost("/logout", LogoutAsync)
            .WithSummary("Ends the session: the cookie is deleted and every token of the account (cookie or bearer) stops working.");
        group.MapGet("/me", MeAsync).RequireAuthorization().WithSummary("Who is signed in, with the session's csrfToken.");
        return routes;
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> TokenAsync(HttpContext http, SessionTokens tokens, ReviewContext review,
        IOptions<AccessOptions> options, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        var (user, problem) = await SignInAsync(http, review, options.Value, logs, cancellationToken);
        if (problem is not null) return problem;
        var (token, claims) = await tokens.IssueAsync(user!.Name, user.Role, user.SessionGeneration, cancellationToken);
        return TypedResults.Ok(new TokenResponse(token, user.Name, user.Role, claims.ExpiresAt));
    }

    private static async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> LoginAsync(HttpContext http, SessionTokens tokens, ReviewContext review,
        IOptions<AccessOptions> options, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        var (user, problem) = await SignInAsync(http, review, options.Value, logs, cancellationToken);
        if (problem is not null) return problem;
        var (token, claims) = await tokens.IssueAsync(user!.Name, user.Role, user.SessionGeneration, cancellationToken);
        http.Response.Cookies.Append(SessionAuthenticationHandler.CookieName, token, new CookieOptions
        {
            HttpOnly = true, Secure = true, SameSite = SameSiteMode.Strict, Path = "/", Expires = claims.ExpiresAt, IsEssential = true,
        });
        return TypedResults.Ok(new SessionResponse(user.Name, user.Role, await tokens.CsrfTokenAsync(claims.SessionId, cancellationToken), claims.ExpiresAt));
    }

    /// <summary>
    /// Tokens are signed claims, not server state, so deleting the cookie alone would leave a copied cookie valid for
    /// hours: logout moves the account's session generation on, which ends all its sessions, on every server.
    /// </summary>
    private static async Task<NoContent> LogoutAsync(HttpContext http, ReviewContext review, CancellationToken cancellationToken)
    {
        if (http.User.Identity is { IsAuthenticated: true, Name: { } name })
            await (await review.StoreAsync(cancellationToken)).EndSessionsAsync(name, name, cancellationToken);
        http.Response.Cookies.Delete(SessionAuthenticationHandler.CookieName, new CookieOptions { Secure = true, SameSite = SameSiteMode.Strict, Path = "/" });
        return TypedResults.NoContent();
    }

    private static async Task<Ok<SessionResponse>> MeAsync(HttpContext http, SessionTokens tokens, CancellationToken cancellationToken)
    {
        var cookie = http.User.FindFirst(SessionAuthenticationHandler.MethodClaim)?.Value == "cookie";
        var csrf = cookie ? await tokens.CsrfTokenAsync(http.User.FindFirst(SessionAuthenticationHandler.SessionClaim)!.Value, cancellationToken) : null;
        return TypedResults.Ok(new SessionResponse(http.User.Identity!.Name!, http.User.FindFirst(System.Security.Claims.ClaimTypes.Role)!.Value, csrf, null));
    }

    /// <summary>Checks the credentials; a failure is logged, audited and answered late, always with the same message.</summary>
    private static async Task<(UserAccount? User, ProblemHttpResult? Problem)> SignInAsync(HttpContext http, ReviewContext review, AccessOptions options,
        ILoggerFactory logs, CancellationToken cancellationToken)
    {
        var (json, problem) = await RequestBody.ReadJsonObjectAsync(http.Request, 16 * 1024, cancellationToken);
        if (problem is not null) return (null, problem);
        var errors = new List<string>();
        var name = RequestBody.String(json, "user", 256, errors);
        var password = RequestBody.String(json, "password", 1024, errors);
        if (errors.Count > 0 || name is null || password is null)
            return (null, RequestBody.Problem(StatusCodes.Status400BadRequest, "登录请求无效", "Send {\"user\": \"…\", \"password\": \"…\"}. " + string.Join(" ", errors)));

        var store = await review.StoreAsync(cancellationToken);
        var user = await store.FindUserAsync(name, cancellationToken);
        if (Passwords.Verify(user, password)) return (user, null);

        var client = http.Connection.RemoteIpAddress?.ToString() ?? "local";
        var shown = name.Length > 64 ? name[..64] + "…" : name;
        logs.CreateLogger("LandMap.Auth").LogWarning("Failed login for {User} from {Client}", shown, client);
        await store.AppendAuditAsync(new AuditEntry(shown, "login-failed", "user", user?.Id, new { client, known = user is not null }), cancellationToken);
        await Task.Delay(options.FailedLoginDelayMs, cancellationToken);
        return (null, RequestBody.Problem(StatusCodes.Status401Unauthorized, "用户名或密码错误", "The user name or password is wrong."));
    }
}
