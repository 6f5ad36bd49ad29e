using LandMap.Core.Reports;

namespace LandMap.Core.Extraction;

/// <summary>
/// Keeps a column's entry numbers usable as parcel ids (<see cref="ParcelIds"/>): a printed number past
/// <see cref="ParcelIds.MaxSeq"/> (or past what an int holds) drops its entry, and a number printed twice keeps the
/// first entry and gives each later one the next free number after the column's largest, so every entry is stored
/// apart. Both say so in the report's warnings, naming the line; a renumbered entry's note says it too.
/// </summary>
public static class EntryNumbers
{
    /// <summary>True, with a warning, when <paramref name="printed"/> is a number no parcel id can hold.</summary>
    public static bool Refuse(string printed, int line, string name, List<string> warnings)
    {
        if (printed.Length == 0 || !printed.All(char.IsDigit)) return false;
        if (int.TryParse(printed, out var seq) && seq <= ParcelIds.MaxSeq) return false;
        var shown = printed.Length > 24 ? printed[..12] + "…" + printed[^6..] : printed;
        var what = name.Length > 30 ? name[..30] + "…" : name;
        warnings.Add($"line {line}: entry number {shown} ({what}) is larger than {ParcelIds.MaxSeq}, the most a parcel id holds; " +
            "the entry is skipped — fix the number in the report");
        return true;
    }

    /// <summary>The entries in order, each later entry of a number already taken renumbered after the column's largest.</summary>
    public static List<LandEntry> RenumberDuplicates(List<LandEntry> entries, List<string> warnings)
    {
        var firstLine = new Dictionary<int, int>();
        var next = entries.Count == 0 ? 1 : entries.Max(e => e.Seq) + 1;
        var result = new List<LandEntry>(entries.Count);
        foreach (var entry in entries)
        {
            if (firstLine.TryAdd(entry.Seq, entry.Source.Line))
            {
                result.Add(entry);
                continue;
            }
            if (next > ParcelIds.MaxSeq)
            {
                warnings.Add($"line {entry.Source.Line}: entry number {entry.Seq} ({entry.Name}) is printed again (first on line {firstLine[entry.Seq]}) " +
                    $"and no number up to {ParcelIds.MaxSeq} is free; the entry is skipped — number the column's entries once each");
                continue;
            }
            var seq = next++;
            warnings.Add($"line {entry.Source.Line}: entry number {entry.Seq} ({entry.Name}) is printed again (first on line {firstLine[entry.Seq]}); " +
                $"it is stored as entry {seq} — number the column's entries once each");
            firstLine[seq] = entry.Source.Line;
            var note = $"报告中编号 {entry.Seq} 重复，另编为 {seq}";
            result.Add(entry with { Seq = seq, Note = entry.Note is null ? note : $"{entry.Note}；{note}" });
        }
        return result;
    }
}
