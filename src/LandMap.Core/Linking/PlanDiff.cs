namespace LandMap.Core.Linking;

/// <summary>An entry as the diff names it.</summary>
/// <param name="PlanYear">The plan year of its column.</param>
/// <param name="Seq">Its number in the column.</param>
/// <param name="Name">Its name as printed.</param>
public sealed record EntryRef(int? PlanYear, int Seq, string Name);

/// <summary>
/// One line of a plan diff: <c>carried</c> (both sides, with the link's score and reasons), <c>new</c>
/// (<see cref="From"/> null) or <c>dropped</c> (<see cref="To"/> null). The names are the contract of
/// <c>GET /api/plans/diff</c> and <c>landmap diff</c>. <see cref="Review"/> is set when a reviewer confirmed the link.
/// </summary>
public sealed record DiffEntry(string Class, EntryRef? From, EntryRef? To, double? Score, IReadOnlyList<string> Reasons, LinkReview? Review = null);

/// <summary>
/// What changed between two plan years' land columns: every entry classed, the links reviewers broke (those pairs
/// are never linked) and the decisions that could not be applied, with why.
/// </summary>
public sealed record PlanDiff(int FromYear, int ToYear, string? District, IReadOnlyList<DiffEntry> Entries,
    IReadOnlyList<LinkDecision> BrokenLinks, IReadOnlyList<IgnoredDecision> IgnoredDecisions);
