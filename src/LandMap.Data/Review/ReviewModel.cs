using NetTopologySuite.Geometries;

namespace LandMap.Data.Review;

/// <summary>Review statuses of a parcel; the store keeps them as lower-case text.</summary>
public static class ReviewStatus
{
    /// <summary>Placed by the geocoder, not yet looked at.</summary>
    public const string Candidate = "candidate";
    /// <summary>A reviewer confirmed or corrected it.</summary>
    public const string Reviewed = "reviewed";
    /// <summary>Its geometry comes from a surveyed boundary file.</summary>
    public const string Surveyed = "surveyed";
    /// <summary>A reviewer rejected it, with a reason; not published.</summary>
    public const string Rejected = "rejected";

    /// <summary>Every status.</summary>
    public static readonly IReadOnlyList<string> All = [Candidate, Reviewed, Surveyed, Rejected];
}

/// <summary>Roles of local accounts.</summary>
public static class UserRole
{
    /// <summary>Reads published data.</summary>
    public const string Viewer = "viewer";
    /// <summary>Edits and reviews parcels.</summary>
    public const string Reviewer = "reviewer";
    /// <summary>Reviews, imports surveys and manages users.</summary>
    public const string Admin = "admin";

    /// <summary>Every role.</summary>
    public static readonly IReadOnlyList<string> All = [Viewer, Reviewer, Admin];
}

/// <summary>A stored account.</summary>
/// <param name="Id">The row id.</param>
/// <param name="Name">The sign-in name.</param>
/// <param name="Role">One of <see cref="UserRole.All"/>.</param>
/// <param name="PasswordHash">The ASP.NET Core Identity hash of the password.</param>
/// <param name="CreatedAt">When the account was added (UTC).</param>
/// <param name="SessionGeneration">Moves on at logout, password change and role change; a session token issued at another generation is ended.</param>
public sealed record UserAccount(long Id, string Name, string Role, string PasswordHash, DateTime CreatedAt, long SessionGeneration = 0);

/// <summary>A parcel's review state: its version (the ETag) and status.</summary>
public sealed record ReviewState(long ParcelId, string? District, int? PlanYear, int Seq, int Version, string Status, string? Reason);

/// <summary>A reviewer's comment (also every edit's, status change's and survey's reason).</summary>
public sealed record ReviewComment(long Id, long ParcelId, string Author, string Kind, string Body, DateTime CreatedAt);

/// <summary>A reviewed geometry to save: an edit, a restore, or a surveyed boundary.</summary>
/// <param name="ParcelId">The parcel (store id).</param>
/// <param name="ExpectedVersion">The version the reviewer edited (If-Match).</param>
/// <param name="Geometry">The new geometry, WGS 84, already checked.</param>
/// <param name="MadeBy">The reviewer.</param>
/// <param name="Comment">Why.</param>
/// <param name="Method">edit, restore or survey: the version's method and the audit action.</param>
/// <param name="Detail">Extra audit detail (file name, warnings), serialized as JSON.</param>
/// <param name="Constraints">The outline checked against the entry's location (kept with the version, as the geocoder's are).</param>
/// <param name="Confidence">How sure the outline is, from those checks (<see cref="Core.Geocoding.OutlineConfidence"/>) or a restored version's own.</param>
public sealed record ReviewedGeometry(long ParcelId, int ExpectedVersion, Geometry Geometry, string MadeBy, string? Comment, string Method = "edit",
    object? Detail = null, IReadOnlyList<Core.Geocoding.ConstraintResult>? Constraints = null, double Confidence = 1)
{
    /// <summary>The status the parcel gets: surveyed for a survey, else reviewed.</summary>
    public string ResultingStatus => Method == "survey" ? ReviewStatus.Surveyed : ReviewStatus.Reviewed;
}

/// <summary>A status change.</summary>
public sealed record StatusChange(long ParcelId, string Status, string Actor, string? Comment, string? Reason);

/// <summary>One entry for the audit log written outside a parcel change (logins, tokens).</summary>
public sealed record AuditEntry(string Actor, string Action, string Entity, long? EntityId, object Detail);

/// <summary>A reviewer's decision on the link between two entries of one district's land columns.</summary>
/// <param name="District">The district both entries belong to.</param>
/// <param name="FromYear">The earlier plan year.</param>
/// <param name="FromSeq">The entry's number in the earlier column.</param>
/// <param name="ToYear">The later plan year.</param>
/// <param name="ToSeq">The entry's number in the later column.</param>
/// <param name="Verdict"><see cref="Core.Linking.LinkVerdict.Confirmed"/>, <see cref="Core.Linking.LinkVerdict.Broken"/>, or null to withdraw the decision.</param>
/// <param name="Actor">The reviewer.</param>
/// <param name="Comment">Why.</param>
public sealed record LinkDecisionChange(string District, int FromYear, int FromSeq, int ToYear, int ToSeq, string? Verdict, string Actor, string? Comment);

/// <summary>How a link decision went.</summary>
public enum LinkDecisionOutcome
{
    /// <summary>Recorded (or replaced the pair's earlier decision).</summary>
    Saved,
    /// <summary>The pair's decision was withdrawn: the link is the linker's again.</summary>
    Withdrawn,
    /// <summary>There was no decision to withdraw; nothing changed.</summary>
    NoDecision,
    /// <summary>A current report has no such entry; nothing changed.</summary>
    UnknownEntry,
    /// <summary>One of the entries already has another confirmed partner in these plan years; nothing changed.</summary>
    Contradicts,
}

/// <summary>
/// The outcome of <see cref="IReviewStore.DecideLinkAsync"/>: the stored decision when saved, the contradicting one for
/// <see cref="LinkDecisionOutcome.Contradicts"/>, and for an unknown entry which one.
/// </summary>
public sealed record LinkDecisionResult(LinkDecisionOutcome Outcome, Core.Linking.LinkDecision? Decision = null, string? Message = null);
