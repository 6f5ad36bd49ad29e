using System.Text;

namespace LandMap.Core.Gazetteer;

/// <summary>A 村 or 社区 of the official list: its 12-digit code, its name as a report writes it, its 街道/乡镇 and district.</summary>
/// <param name="Code">统计用区划代码, 12 digits.</param>
/// <param name="Name">As reports write it: 焦庄村, 东苑社区 (the registered 焦庄村村民委员会, 东苑社区居委会 shortened).</param>
/// <param name="Registered">The name as registered.</param>
/// <param name="Town">The 街道/乡镇 it belongs to (申楼街道, 曹镇乡), or empty.</param>
/// <param name="District">The county-level district (卫东区).</param>
public sealed record Village(string Code, string Name, string Registered, string Town, string District);

/// <summary>
/// The official 村/社区 of the districts LandMap ships lists for (<c>gazetteer/divisions/{code}.csv</c>, 统计用区划代码 via
/// Vonng/adcode, 2016 baseline, CC BY 4.0): whether a village a report names is a village of the report's district, and
/// where a homonym lies (焦庄村 is in 卫东区 申楼街道 and in 湛河区 曹镇乡). A district without a list is not checked.
/// </summary>
public sealed class VillageRegistry
{
    /// <summary>The folder of the lists inside a gazetteer folder.</summary>
    public const string FolderName = "divisions";

    private readonly Dictionary<string, HashSet<string>> _byDistrict = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Village>> _byName = new(StringComparer.Ordinal);

    private VillageRegistry(IEnumerable<Village> villages, IEnumerable<string> districts)
    {
        foreach (var district in districts) _byDistrict.TryAdd(district, new HashSet<string>(StringComparer.Ordinal));
        foreach (var v in villages)
        {
            _byDistrict[v.District].Add(v.Name);
            if (!_byName.TryGetValue(v.Name, out var same)) _byName[v.Name] = same = [];
            same.Add(v);
        }
    }

    /// <summary>No lists: nothing is checked.</summary>
    public static VillageRegistry Empty { get; } = new([], []);

    /// <summary>Every village of every list.</summary>
    public IEnumerable<Village> All => _byName.Values.SelectMany(v => v);

    /// <summary>The districts with a list.</summary>
    public IReadOnlyCollection<string> Districts => _byDistrict.Keys;

    /// <summary>
    /// Reads every <c>*.csv</c> of <paramref name="folder"/> (none when it does not exist). A file that is not a division
    /// list (no county row, rows of fewer than 4 columns) is an error naming the file and line.
    /// </summary>
    public static VillageRegistry Load(string folder)
    {
        if (!Directory.Exists(folder)) return Empty;
        var villages = new List<Village>();
        var districts = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.csv").Order(StringComparer.Ordinal))
        {
            var (district, rows) = Read(file);
            districts.Add(district);
            villages.AddRange(rows);
        }
        return new VillageRegistry(villages, districts);
    }

    private static (string District, List<Village> Villages) Read(string file)
    {
        var towns = new Dictionary<string, string>(StringComparer.Ordinal);
        var rows = new List<(string Code, string Parent, string Name, int Line)>();
        string? district = null;
        var line = 0;
        foreach (var text in File.ReadLines(file, Encoding.UTF8))
        {
            line++;
            if (line == 1 && text.StartsWith("code,", StringComparison.Ordinal)) continue;
            if (text.Length == 0) continue;
            var cells = text.Split(',');
            if (cells.Length < 4 || cells[0].Length != 12 || !cells[0].All(char.IsAsciiDigit))
                throw new InvalidDataException($"{Path.GetFileName(file)} line {line}: not a division row (code,parent,name,level,…; a 12-digit code first).");
            switch (cells[3])
            {
                case "county": district = cells[2]; break;
                case "town": towns[cells[0]] = TownName(cells[2]); break;
                case "village": rows.Add((cells[0], cells[1], cells[2], line)); break;
            }
        }
        if (district is null) throw new InvalidDataException($"{Path.GetFileName(file)}: no county row names the district.");
        return (district, rows.Select(r => new Village(r.Code, ShortName(r.Name), r.Name, towns.GetValueOrDefault(r.Parent, ""), district)).ToList());
    }

    // Registered office names as reports write the place: 焦庄村村民委员会 / 焦庄村委会 → 焦庄村, 东苑社区居委会 → 东苑社区.
    private static readonly (string Suffix, string Replacement)[] Offices =
    [
        ("村村民委员会", "村"), ("村民委员会", "村"), ("村村委会", "村"), ("村委会", "村"),
        ("社区居民委员会", "社区"), ("社区居委会", "社区"), ("社区委员会", "社区"), ("居民委员会", "社区"), ("居委会", "社区"),
    ];

    /// <summary>A registered 村/社区 name as a report writes it.</summary>
    public static string ShortName(string registered)
    {
        foreach (var (suffix, replacement) in Offices)
            if (registered.EndsWith(suffix, StringComparison.Ordinal) && registered.Length > suffix.Length)
                return registered[..^suffix.Length] + replacement;
        return registered;
    }

    private static string TownName(string registered) =>
        registered.EndsWith("街道办事处", StringComparison.Ordinal) ? registered[..^"办事处".Length] : registered;

    /// <summary>Whether <paramref name="place"/> names a 村 or 社区 (the only places the lists can confirm).</summary>
    public static bool IsVillageName(string place) =>
        place.Length >= 2 && (place.EndsWith('村') || place.EndsWith("社区", StringComparison.Ordinal));

    /// <summary>The villages of that name in every list, homonyms in list order.</summary>
    public IReadOnlyList<Village> Find(string name) => _byName.TryGetValue(name, out var v) ? v : [];

    /// <summary>
    /// A warning when <paramref name="place"/> is a 村/社区 that <paramref name="district"/>'s list lacks, saying where the
    /// lists have it instead; null when it is there, is no village name, or the district has no list.
    /// </summary>
    public string? Check(string district, string place)
    {
        if (!IsVillageName(place) || !_byDistrict.TryGetValue(district, out var names) || names.Contains(place)) return null;
        // 大营村 may since have become 大营社区 (or the report says one for the other): the list's form is worth naming.
        var stem = place.EndsWith('村') ? place[..^1] : place[..^2];
        var other = place.EndsWith('村') ? stem + "社区" : stem + "村";
        if (names.Contains(other)) return $"“{place}”不在{district}的村/社区名录中（统计用区划代码，2016），名录有“{other}”：请核对是否为同一村（社区）";
        var elsewhere = Find(place).Select(v => v.District + v.Town).Distinct().Take(3).ToList();
        return $"“{place}”不在{district}的村/社区名录中（统计用区划代码，2016）" +
            (elsewhere.Count > 0 ? $"；名录中{string.Join("、", elsewhere)}有{place}" : "") + "：请核对村名或所属区县";
    }
}
