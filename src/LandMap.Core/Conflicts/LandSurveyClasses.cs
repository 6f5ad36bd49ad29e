namespace LandMap.Core.Conflicts;

/// <summary>
/// The 三调 summary class of a DLBM code (GB/T 21010-2017 with the 第三次全国国土调查工作分类): 耕地, 园地, 林地, 草地, 湿地,
/// 建设用地 (split by its second-level groups 05–10 and 1109), 水域, 其他. 湿地 is the 三调 class 00, which takes 0303 红树林地,
/// 0304 森林沼泽, 0306 灌丛沼泽, 0402 沼泽草地, 0603 盐田, 1105 沿海滩涂, 1106 内陆滩涂 and 1108 沼泽地 out of their
/// GB/T 21010 groups. 1006 农村道路 counts as 其他: the 土地管理法 counts it as 农用地, not 建设用地.
/// </summary>
public static class LandSurveyClasses
{
    /// <summary>The class of 耕地 (0101 水田, 0102 水浇地, 0103 旱地), whose overlap is 占用耕地.</summary>
    public const string Cultivated = "耕地";

    /// <summary>The class of codes nobody knows: kept, never dropped.</summary>
    public const string Other = "其他";

    private static readonly HashSet<string> Wetland = ["0303", "0304", "0306", "0402", "0603", "1105", "1106", "1108"];

    private static readonly Dictionary<string, string> ConstructionGroups = new()
    {
        ["05"] = "商业服务业用地", ["06"] = "工矿用地", ["07"] = "住宅用地", ["08"] = "公共管理与公共服务用地", ["09"] = "特殊用地",
        ["10"] = "交通运输用地", ["1109"] = "水工建筑用地",
    };

    /// <summary>The summary class and, for 建设用地, its second-level group name (otherwise the class again).</summary>
    /// <param name="dlbm">The code as the survey stores it (<c>0101</c>, <c>05H1</c>, <c>1104A</c>, <c>0201K</c>); null or blank gives 其他.</param>
    public static (string Class, string Group) Of(string? dlbm)
    {
        var code = dlbm?.Trim().ToUpperInvariant() ?? "";
        if (code.Length < 2) return (Other, Other);
        var four = code.Length >= 4 ? code[..4] : code;
        if (Wetland.Contains(four)) return ("湿地", "湿地");
        if (four == "1109") return ("建设用地", ConstructionGroups["1109"]);
        if (four == "1006") return (Other, Other);
        var head = code[..2];
        return head switch
        {
            "01" => (Cultivated, Cultivated),
            "02" => ("园地", "园地"),
            "03" => ("林地", "林地"),
            "04" => ("草地", "草地"),
            "05" or "06" or "07" or "08" or "09" or "10" => ("建设用地", ConstructionGroups[head]),
            "11" => ("水域", "水域"),
            _ => (Other, Other),
        };
    }

    /// <summary>The order the classes are listed in.</summary>
    public static int Rank(string @class) => @class switch
    {
        Cultivated => 0, "园地" => 1, "林地" => 2, "草地" => 3, "湿地" => 4, "建设用地" => 5, "水域" => 6, _ => 7,
    };
}
