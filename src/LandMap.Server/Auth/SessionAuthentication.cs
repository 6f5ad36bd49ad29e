using System.Security.Claims;
using System.Text.Encodings.Web;
using LandMap.Server.Review;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace LandMap.Server.Auth;

/// <summary>
/// One scheme for both ways in: <c>Authorization: Bearer lm1…</c> (scripts) or the <see cref="CookieName"/> cookie
/// (the page). The claim <see cref="MethodClaim"/> says which, so cookie writes can be held to the antiforgery header.
/// The account is read on every request (one lookup by its unique name): a removed account, another role or a newer
/// session generation than the token's ends the session at once.
/// </summary>
internal sealed class SessionAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    SessionTokens tokens, ReviewContext review) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "LandMap";
    public const string CookieName = "landmap_session";
    public const string MethodClaim = "amr";
    public const string SessionClaim = "sid";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? token;
        string method;
        var header = Request.Headers.Authorization.ToString();
        if (header.Length > 0)
        {
            if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.Fail("Only Bearer tokens are accepted.");
            (token, method) = (header["Bearer ".Length..].Trim(), "bearer");
        }
        else if (Request.Cookies[CookieName] is { Length: > 0 } cookie) (token, method) = (cookie, "cookie");
        else return AuthenticateResult.NoResult();

        if (await tokens.ValidateAsync(token, Context.RequestAborted) is not { } claims) return AuthenticateResult.Fail("The token is invalid or expired.");
        var user = await (await review.StoreAsync(Context.RequestAborted)).FindUserAsync(claims.User, Context.RequestAborted);
        if (user is null) return AuthenticateResult.Fail("The account no longer exists.");
        if (user.SessionGeneration != claims.Generation) return AuthenticateResult.Fail("The session has ended (logout, password or role change); sign in again.");
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, user.Name), new Claim(ClaimTypes.Role, user.Role),
            new Claim(MethodClaim, method), new Claim(SessionClaim, claims.SessionId),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return base.HandleChallengeAsync(properties);
    }
}
