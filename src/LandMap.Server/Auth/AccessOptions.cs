using System.ComponentModel.DataAnnotations;

namespace LandMap.Server.Auth;

/// <summary>Accounts, sessions and limits (configuration section <c>LandMap:Access</c>); validated at start-up.</summary>
public sealed class AccessOptions
{
    public const string Section = "LandMap:Access";

    /// <summary>Shorter passwords are refused by <c>landmap user add</c>.</summary>
    [Range(8, 1024)]
    public int MinPasswordLength { get; set; } = 12;

    /// <summary>Login attempts (token and cookie together) per client address per minute; more get 429.</summary>
    [Range(1, 100_000)]
    public int LoginsPerMinute { get; set; } = 5;

    /// <summary>Writes per user (or address) per minute; more get 429.</summary>
    [Range(1, 1_000_000)]
    public int WritesPerMinute { get; set; } = 60;

    /// <summary>How long a failed login waits before it answers, to slow guessing.</summary>
    [Range(0, 10_000)]
    public int FailedLoginDelayMs { get; set; } = 1000;

    /// <summary>
    /// Sheets and maps drawn at once (each takes about half a second of one core); the rest wait in a queue of
    /// <see cref="PrintQueue"/> and beyond it get 429, so printing never starves the map and the API.
    /// </summary>
    [Range(1, 64)]
    public int PrintsAtOnce { get; set; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Print requests that may wait for a free drawing slot.</summary>
    [Range(0, 1_000)]
    public int PrintQueue { get; set; } = 8;

    /// <summary>Lifetime of bearer tokens and cookie sessions.</summary>
    [Range(1, 720)]
    public int SessionHours { get; set; } = 12;

    /// <summary>Largest JSON body a write accepts (413 beyond).</summary>
    [Range(1024, 64L * 1024 * 1024)]
    public long MaxJsonBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest survey upload (413 beyond); only the survey route reads this much.</summary>
    [Range(1024, 256L * 1024 * 1024)]
    public long MaxUploadBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>Most vertices of one geometry: validity checks grow fast beyond 100k (the limit: docs/review-and-security.md).</summary>
    [Range(4, 1_000_000)]
    public int MaxVertices { get; set; } = 100_000;
}
