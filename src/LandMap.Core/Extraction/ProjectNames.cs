using System.Text.RegularExpressions;

namespace LandMap.Core.Extraction;

/// <summary>
/// Cleans the subject of a progress clause into project names: drops goal and time words around it,
/// the "等N个项目" tail, phase marks (一期) and measurements after the name, and splits lists on 、 和 及.
/// A lone name must end like a project (…项目, …园, …中心, …路); a list is kept when one item does.
/// </summary>
public static partial class ProjectNames
{
    /// <summary>A cleaned project name and the phase printed with it (一期), if any.</summary>
    public sealed record Name(string Text, string? Phase);

    [GeneratedRegex(@"^(?:其中|其|目前|同时|并|全年共|全年|今年|年内|实现|全(?:国|省|市|区)(?:首家|第一家|首个|唯一)|力争|力促|确保|推动|加快推进|加快|全力推动|全力推进|积极推进|推进|抓好|促进|配合|全面|区领导|\d+月底前|上半年|下半年|年底前|\d+\s*天|，|\s)+")]
    private static partial Regex LeadingNoiseRegex();

    [GeneratedRegex(@"(?:已经|均已|已|全部|均|顺利|正式|成功|全面|基本|实现|率先|相继|陆续|先后|建设|施工|上线|即将|尽快|上半年|年底前|\d+月底前|\d+\s*天|并|开设|挂牌|加快|有序|正在|\s)+$")]
    private static partial Regex TrailingNoiseRegex();

    [GeneratedRegex(@"等(?:\s*\d+|[^、]{0,8}?(?:项目|工程|道路|设施)).*$")]
    private static partial Regex EtceteraTailRegex();

    [GeneratedRegex(@"^(?<name>.+?)[（(]?(?<phase>[一二三四五六七八九十\d]+期)[)）]?(?<rest>.*)$")]
    private static partial Regex PhaseRegex();

    [GeneratedRegex(@"^(?:(?:专业化)?厂房|项目|工程)?$")]
    private static partial Regex PhaseRestRegex();

    [GeneratedRegex(@"^(?<name>.+?项目)(?=.*(?:\d|厂房|楼体|车间))")]
    private static partial Regex ProjectThenMeasureRegex();

    [GeneratedRegex(@"\d+\s*个.*$")]
    private static partial Regex CountTailRegex();

    [GeneratedRegex(@"(?<=[\p{IsCJKUnifiedIdeographs}“”])\s+|\s+(?=[\p{IsCJKUnifiedIdeographs}“”])")]
    private static partial Regex SpaceNextToHanRegex();

    [GeneratedRegex(@"^\d+\s*(?:个|家|栋|座|条|所|处|套|户|名|人|项|批|期)|项目\s*\d+\s*个|亿元|万元|%|同比|增长|累计|个项目|重点项目|一批|以上项目")]
    private static partial Regex NotANameRegex();

    [GeneratedRegex(@"(?:项目|园|园区|中心|工程|基地|厂|车间|线|站|路|桥|学校|小学|中学|幼儿园|医院|院|公园|库|馆|城|区|大厦|综合体|楼|场|平台|改造|东延|西扩|南延|北延|东移|公寓|之家|市场|广场|长廊|卡|钻具)$")]
    private static partial Regex ProjectSuffixRegex();

    private static readonly HashSet<string> Generic = ["项目", "工程", "一期项目", "该项目", "道路", "园区", "基础设施", "厂房", "重点项目", "产业园", "棚改项目", "老旧小区改造"];

    /// <summary>The text without leading goal and time words (力争, 全年, 其中…).</summary>
    public static string StripLeadingNoise(string text) => LeadingNoiseRegex().Replace(text, "");

    /// <summary>True for a subject that only points back at an earlier name (项目一期, 该项目).</summary>
    public static bool IsBackReference(string subject) =>
        BackReferenceRegex().IsMatch(TrailingNoiseRegex().Replace(LeadingNoiseRegex().Replace(subject, ""), ""));

    [GeneratedRegex(@"^项目[一二三四五六七八九十]期$")]
    private static partial Regex BackReferenceRegex();

    /// <summary>The phase of a back-reference (项目一期 → 一期), if any.</summary>
    public static string? PhaseOf(string text) => PhaseRegex().Match(text) is { Success: true } m ? m.Groups["phase"].Value : null;

    /// <summary>True when <paramref name="text"/> carries words that set a goal rather than report progress.</summary>
    public static bool SoundsLikeGoal(string text) =>
        text.Contains("即将") || text.Contains("力争") || text.Contains("力促") || text.Contains("确保") ||
        text.Contains("尽快") || text.Contains("争取") || text.Contains("计划");

    /// <summary>Project names in <paramref name="subject"/>; empty when it names none.</summary>
    public static IReadOnlyList<Name> Split(string subject)
    {
        var s = TrailingNoiseRegex().Replace(LeadingNoiseRegex().Replace(subject.Trim(), ""), "");
        // "A、B等37个项目" names projects; "道路、绿化等基础设施" names kinds of works.
        var tail = EtceteraTailRegex().Match(s);
        var tailed = tail.Success && !tail.Value.Contains("设施");
        s = EtceteraTailRegex().Replace(s, "");
        var of = s.LastIndexOf('的');
        if (of >= 0 && s.Length - of > 3) s = s[(of + 1)..];

        var items = s.Split('、').SelectMany(SplitConjunctions).Select(Clean).Where(n => n is not null).Select(n => n!).ToList();
        if (items.Count == 0) return [];
        items = DistributeSharedSuffix(items);
        var anyLooksLikeProject = items.Any(n => ProjectSuffixRegex().IsMatch(n.Text));
        return tailed || anyLooksLikeProject ? items : [];
    }

    private static IEnumerable<string> SplitConjunctions(string item)
    {
        foreach (var conjunction in new[] { "和", "及" })
        {
            var at = item.IndexOf(conjunction, StringComparison.Ordinal);
            // 和顺路 starts with 和, 及其周边 is not a list.
            if (at >= 2 && at < item.Length - 2 && !item[at..].StartsWith("及其")) return [item[..at], item[(at + 1)..]];
        }
        return [item];
    }

    private static Name? Clean(string raw)
    {
        var s = SpaceNextToHanRegex().Replace(raw, "").Trim();
        if (NotANameRegex().IsMatch(s)) return null;
        // 臻悦府3个保交楼项目: the count and what follows describe the name before it.
        s = CountTailRegex().Replace(s, "");
        s = TrailingNoiseRegex().Replace(LeadingNoiseRegex().Replace(s, ""), "");
        string? phase = null;
        // 粉体项目一期专业化厂房 → 粉体项目 (一期); 园区一期6千伏线路 keeps its words.
        if (PhaseRegex().Match(s) is { Success: true } m && m.Groups["name"].Length >= 2 && PhaseRestRegex().IsMatch(m.Groups["rest"].Value))
        {
            s = m.Groups["name"].Value;
            phase = m.Groups["phase"].Value;
        }
        if (ProjectThenMeasureRegex().Match(s) is { Success: true } measured) s = measured.Groups["name"].Value;
        s = s.Trim();
        if (s.Length < 3 || s.Length > 40 || Generic.Contains(s) || NotANameRegex().IsMatch(s)) return null;
        return new Name(s, phase);
    }

    // "胡杨楼村、辉岗村、徐庄村棚改安置项目": the last item's project words belong to every village.
    private static List<Name> DistributeSharedSuffix(List<Name> items)
    {
        if (items.Count < 2) return items;
        var last = items[^1].Text;
        var cut = last.IndexOfAny(['村', '社']);
        if (cut < 0) return items;
        var placeEnd = last[cut] == '社' && last[(cut + 1)..].StartsWith("区") ? cut + 2 : cut + 1;
        var shared = last[placeEnd..];
        if (shared.Length < 2 || !items.Take(items.Count - 1).All(n => n.Text.EndsWith('村') || n.Text.EndsWith("社区"))) return items;
        return items.Select((n, i) => i == items.Count - 1 ? n : n with { Text = n.Text + shared }).ToList();
    }
}
