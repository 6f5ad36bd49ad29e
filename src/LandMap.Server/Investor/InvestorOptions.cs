using System.ComponentModel.DataAnnotations;

namespace LandMap.Server.Investor;

/// <summary>Settings of the investor facts in the parcel panel (configuration section <c>LandMap:Investor</c>).</summary>
public sealed class InvestorOptions
{
    public const string Section = "LandMap:Investor";

    /// <summary>
    /// Whom an investor calls (平顶山市卫东区投资促进中心 0375-…), shown in the panel of every parcel; unset (the default)
    /// shows none — the project ships no office's number.
    /// </summary>
    [MaxLength(200)]
    public string? Contact { get; set; }
}
