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
