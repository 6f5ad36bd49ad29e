using LandMap.Data.Review;
using Microsoft.AspNetCore.Identity;

namespace LandMap.Server.Auth;

/// <summary>
/// Password hashing with ASP.NET Core's PasswordHasher (PBKDF2-HMAC-SHA512) at 210,000 iterations, OWASP's figure;
/// the framework default is 100,000. Shared by <c>landmap user add</c> and the login endpoints.
/// </summary>
public static class Passwords
{
    public const int Iterations = 210_000;

    private static readonly PasswordHasher<UserAccount> Hasher =
        new(Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = Iterations }));

    // Verified when the user does not exist, so that an unknown name costs as much time as a wrong password.
    private static readonly Lazy<string> Decoy = new(() => Hash("decoy-password-for-unknown-users"));

    public static string Hash(string password) => Hasher.HashPassword(null!, password);

    public static bool Verify(UserAccount? user, string password)
    {
        var result = Hasher.VerifyHashedPassword(user!, user?.PasswordHash ?? Decoy.Value, password);
        return user is not null && result != PasswordVerificationResult.Failed;
    }

    /// <summary>Why <paramref name="password"/> is not acceptable, or null.</summary>
    public static string? Weakness(string password, int minLength) =>
        password.Length < minLength ? $"The password has {password.Length} characters; use at least {minLength}."
        : password.Distinct().Count() < 4 ? "The password repeats too few characters; choose a less guessable one."
        : null;
}
