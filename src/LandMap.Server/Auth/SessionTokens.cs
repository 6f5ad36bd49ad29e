using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LandMap.Server.Review;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace LandMap.Server.Auth;

/// <summary>The claims a session token carries; <paramref name="Generation"/> is the account's session generation when it was issued.</summary>
public sealed record SessionClaims(string User, string Role, string SessionId, DateTimeOffset ExpiresAt, long Generation = 0);

/// <summary>
/// Bearer tokens and cookie sessions as HMAC-SHA256-signed claims: <c>lm1.{base64url JSON}.{base64url MAC}</c>. The
/// 256-bit key is created on first start and kept in the store (store_settings), so tokens survive restarts and work
/// on every server sharing a PostGIS store, without a key ring folder to back up (why not Data Protection). Anyone who
/// can read the store can mint tokens, but such a person can change the data directly anyway. The role in the
/// token is a hint: every request reloads the account, so a removed or downgraded user loses access at once, and a
/// token of an earlier session generation (before a logout, password or role change) is refused. A token is accepted
/// only in the spelling it was issued in: the signature is compared as its canonical base64url text, so appended
/// padding or other spellings of the same bytes are refused.
/// </summary>
internal sealed class SessionTokens(ReviewContext review, IOptions<AccessOptions> options, TimeProvider time)
{
    private const string Prefix = "lm1.";
    private const int MaxTokenLength = 2048;
    private Task<byte[]>? _key;

    public async Task<(string Token, SessionClaims Claims)> IssueAsync(string user, string role, long generation, CancellationToken cancellationToken)
    {
        var claims = new SessionClaims(user, role, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            time.GetUtcNow().AddHours(options.Value.SessionHours), generation);
        var payload = WebEncoders.Base64UrlEncode(JsonSerializer.SerializeToUtf8Bytes(claims));
        var key = await KeyAsync(cancellationToken);
        return (Prefix + payload + "." + WebEncoders.Base64UrlEncode(Mac(key, Prefix + payload)), claims);
    }

    /// <summary>The claims of a well-signed, unexpired token; null otherwise.</summary>
    public async Task<SessionClaims?> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length > MaxTokenLength || !token.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var parts = token[Prefix.Length..].Split('.');
        if (parts.Length != 2) return null;
        try
        {
            var key = await KeyAsync(cancellationToken);
            var expected = Encoding.ASCII.GetBytes(WebEncoders.Base64UrlEncode(Mac(key, Prefix + parts[0])));
            if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(parts[1]))) return null;
            var claims = JsonSerializer.Deserialize<SessionClaims>(WebEncoders.Base64UrlDecode(parts[0]));
            return claims is not null && claims.ExpiresAt > time.GetUtcNow() ? claims : null;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    /// <summary>The antiforgery token of a cookie session: a MAC of its session id, so it needs no server-side state.</summary>
    public async Task<string> CsrfTokenAsync(string sessionId, CancellationToken cancellationToken) =>
        WebEncoders.Base64UrlEncode(Mac(await KeyAsync(cancellationToken), "csrf:" + sessionId));

    private static byte[] Mac(byte[] key, string text) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text));

    // Loaded once, not bound to the first caller's cancellation.
    private Task<byte[]> KeyAsync(CancellationToken cancellationToken) => (_key ??= LoadKeyAsync(CancellationToken.None)).WaitAsync(cancellationToken);

    private async Task<byte[]> LoadKeyAsync(CancellationToken cancellationToken)
    {
        var store = await review.StoreAsync(cancellationToken);
        var text = await store.GetOrCreateSettingAsync("auth_token_key", () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), cancellationToken);
        return Convert.FromBase64String(text);
    }
}
