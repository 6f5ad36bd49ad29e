using System.Text.RegularExpressions;
using LandMap.Core.Linking;

namespace LandMap.Core.LandUse;

/// <summary>
/// Land-use classes a planner or investor filters parcels by, after the first level of China's land-use survey
/// classification (工矿、仓储、公共管理与公共服务…), with a 产业园区 class for parks that host mixed industry. Codes
/// are the API's words; <see cref="LandUseClassifier.Name"/> is what the page shows.
/// </summary>
public enum LandUseClass
{
    /// <summary>工矿: factories, plants, processing, mining.</summary>
    Industrial,
    /// <summary>物流仓储: logistics, warehouses, freight yards, storage.</summary>
    Logistics,
    /// <summary>产业园区: an industrial or logistics park as a whole.</summary>
    IndustrialPark,
    /// <summary>商业服务: trade, markets, car malls.</summary>
    Commercial,
    /// <summary>公共服务: schools, hospitals, sports, community centres.</summary>
    PublicService,
    /// <summary>交通与公用设施: roads, stations, energy and utility sites.</summary>
    Infrastructure,
    /// <summary>居住: housing, apartments, resettlement.</summary>
    Residential,
    /// <summary>绿地与开敞空间: parks and green space.</summary>
    GreenSpace,
    /// <summary>土地收储: land the government assembles for later supply.</summary>
    LandReserve,
    /// <summary>综合开发: an area developed as a whole (片区).</summary>
    MixedDevelopment,
    /// <summary>未分类: no keyword of the name says what the land is for.</summary>
    Unclassified,
}

/// <summary>A parcel's land use as read from its name: the class, the word that decided it, and that reason in words.</summary>
public sealed record LandUseGuess(LandUseClass Class, string? Keyword, string Reason)
{
    /// <summary>The API's code of the class (industrial, logistics, industrial-park …).</summary>
    public string Code => LandUseClassifier.Code(Class);

    /// <summary>The class in Chinese, as the page shows it.</summary>
    public string Name => LandUseClassifier.Name(Class);
}

/// <summary>
/// Reads a land entry's use from its name. Reports never state the use, so this is a keyword rule, and says so. The
/// company that starts a name is ignored (…商贸有限公司 is a company, not a use), and so is a bracket that ends it
/// (健康产业园（惠民大药房） names its operator). Chinese compounds put the head last
/// (电子半导体产业园 is a 产业园, 工业固废储运及综合利用中心 a 综合利用 site), so the keyword that ends last in the name
/// decides, and of two ending at the same place the longer (汽车产业园 before 产业园). No keyword: unclassified.
/// </summary>
public static partial class LandUseClassifier
{
    [GeneratedRegex(@"[（(][^（()）]*[）)]\s*$")]
    private static partial Regex TrailingBracketRegex();

    private static readonly (LandUseClass Class, string[] Keywords)[] Vocabulary =
    [
        (LandUseClass.Industrial, ["工业", "厂房", "固废", "资源化", "再生资源", "综合利用", "燃料", "建材", "材料", "半导体", "制造", "生产", "装备",
            "洗选", "混选", "矸石", "风井", "隔墙板", "加工"]),
        (LandUseClass.Logistics, ["物流", "仓储", "储运", "货场", "站台", "冷链", "储备", "储备库", "供应链"]),
        (LandUseClass.IndustrialPark, ["产业园", "工业园", "静脉产业园", "产业新城", "园区"]),
        (LandUseClass.Commercial, ["汽车园", "汽车产业园", "商业", "市场", "酒店"]),
        (LandUseClass.PublicService, ["医院", "学校", "学院", "幼儿园", "健身", "体育", "党群", "服务中心", "康养", "养老", "救援"]),
        (LandUseClass.Infrastructure, ["客运站", "省道", "公路", "路段", "改建", "液化气", "供应站", "风电", "变电", "供电", "供水", "污水"]),
        (LandUseClass.Residential, ["公寓", "安置", "住宅", "棚户区"]),
        (LandUseClass.GreenSpace, ["公园", "绿地", "湿地"]),
        (LandUseClass.LandReserve, ["收储", "储备用地"]),
        (LandUseClass.MixedDevelopment, ["片区", "综合开发"]),
    ];

    /// <summary>The classes investors looking for industrial land filter by: 工矿, 物流仓储 and 产业园区.</summary>
    public static readonly IReadOnlySet<LandUseClass> IndustrialLand = new HashSet<LandUseClass>
    {
        LandUseClass.Industrial, LandUseClass.Logistics, LandUseClass.IndustrialPark,
    };

    /// <summary>The land use of the entry named <paramref name="name"/>.</summary>
    public static LandUseGuess Classify(string name)
    {
        var company = NameCore.Company(name);
        var project = company is not null && name.Length > company.Length ? name[company.Length..] : name;
        project = TrailingBracketRegex().Replace(project, "");
        // The head word is the keyword ending last, the longer one on a tie, the earlier in the vocabulary after that.
        // A plain loop: bulk imports classify every entry, and this runs once per row.
        (LandUseClass Class, string? Keyword, int End) head = (LandUseClass.Unclassified, null, -1);
        foreach (var (use, keywords) in Vocabulary)
        {
            foreach (var keyword in keywords)
            {
                var at = project.LastIndexOf(keyword, StringComparison.Ordinal);
                if (at < 0) continue;
                var end = at + keyword.Length;
                if (end > head.End || (end == head.End && keyword.Length > head.Keyword!.Length)) head = (use, keyword, end);
            }
        }
        return head.Keyword is null
            ? new LandUseGuess(LandUseClass.Unclassified, null, "名称中没有表明用途的词")
            : new LandUseGuess(head.Class, head.Keyword, $"名称中心词“{head.Keyword}”");
    }

    /// <summary>The API's code of <paramref name="use"/>: industrial, logistics, industrial-park, commercial, public-service …</summary>
    public static string Code(LandUseClass use) => use switch
    {
        LandUseClass.Industrial => "industrial",
        LandUseClass.Logistics => "logistics",
        LandUseClass.IndustrialPark => "industrial-park",
        LandUseClass.Commercial => "commercial",
        LandUseClass.PublicService => "public-service",
        LandUseClass.Infrastructure => "infrastructure",
        LandUseClass.Residential => "residential",
        LandUseClass.GreenSpace => "green-space",
        LandUseClass.LandReserve => "land-reserve",
        LandUseClass.MixedDevelopment => "mixed-development",
        _ => "unclassified",
    };

    /// <summary>The Chinese name of <paramref name="use"/>.</summary>
    public static string Name(LandUseClass use) => use switch
    {
        LandUseClass.Industrial => "工矿",
        LandUseClass.Logistics => "物流仓储",
        LandUseClass.IndustrialPark => "产业园区",
        LandUseClass.Commercial => "商业服务",
        LandUseClass.PublicService => "公共服务",
        LandUseClass.Infrastructure => "交通与公用设施",
        LandUseClass.Residential => "居住",
        LandUseClass.GreenSpace => "绿地与开敞空间",
        LandUseClass.LandReserve => "土地收储",
        LandUseClass.MixedDevelopment => "综合开发",
        _ => "未分类",
    };

    /// <summary>The class whose <see cref="Code"/> is <paramref name="code"/>, or null.</summary>
    public static LandUseClass? FromCode(string code) =>
        Enum.GetValues<LandUseClass>().Cast<LandUseClass?>().FirstOrDefault(c => Code(c!.Value) == code);
}
