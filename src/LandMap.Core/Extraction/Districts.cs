namespace LandMap.Core.Extraction;

/// <summary>
/// The OCR misreadings of district names seen in reports (the districts themselves are data: the district registry,
/// <see cref="Gazetteer.Registry.DistrictRegistry"/>). 漯河 is a neighbouring city with no district of that name, so in
/// Pingdingshan's reports it is 湛河 misread.
/// </summary>
public static class Districts
{
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
