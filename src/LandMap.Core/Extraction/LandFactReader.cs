using System.Text.RegularExpressions;
using LandMap.Core.Reports;

namespace LandMap.Core.Extraction;

/// <summary>
/// Reads land-status statements: an area in 亩 with a workflow word (报批, 批复, 征收, 挂牌, 出让, 摘牌, 供地) —
/// "园区二期土地 263 亩已经省政府批复，即将挂牌出让". The subject is what precedes the area; 园区 and an empty
/// subject stand for the park in force. District totals (出让土地338.75亩) name no subject and are left out.
/// </summary>
internal static partial class LandFactReader
{
    [GeneratedRegex(@"报批|批复|征收|挂牌|出让|摘牌|供地")]
    private static partial Regex WorkflowRegex();

    [GeneratedRegex(@"^(?:园区)?(?:[一二三四五六七八九十]期)?(?:土地|用地)?$")]
    private static partial Regex ParkReferenceRegex();

    [GeneratedRegex(@"(?:园|园区|项目|基地|中心|工程|片区)$")]
    private static partial Regex OwnerRegex();

    /// <summary>The fact <paramref name="clause"/> states, or null.</summary>
    public static LandFact? Read(string clause, string restOfSentence, string? park, SourceRef source)
    {
        if (!WorkflowRegex().IsMatch(clause + restOfSentence) || AreaParser.FindFirst(clause) is not { } area) return null;
        var subject = ProjectNames.StripLeadingNoise(clause[..area.Index]).Trim().TrimEnd('土', '地').Trim();
        var stripped = subject.Replace(" ", "");
        if (ParkReferenceRegex().IsMatch(stripped + "土地"))
        {
            if (park is null) return null;
            subject = stripped.Length > 0 && stripped != "园区" ? $"{park}（{stripped.Replace("园区", "")}）" : park;
        }
        else if (!OwnerRegex().IsMatch(stripped))
        {
            // 出让土地338.75亩, 新增报批土地1200亩: district totals, not land of one park or project.
            return null;
        }
        var status = (clause[(area.Index + area.Length)..] + restOfSentence).Trim().TrimEnd('。', '；');
        return WorkflowRegex().IsMatch(status) ? new LandFact(subject, area.AreaMu, status.TrimStart('，'), source) : null;
    }
}
