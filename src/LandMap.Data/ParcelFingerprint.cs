using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace LandMap.Data;

/// <summary>
/// What a map draws of a set of parcels, as one short string: it changes when a parcel enters or leaves the set, or
/// one of them gets a new version (every geometry save and status change bumps it), review status or project stage.
/// Computed from the store, so every server process on a store gets the same value for the same tile: a write then
/// invalidates only the tiles whose fingerprint it changed. One formula for C# and SQL (<see cref="SqlRow"/>).
/// </summary>
public static class ParcelFingerprint
{
    /// <summary>The SQL text of one parcel's row (aliases <c>p</c> = parcels), byte for byte what <see cref="Row"/> writes.</summary>
    public const string SqlRow = "p.id || ':' || p.version || ':' || p.review_status || ':' || COALESCE(p.project_stage, '')";

    /// <summary>The fingerprint of no parcels.</summary>
    public static string Empty { get; } = Of(Array.Empty<string>());

    /// <summary>One parcel's row.</summary>
    public static string Row(long id, int version, string reviewStatus, string? projectStage) =>
        string.Create(CultureInfo.InvariantCulture, $"{id}:{version}:{reviewStatus}:{projectStage}");

    /// <summary>The fingerprint of rows given in parcel id order.</summary>
    public static string Of(IEnumerable<string> rowsInIdOrder)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var row in rowsInIdOrder)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(row));
            hash.AppendData(","u8);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset().AsSpan(0, 12));
    }

    /// <summary>The fingerprint of parcel records, in any order.</summary>
    public static string Of(IEnumerable<ParcelRecord> parcels) =>
        Of(parcels.OrderBy(p => p.Id).Select(p => Row(p.Id, p.Version, p.ReviewStatus, p.ProjectStage)));
}
