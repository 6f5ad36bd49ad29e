using System.Security.Cryptography;
using System.Text;

namespace LandMap.Server.Auth;

/// <summary>
/// Antiforgery for JSON and multipart writes made with the session cookie: the request must carry the session's
/// token (from <c>POST /api/auth/login</c>) in <see cref="HeaderName"/>. Form antiforgery does not cover JSON bodies,
/// and a cross-site page cannot set a custom header without CORS, which this server never grants. Bearer requests
/// carry no ambient credential, so they need no such token.
/// </summary>
internal sealed class CookieAntiforgery(SessionTokens tokens) : IEndpointFilter
{
    public const string HeaderName = "X-CSRF-Token";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.User.FindFirst(SessionAuthenticationHandler.MethodClaim)?.Value == "cookie" && !HttpMethods.IsGet(http.Request.Method))
        {
            var sent = http.Request.Headers[HeaderName].ToString();
            var expected = await tokens.CsrfTokenAsync(http.User.FindFirst(SessionAuthenticationHandler.SessionClaim)!.Value, http.RequestAborted);
            if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(expected)))
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "缺少防伪令牌",
                    detail: $"A write with the session cookie must send the {HeaderName} header with the csrfToken that POST /api/auth/login returned.");
        }
        return await next(context);
    }
}
