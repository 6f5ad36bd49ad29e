using System.Globalization;
using Xunit.Abstractions;

namespace LandMap.Core.Tests.Gazetteer;

/// <summary>
/// One line of gis-data/gazetteer/relations.tsv: <c>relation a b detail source</c>, where detail is
/// <c>key=value;…</c>, bare keys are flags and <c>note=</c> (always last) is free text.
/// </summary>
public sealed class RelationRow : IXunitSerializable
{
    /// <summary>For xunit's deserializer only.</summary>
    public RelationRow()
    {
    }

    private RelationRow(int line, string relation, string a, string b, string detail, string source)
    {
        Line = line;
        Relation = relation;
        A = a;
        B = b;
        Detail = detail;
        Source = source;
    }

    /// <summary>1-based line in relations.tsv (the header is line 1).</summary>
    public int Line { get; private set; }

    public string Relation { get; private set; } = "";

    public string A { get; private set; } = "";

    /// <summary>The second name; <c>-</c> when the relation has none (area).</summary>
    public string B { get; private set; } = "";

    public string Detail { get; private set; } = "";

    public string Source { get; private set; } = "";

    /// <summary>True when the bare key <paramref name="flag"/> is in the detail.</summary>
    public bool Has(string flag) => Pairs().Any(p => p.Key == flag && p.Value is null);

    /// <summary>The value of <paramref name="key"/>, or null.</summary>
    public string? Get(string key) => Pairs().FirstOrDefault(p => p.Key == key && p.Value is not null).Value;

    /// <summary>The value of <paramref name="key"/>; throws when the row lacks it (a malformed row, not a failed rule).</summary>
    public string Require(string key) => Get(key) ?? throw new FormatException($"relations.tsv line {Line}: {Relation} needs {key}=");

    /// <summary>A number from the detail, or <paramref name="fallback"/> (throws when there is neither).</summary>
    public double Number(string key, double? fallback = null) =>
        Get(key) is { } text ? double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)
        : fallback ?? throw new FormatException($"relations.tsv line {Line}: {Relation} needs {key}=");

    /// <summary>Every name of a gazetteer feature the row uses, with whether it must be a district.</summary>
    public IEnumerable<(string Name, bool IsDistrict)> Names()
    {
        // A box describes a region named by a (卫东区北部片区 is not a feature): only its bounds are features.
        if (Relation != "box")
        {
            yield return (A, false);
        }

        if (B != "-")
        {
            var bIsDistrict = Relation is "inside" or "box" or "strip"
                || (Relation == "corridor" && Get("road") is null)
                || (Relation == "near" && Has("boundary"));
            yield return (B, bIsDistrict);
        }

        foreach (var key in new[] { "W", "E", "S", "N", "from", "road" })
        {
            if (Get(key) is { } name)
            {
                yield return (name, false);
            }
        }

        if (Get("within") is { } within)
        {
            yield return (within.Split(':')[0], false);
        }

        if (Get("district") is { } district)
        {
            yield return (district, true);
        }
    }

    /// <summary>Reads relations.tsv, skipping the header and blank lines.</summary>
    public static IReadOnlyList<RelationRow> ReadAll(string path)
    {
        var rows = new List<RelationRow>();
        var lines = File.ReadAllLines(path);
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            var cells = lines[i].Split('\t');
            if (cells.Length != 5)
            {
                throw new FormatException($"relations.tsv line {i + 1}: {cells.Length} cells, expected 5");
            }

            rows.Add(new RelationRow(i + 1, cells[0], cells[1], cells[2], cells[3], cells[4]));
        }

        return rows;
    }

    /// <summary>As shown in the test explorer: <c>relation a b (source)</c>.</summary>
    public override string ToString() => $"{Relation} {A} {B} ({Source})";

    public void Deserialize(IXunitSerializationInfo info)
    {
        Line = info.GetValue<int>(nameof(Line));
        Relation = info.GetValue<string>(nameof(Relation));
        A = info.GetValue<string>(nameof(A));
        B = info.GetValue<string>(nameof(B));
        Detail = info.GetValue<string>(nameof(Detail));
        Source = info.GetValue<string>(nameof(Source));
    }

    public void Serialize(IXunitSerializationInfo info)
    {
        info.AddValue(nameof(Line), Line);
        info.AddValue(nameof(Relation), Relation);
        info.AddValue(nameof(A), A);
        info.AddValue(nameof(B), B);
        info.AddValue(nameof(Detail), Detail);
        info.AddValue(nameof(Source), Source);
    }

    private IEnumerable<(string Key, string? Value)> Pairs()
    {
        var rest = Detail;
        while (rest.Length > 0)
        {
            if (rest.StartsWith("note=", StringComparison.Ordinal))
            {
                yield return ("note", rest[5..]);
                yield break;
            }

            var end = rest.IndexOf(';', StringComparison.Ordinal);
            var item = end < 0 ? rest : rest[..end];
            rest = end < 0 ? "" : rest[(end + 1)..];
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            yield return eq < 0 ? (item.Trim(), null) : (item[..eq].Trim(), item[(eq + 1)..].Trim());
        }
    }
}
