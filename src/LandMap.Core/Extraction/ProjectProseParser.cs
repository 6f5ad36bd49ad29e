using System.Globalization;
using System.Text.RegularExpressions;
using LandMap.Core.Reports;

namespace LandMap.Core.Extraction;

/// <summary>
/// Finds key projects and their progress in running prose. Each clause (between ，；。) is read as
/// subject + stage word (东湖中央公园、蒲城古陶文化产业园等37个项目开工建设), or, failing that, as
/// stage word + object (建成蒲城古陶文化产业园); a clause naming only 项目一期 refers back to the last
/// project-like name in its sentence. The last stage word of a clause decides, and compounds take the
/// furthest stage (建成投产 → operating). Clauses in the plan part of a report, or with goal words
/// (力争, 即将), are targets, not progress. Investment stated with a name (累计完成投资8.4亿元) is kept.
/// </summary>
public static partial class ProjectProseParser
{
    [GeneratedRegex(@"[^。！？!?；;]+[。！？!?；;]?")]
    private static partial Regex SentenceRegex();

    [GeneratedRegex(@"[^，,；;：:。！？!?]+")]
    private static partial Regex ClauseRegex();

    [GeneratedRegex(@"^(?<name>.+?)(?:累计)?(?:完成)?投资\s*(?<n>\d+(?:\.\d+)?)\s*(?<unit>亿元|万元)")]
    private static partial Regex InvestmentRegex();

    [GeneratedRegex(@"[^，。、；：]*?(?:园|项目|中心|基地|工程)")]
    private static partial Regex AntecedentRegex();

    [GeneratedRegex(@"^[二三四五六七八九]、.*(?:总体要求|主要目标|主要任务|重点工作|工作安排|计划安排|预期目标)")]
    private static partial Regex PlanPartHeadingRegex();

    /// <summary>Projects and land facts in <paramref name="paragraphs"/>; <paramref name="normalize"/> maps printed
    /// text to the text to parse char for char (half-width digits, OCR repairs), so offsets stay valid.</summary>
    public static (IReadOnlyList<KeyProject> Projects, IReadOnlyList<LandFact> LandFacts) Parse(IReadOnlyList<ReportParagraph> paragraphs, Func<string, string> normalize)
    {
        var projects = new List<KeyProject>();
        var facts = new List<LandFact>();
        var planPart = false;
        foreach (var paragraph in paragraphs)
        {
            var text = normalize(paragraph.Text);
            if (PlanPartHeadingRegex().IsMatch(text)) planPart = true;
            if (Paragraphs.IsTableRow(paragraph.Text)) continue;
            var parks = new ParkContext();
            foreach (Match sentence in SentenceRegex().Matches(text))
            {
                ReadSentence(sentence, paragraph, planPart, parks, projects, facts);
            }
        }
        return (projects.DistinctBy(p => (p.Name, p.Stage, p.Target, p.Source.Line)).ToList(), facts);
    }

    private static void ReadSentence(Match sentence, ReportParagraph paragraph, bool planPart, ParkContext parks, List<KeyProject> projects, List<LandFact> facts)
    {
        var printed = paragraph.Text.Substring(sentence.Index, sentence.Length).Trim();
        parks.StartSentence(sentence.Value);
        foreach (Match clause in ClauseRegex().Matches(sentence.Value))
        {
            var line = paragraph.LineAt(sentence.Index + clause.Index);
            var source = new SourceRef(line, printed);
            var park = parks.Read(clause.Value);
            // In the plan part, 已 still reports progress (目前…已投产达效).
            var target = (planPart && !clause.Value.Contains('已')) || ProjectNames.SoundsLikeGoal(clause.Value);
            if (LandFactReader.Read(clause.Value, sentence.Value[(clause.Index + clause.Length)..], park, source) is { } fact)
            {
                facts.Add(fact);
            }
            else if (ReadProgress(clause.Value, sentence.Value[..clause.Index], target, source) is { Count: > 0 } found)
            {
                projects.AddRange(found.Select(p => p with { Within = park is not null && !p.Name.Contains(park) && !ParkContext.IsPark(p.Name) ? park : null }));
            }
            // An amount too large for a double is no amount (JSON cannot write infinity).
            else if (InvestmentRegex().Match(clause.Value.Trim()) is { Success: true } inv && ProjectNames.Split(inv.Groups["name"].Value) is [var only]
                && double.Parse(inv.Groups["n"].Value, CultureInfo.InvariantCulture) is var amount && double.IsFinite(amount))
            {
                projects.Add(new KeyProject
                {
                    Name = only.Text,
                    Phase = only.Phase,
                    Target = target,
                    InvestmentYi = inv.Groups["unit"].Value == "万元" ? amount / 10_000 : amount,
                    InvestmentText = clause.Value.Trim()[only.Text.Length..].Trim(),
                    Source = source,
                });
            }
        }
    }

    private static List<KeyProject> ReadProgress(string clause, string sentenceBefore, bool target, SourceRef source)
    {
        var words = StageLexicon.Find(clause).ToList();
        if (words.Count == 0) return [];
        var last = words[^1];
        var stage = StageLexicon.StageOf(last.Value);
        var subject = clause[..last.Index];

        var after = clause[(last.Index + last.Length)..].Trim();

        IReadOnlyList<ProjectNames.Name> names = [];
        var leading = StageLexicon.LeadingVerbs.Contains(words[0].Value) ? words[0] : null;
        if (leading is not null && HasObject(clause[(leading.Index + leading.Length)..]))
        {
            // Verb before object: 建成蒲城古陶文化产业园; 云石墨产业园建成…平台 names what was built, not the builder.
            names = ProjectNames.Split(clause[(leading.Index + leading.Length)..]);
            stage = StageLexicon.StageOf(leading.Value);
            last = leading;
        }
        else if (ProjectNames.IsBackReference(subject))
        {
            var antecedent = AntecedentRegex().Matches(sentenceBefore).LastOrDefault();
            names = antecedent is not null && ProjectNames.Split(antecedent.Value) is [var a] ? [a with { Phase = ProjectNames.PhaseOf(subject) }] : [];
        }
        else if (!HasObject(after) && !(after.Length > 0 && char.IsAsciiDigit(after[0])))
        {
            // 完工45个 is a statistic, not a project's progress.
            names = ProjectNames.Split(subject);
        }
        return names.Select(n => new KeyProject
        {
            Name = n.Text,
            Phase = n.Phase,
            Stage = stage,
            StageText = last.Value,
            Target = target,
            Source = source,
        }).ToList();
    }

    // Text after a stage word is an object unless it only adds another verb (、正在装修, 并交房).
    private static bool HasObject(string after)
    {
        var s = after.Trim();
        return s.Length >= 4 && !"、并和及".Contains(s[0]);
    }
}
