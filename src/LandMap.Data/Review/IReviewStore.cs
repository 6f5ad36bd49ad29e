namespace LandMap.Data.Review;

/// <summary>
/// The review side of a store: review statuses, comments, accounts and audit entries. Every <see cref="IParcelStore"/>
/// that <see cref="ParcelStoreFactory"/> opens implements it (<see cref="Of"/>). Like the parcel store, each write is one
/// transaction that also appends to the audit log, and expected outcomes (stale version, unknown parcel) are values.
/// </summary>
public interface IReviewStore
{
    /// <summary>The review store of <paramref name="store"/>.</summary>
    static IReviewStore Of(IParcelStore store) =>
        store as IReviewStore ?? throw new InvalidOperationException($"The {store.Backend} store has no review tables.");

    /// <summary>The account named <paramref name="name"/>, or null.</summary>
    Task<UserAccount?> FindUserAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Creates an account; false (and nothing written) when the name is taken.</summary>
    Task<bool> AddUserAsync(string name, string role, string passwordHash, string actor, CancellationToken cancellationToken = default);

    /// <summary>Ends every session of the account (moves its <see cref="UserAccount.SessionGeneration"/> on), audited as <c>logout</c>; false when there is no such account.</summary>
    Task<bool> EndSessionsAsync(string name, string actor, CancellationToken cancellationToken = default);

    /// <summary>Sets the account's password hash and ends its sessions, audited as <c>set-password</c>; false when there is no such account.</summary>
    Task<bool> SetPasswordAsync(string name, string passwordHash, string actor, CancellationToken cancellationToken = default);

    /// <summary>Sets the account's role (one of <see cref="UserRole.All"/>) and ends its sessions, audited as <c>set-role</c>; false when there is no such account.</summary>
    Task<bool> SetRoleAsync(string name, string role, string actor, CancellationToken cancellationToken = default);

    /// <summary>The setting <paramref name="key"/>, created with <paramref name="create"/> on first use (the first writer wins).</summary>
    Task<string> GetOrCreateSettingAsync(string key, Func<string> create, CancellationToken cancellationToken = default);

    /// <summary>Review state of every parcel of current reports.</summary>
    Task<IReadOnlyList<ReviewState>> ListReviewStatesAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves a reviewed geometry as a new version and sets the review status when the parcel is still at
    /// <see cref="ReviewedGeometry.ExpectedVersion"/>. On a stale version nothing changes but the audit log, which
    /// records the refused attempt as an <c>edit-conflict</c>.
    /// </summary>
    Task<SaveGeometryResult> SaveReviewedGeometryAsync(ReviewedGeometry edit, CancellationToken cancellationToken = default);

    /// <summary>Sets a parcel's review status (with the comment and, for rejected, the reason); false when there is no such parcel.</summary>
    Task<bool> SetReviewStatusAsync(StatusChange change, CancellationToken cancellationToken = default);

    /// <summary>Comments on a parcel, oldest first.</summary>
    Task<IReadOnlyList<ReviewComment>> ListCommentsAsync(long parcelId, CancellationToken cancellationToken = default);

    /// <summary>Candidates of current reports, lowest confidence first.</summary>
    Task<IReadOnlyList<ParcelRecord>> ListCandidatesAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>Every reviewer decision on links between plan years, oldest first.</summary>
    Task<IReadOnlyList<Core.Linking.LinkDecision>> ListLinkDecisionsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Confirms or breaks the link between two entries of current reports, or withdraws the decision (verdict null),
    /// and audits it as <c>link-confirm</c>, <c>link-break</c> or <c>link-reset</c>. Unknown entries and a second
    /// confirmed partner are refused as values, with nothing written.
    /// </summary>
    Task<LinkDecisionResult> DecideLinkAsync(LinkDecisionChange change, CancellationToken cancellationToken = default);

    /// <summary>Appends one entry to the audit log.</summary>
    Task AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken = default);
}
