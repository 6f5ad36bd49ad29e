using System.Globalization;
using LandMap.Core.Conflicts;

namespace LandMap.Data.Conflicts;

/// <summary>
/// Conflicts as a reviewer reads them, one phrase per layer: 占用永久基本农田 3.2 亩（4.6%）, 占用生态保护红线 …,
/// 超出城镇开发边界 1.1 亩（…）, 占用耕地 2.0 亩 (三调), 压占宗地 … — the exports' summary column and the CLI table.
/// </summary>
public static class ConflictText
{
    /// <summary>The phrase of one layer's conflict; null for a land survey that takes no 耕地 (its composition is no conflict).</summary>
    public static string? Phrase(LayerConflict c)
    {
        var (verb, mu) = c.Kind switch
        {
            "farmland" => ("占用永久基本农田", c.AreaMu),
            "eco-redline" => ("占用生态保护红线", c.AreaMu),
            "urban-boundary" => ("超出城镇开发边界", c.AreaMu),
            "land-survey" => ("占用耕地", c.CultivatedMu ?? 0),
            "cadastre" => ("压占宗地", c.AreaMu),
            _ => ("重叠" + c.Layer, c.AreaMu),
        };
        if (mu <= 0) return null;
        var share = c.Kind == "land-survey" ? "" : $"（{(c.Share * 100).ToString("0.0", CultureInfo.InvariantCulture)}%）";
        return $"{verb} {mu.ToString("0.00", CultureInfo.InvariantCulture)} 亩{share}";
    }

    /// <summary>Every phrase of a stored conflicts column joined by "；"; empty when none (or never checked).</summary>
    public static string Summary(string? conflictsJson) =>
        string.Join("；", StoredConflicts.Read(conflictsJson).Select(Phrase).OfType<string>());

    /// <summary>The largest conflict figure in 亩 (<see cref="LayerConflict.ConflictMu"/>), 0 when none.</summary>
    public static double LargestMu(string? conflictsJson) =>
        StoredConflicts.Read(conflictsJson).Select(c => c.ConflictMu).DefaultIfEmpty(0).Max();
}
