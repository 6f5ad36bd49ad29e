namespace LandMap.Core.Linking;

/// <summary>What a reviewer can say of a link between two plan years' entries; the store keeps these words.</summary>
public static class LinkVerdict
{
    /// <summary>The two entries are the same project: linked whatever their score.</summary>
    public const string Confirmed = "confirmed";

    /// <summary>The two entries are different projects: never linked, whatever their score.</summary>
    public const string Broken = "broken";
}

/// <summary>
/// A reviewer's decision on the link between entry <see cref="From"/> of one plan year's land column and entry
/// <see cref="To"/> of a later one in <see cref="District"/>. The names are those the reports printed when the decision
/// was taken: a decision whose seq now names another entry (a re-imported, renumbered report) is not applied.
/// </summary>
public sealed record LinkDecision(string District, EntryRef From, EntryRef To, string Verdict, string DecidedBy, DateTime DecidedAt, string? Comment)
{
    /// <summary>True when the decision concerns the diff of <paramref name="fromYear"/> against <paramref name="toYear"/>.</summary>
    public bool Concerns(int fromYear, int toYear) => From.PlanYear == fromYear && To.PlanYear == toYear;
}

/// <summary>The reviewer's word on a carried line of a diff: who confirmed the link, when and why.</summary>
public sealed record LinkReview(string Verdict, string DecidedBy, DateTime DecidedAt, string? Comment)
{
    internal static LinkReview Of(LinkDecision d) => new(d.Verdict, d.DecidedBy, d.DecidedAt, d.Comment);
}

/// <summary>A decision the diff did not apply, and why (the entry it names has changed, or it contradicts another).</summary>
public sealed record IgnoredDecision(LinkDecision Decision, string Reason);
