namespace LandMap.Core.Linking;

/// <summary>An entry as the diff names it.</summary>
/// <param name="PlanYear">The plan year of its column.</param>
/// <param name="Seq">Its number in the column.</param>
/// <param name="Name">Its name as printed.</param>
public sealed record EntryRef(int? PlanYear, int Seq, string Name);

/// <summary>
/// One line of a plan diff: <c>carried</c> (both sides, with the link's score and reasons), <c>new</c>
/// (<see cref="From"/> null) or <c>dropped</c> (<see cref="To"/> null). The names are the contract of
/// <c>GET /api/plans/diff</c> and <c>landmap diff</c>.
/// </summary>
public sealed record DiffEntry(string Class, EntryRef? From, EntryRef? To, double? Score, IReadOnlyList<string> Reasons);

/// <summary>What changed between two plan years' land columns.</summary>
public sealed record PlanDiff(int FromYear, int ToYear, string? District, IReadOnlyList<DiffEntry> Entries);
