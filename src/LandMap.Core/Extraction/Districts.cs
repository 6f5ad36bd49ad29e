namespace LandMap.Core.Extraction;

/// <summary>
/// The districts and counties of Pingdingshan and the OCR misreadings seen in their reports.
/// 漯河 is a neighbouring city with no district of that name here, so in these reports it is 湛河 misread.
/// </summary>
public static class Districts
{
    /// <summary>Canonical names of the ten districts and counties.</summary>
    public static readonly IReadOnlyList<string> All =
        ["卫东区", "湛河区", "新华区", "石龙区", "宝丰县", "郏县", "鲁山县", "叶县", "舞钢市", "汝州市"];

    /// <summary>
    /// The six-digit administrative division code (行政区划代码) of each of <see cref="All"/>, as the national statistics
    /// bureau lists them (gis-data/README.md names the source). Parcel ids start with it (<see cref="Reports.ParcelIds"/>).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, int> Codes = new Dictionary<string, int>
    {
        ["新华区"] = 410402, ["卫东区"] = 410403, ["石龙区"] = 410404, ["湛河区"] = 410411, ["宝丰县"] = 410421,
        ["叶县"] = 410422, ["鲁山县"] = 410423, ["郏县"] = 410425, ["舞钢市"] = 410481, ["汝州市"] = 410482,
    };

    /// <summary>Misread forms and the canonical district each stands for.</summary>
    public static readonly IReadOnlyDictionary<string, string> OcrVariants = new Dictionary<string, string>
    {
        ["漯河区"] = "湛河区",
        ["湛江区"] = "湛河区",
    };

    /// <summary>
    /// Misread stems to repair in the text of a report of the given district: one char for one,
    /// so offsets stay valid. 湛江 appears in slogans ("活力湛江") of Zhanhe reports.
    /// </summary>
    public static IReadOnlyList<(string Printed, string Meant)> OcrRepairsFor(string district) => district switch
    {
        "湛河区" => [("漯河", "湛河"), ("湛江", "湛河")],
        _ => [],
    };
}
