using LandMap.Core.Extraction.Input;

namespace LandMap.Benchmarks;

/// <summary>
/// A report as large as asked for, made of the seeds' own prose repeated and one long land column,
/// so every parser does real work in the proportions real reports have.
/// </summary>
internal static class SyntheticReport
{
    public static ReportText Build(IReadOnlyList<ReportText> seeds, long targetBytes)
    {
        var lines = new List<string>(seeds[0].Lines.Take(12));
        var prose = seeds.SelectMany(s => s.Lines).Where(l => l.Length > 80).ToArray();
        long size = 0;
        var entry = 0;
        lines.Add($"专栏：用地保障重点项目（{targetBytes / 20_000}个）");
        while (size < targetBytes / 2)
        {
            entry++;
            var line = $"{entry}、合成测试{entry}号物流仓储项目：位于平安大道东段北侧程庄村，面积约 {entry % 300 + 10}.5 亩。";
            lines.Add(line);
            size += line.Length * 3;
        }
        for (var i = 0; size < targetBytes; i++)
        {
            lines.Add(prose[i % prose.Length]);
            size += prose[i % prose.Length].Length * 3;
        }
        return new ReportText("synthetic.txt", lines, "utf-8");
    }
}
