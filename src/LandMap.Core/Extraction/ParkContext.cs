using System.Text.RegularExpressions;

namespace LandMap.Core.Extraction;

/// <summary>
/// Which park (园区) a sentence that says 园区 speaks of: the park named last — earlier in the sentence or else in
/// the paragraph — as the subject of a clause ("电子半导体产业园上升为市级战略。组建园区建设指挥部，…封测项目主体封顶"
/// puts the 封测 project in 电子半导体产业园). A sentence that does not say 园区 places nothing in a park: listing a
/// park beside other works (加快推进平顶山大健康产业园、湛河春天等项目建设) is not containment.
/// </summary>
internal sealed partial class ParkContext
{
    [GeneratedRegex(@"^(?:组建|完成|建设|打造|倾力打造|启动|实施|推动|推进|加快推进|加快)?(?<park>[\p{IsCJKUnifiedIdeographs}（）()“”]{2,16}?(?:产业园|物流园|康养园|工业园|文化园)(?:区)?)(?![、等和及（(])")]
    private static partial Regex ParkSubjectRegex();

    [GeneratedRegex(@"(?:产业园|物流园|康养园|工业园|文化园)(?:区)?$")]
    private static partial Regex ParkNameRegex();

    private string? _park;
    private bool _sentenceSaysPark;

    /// <summary>True when <paramref name="name"/> is itself a park.</summary>
    public static bool IsPark(string name) => ParkNameRegex().IsMatch(name);

    /// <summary>Starts a sentence; only one that says 园区 refers to a park.</summary>
    public void StartSentence(string sentence) => _sentenceSaysPark = sentence.Contains("园区");

    /// <summary>The park <paramref name="clause"/> refers to, or null; a park that is the clause's subject becomes the current one.</summary>
    public string? Read(string clause)
    {
        if (ParkSubjectRegex().Match(ProjectNames.StripLeadingNoise(clause)) is { Success: true } m) _park = m.Groups["park"].Value;
        return _sentenceSaysPark ? _park : null;
    }
}
