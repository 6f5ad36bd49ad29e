using LandMap.Core.Gazetteer.Registry;

namespace LandMap.Core.Reports;

/// <summary>
/// The one public id of a parcel: six-digit district code, four-digit plan year and five-digit seq, as one integer
/// (410403202300017 is entry 17 of 卫东区's 2023 column). It is the same after a re-import or a new edition of the
/// report, never collides between districts or columns of up to 99,999 entries, and fits both a JavaScript number
/// (below 2^53) and an MVT feature id (uint64). A district without a known code gets <see cref="UnknownDistrict"/>;
/// an unknown plan year is 0000.
/// </summary>
public static class ParcelIds
{
    /// <summary>The code used for a district LandMap has no code for.</summary>
    public const int UnknownDistrict = 999999;

    /// <summary>The largest seq an id can hold.</summary>
    public const int MaxSeq = 99_999;

    private const long YearFactor = 100_000;
    private const long DistrictFactor = 1_000_000_000;

    /// <summary>The public id of entry <paramref name="seq"/> of <paramref name="district"/>'s <paramref name="planYear"/> column.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The seq or plan year does not fit the id.</exception>
    public static long Of(string? district, int? planYear, int seq) => Of(DistrictCode(district), planYear, seq);

    /// <summary>The public id of entry <paramref name="seq"/> of the <paramref name="planYear"/> column of district <paramref name="districtCode"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The code, seq or plan year does not fit the id.</exception>
    public static long Of(int districtCode, int? planYear, int seq)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(districtCode, 100_000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(districtCode, 999_999);
        ArgumentOutOfRangeException.ThrowIfNegative(seq);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(seq, MaxSeq);
        var year = planYear ?? 0;
        ArgumentOutOfRangeException.ThrowIfNegative(year, nameof(planYear));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999, nameof(planYear));
        return districtCode * DistrictFactor + year * YearFactor + seq;
    }

    /// <summary>The six-digit code of a district of the shipped registry (<see cref="DistrictRegistry.Shipped"/>), or <see cref="UnknownDistrict"/>.</summary>
    public static int DistrictCode(string? district) => DistrictRegistry.Shipped.ByName(district)?.Code ?? UnknownDistrict;

    /// <summary>The code of a report's district: the one it was recognised with, else by name in the shipped registry.</summary>
    public static int DistrictCode(ExtractedReport report) => report.DistrictCode ?? DistrictCode(report.District);

    // The district list of the first releases, whose place in it legacy ids carry.
    private static readonly string[] LegacyDistricts =
        ["卫东区", "湛河区", "新华区", "石龙区", "宝丰县", "郏县", "鲁山县", "叶县", "舞钢市", "汝州市"];

    /// <summary>True for numbers in the range of public ids (a six-digit district code first).</summary>
    public static bool IsPublic(long id) => id is >= 100_000 * DistrictFactor and < 1_000_000 * DistrictFactor;

    /// <summary>
    /// Reads an id of the first releases (plan year × 100000 + place in the district list × 1000 + seq, e.g. 202301017),
    /// which saved links may still carry; null when <paramref name="id"/> is not one.
    /// </summary>
    public static (string? District, int PlanYear, int Seq)? FromLegacy(long id)
    {
        if (id is < 1000_00000L or > 9999_99999L) return null;
        var year = (int)(id / 100_000);
        var districtNumber = (int)(id / 1000 % 100);
        var seq = (int)(id % 1000);
        if (districtNumber == 99) return (null, year, seq);
        return districtNumber >= 1 && districtNumber <= LegacyDistricts.Length ? (LegacyDistricts[districtNumber - 1], year, seq) : null;
    }
}
