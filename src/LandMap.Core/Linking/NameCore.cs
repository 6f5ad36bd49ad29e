using System.Text.RegularExpressions;

namespace LandMap.Core.Linking;

/// <summary>
/// What two printings of one project's name share. The company (…有限公司, 市供销社) is split off; place and
/// filler words (平顶山市, 卫东区, 项目, 建设, 二期) and brackets are dropped; synonyms reports use for one thing
/// are made equal (站台 = 货场 for a railway freight yard, 混选 = 洗选, 汽车产业园 = 汽车园). Similarity is the
/// overlap coefficient of character bigrams: 1 when one core's bigrams are all in the other's.
/// </summary>
public static partial class NameCore
{
    private static readonly (string From, string To)[] Synonyms =
    [
        ("站台", "货场"), ("混选", "洗选"), ("汽车产业园", "汽车园"), ("汽车物流园", "汽车园"), ("产业新城", "产业园"),
    ];

    [GeneratedRegex(@"^(?<company>.+?(?:有限责任公司|股份有限公司|有限公司|集团公司|公司|供销社))")]
    private static partial Regex CompanyRegex();

    [GeneratedRegex(@"平顶山市|平顶山|卫东区|湛河区|河南省|河南|项目|建设|工程|[一二三四五六七八九十\d]+期|[（()）、，,\s“”]")]
    private static partial Regex FillerRegex();

    /// <summary>The company named at the start of <paramref name="name"/>, or null.</summary>
    public static string? Company(string name) =>
        CompanyRegex().Match(name) is { Success: true } m ? m.Groups["company"].Value : null;

    /// <summary>The name without company, filler and brackets, synonyms unified.</summary>
    public static string Core(string name)
    {
        var company = Company(name);
        var rest = company is not null && name.Length > company.Length ? name[company.Length..] : name;
        rest = FillerRegex().Replace(rest, "");
        foreach (var (from, to) in Synonyms) rest = rest.Replace(from, to);
        return rest;
    }

    /// <summary>Overlap coefficient of the cores' character bigrams, 0–1.</summary>
    public static double Similarity(string a, string b)
    {
        var x = Bigrams(Core(a));
        var y = Bigrams(Core(b));
        if (x.Count == 0 || y.Count == 0) return 0;
        return x.Intersect(y).Count() / (double)Math.Min(x.Count, y.Count);
    }

    private static HashSet<string> Bigrams(string s)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < s.Length; i++) set.Add(s.Substring(i, 2));
        if (s.Length == 1) set.Add(s);
        return set;
    }
}
