using System.Globalization;
using System.Text;
using LandMap.Core.Crs;

namespace LandMap.Core.Gazetteer;

/// <summary>A 村 or 社区 of the official list: its 12-digit code, its name as a report writes it, its 街道/乡镇 and district.</summary>
/// <param name="Code">统计用区划代码, 12 digits.</param>
/// <param name="Name">As reports write it: 焦庄村, 东苑社区 (the registered 焦庄村村民委员会, 东苑社区居委会 shortened).</param>
/// <param name="Registered">The name as registered.</param>
/// <param name="Town">The 街道/乡镇 it belongs to (申楼街道, 曹镇乡), or empty.</param>
/// <param name="District">The county-level district (卫东区).</param>
/// <param name="CentreGcj02">The list's centre point (村委会/居委会), GCJ-02 lon/lat as published; null when it has none.</param>
public sealed record Village(string Code, string Name, string Registered, string Town, string District, (double Lon, double Lat)? CentreGcj02 = null);

/// <summary>A 街道/乡/镇 of the official list.</summary>
/// <param name="Code">统计用区划代码, 12 digits.</param>
/// <param name="Name">As reports write it: 蒲城街道 (registered 蒲城街道办事处), 曹镇乡.</param>
/// <param name="District">The county-level district.</param>
/// <param name="CentreGcj02">The list's centre point (the 办事处 or 乡/镇政府), GCJ-02 lon/lat as published; null when none.</param>
public sealed record DivisionTown(string Code, string Name, string District, (double Lon, double Lat)? CentreGcj02)
{
    /// <summary>True for a 街道 (an urban subdivision of a few km²), false for a 乡 or 镇 (rural, tens of km²).</summary>
    public bool IsSubdistrict => Name.EndsWith("街道", StringComparison.Ordinal) || Name.EndsWith("办事处", StringComparison.Ordinal);
}

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
    private readonly Dictionary<string, List<DivisionTown>> _towns = new(StringComparer.Ordinal);
    private readonly string[] _townNamesLongestFirst;

    private VillageRegistry(IEnumerable<Village> villages, IEnumerable<string> districts, IEnumerable<DivisionTown> towns)
    {
        foreach (var district in districts) _byDistrict.TryAdd(district, new HashSet<string>(StringComparer.Ordinal));
        foreach (var t in towns)
        {
            if (!_towns.TryGetValue(t.Name, out var same)) _towns[t.Name] = same = [];
            same.Add(t);
        }
        _townNamesLongestFirst = [.. _towns.Keys.OrderByDescending(n => n.Length).ThenBy(n => n, StringComparer.Ordinal)];
        foreach (var v in villages)
        {
            _byDistrict[v.District].Add(v.Name);
            if (!_byName.TryGetValue(v.Name, out var same)) _byName[v.Name] = same = [];
            same.Add(v);
        }
    }

    /// <summary>No lists: nothing is checked.</summary>
    public static VillageRegistry Empty { get; } = new([], [], []);

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
        var towns = new List<DivisionTown>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.csv").Order(StringComparer.Ordinal))
        {
            var (district, rows, itsTowns) = Read(file);
            districts.Add(district);
            villages.AddRange(rows);
            towns.AddRange(itsTowns);
        }
        return new VillageRegistry(Untrusted(villages), districts, towns);
    }

    // The lists' points were geocoded from names: homonyms got one point (叶县's two 辛庄村 share 113.315039,33.472634),
    // so a point shared by two villages says where neither is. Such a village counts as having none.
    private static List<Village> Untrusted(List<Village> villages)
    {
        var shared = villages.Where(v => v.CentreGcj02 is not null).GroupBy(v => v.CentreGcj02).Where(g => g.Count() > 1)
            .Select(g => g.Key).ToHashSet();
        return villages.Select(v => v.CentreGcj02 is { } c && shared.Contains(c) ? v with { CentreGcj02 = null } : v).ToList();
    }

    private static (string District, List<Village> Villages, List<DivisionTown> Towns) Read(string file)
    {
        var towns = new Dictionary<string, string>(StringComparer.Ordinal);
        var townRows = new List<(string Code, string Name, (double, double)? Centre)>();
        var rows = new List<(string Code, string Parent, string Name, (double, double)? Centre)>();
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
                case "town":
                    towns[cells[0]] = TownName(cells[2]);
                    townRows.Add((cells[0], TownName(cells[2]), Centre(file, line, cells)));
                    break;
                case "village": rows.Add((cells[0], cells[1], cells[2], Centre(file, line, cells))); break;
            }
        }
        if (district is null) throw new InvalidDataException($"{Path.GetFileName(file)}: no county row names the district.");
        return (district,
            rows.Select(r => new Village(r.Code, ShortName(r.Name), r.Name, towns.GetValueOrDefault(r.Parent, ""), district, r.Centre)).ToList(),
            townRows.Select(t => new DivisionTown(t.Code, t.Name, district, t.Centre)).ToList());
    }

    // longitude_gcj02, latitude_gcj02: both empty (no point) or both numbers inside China.
    private static (double Lon, double Lat)? Centre(string file, int line, string[] cells)
    {
        var lonText = cells.Length > 4 ? cells[4].Trim() : "";
        var latText = cells.Length > 5 ? cells[5].Trim() : "";
        if (lonText.Length == 0 && latText.Length == 0) return null;
        if (!double.TryParse(lonText, NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
            || !double.TryParse(latText, NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            || !ChinaWebDatums.InsideChina(lon, lat))
            throw new InvalidDataException($"{Path.GetFileName(file)} line {line}: longitude_gcj02/latitude_gcj02 “{lonText},{latText}” is not a GCJ-02 point in China (both empty, or both numbers).");
        return (lon, lat);
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

    /// <summary>The 街道/乡/镇 of that name (蒲城街道, 曹镇乡) in every list.</summary>
    public IReadOnlyList<DivisionTown> FindTown(string name) => _towns.TryGetValue(name, out var t) ? t : [];

    /// <summary>
    /// A place written with its 街道/乡/镇 first (蒲城街道辛南村, 曹镇乡焦庄村) split into the two, the longest listed town name
    /// first; (null, place) when it does not start with a listed town or the rest is no 村/社区 name.
    /// </summary>
    public (string? Town, string Village) SplitTown(string place)
    {
        foreach (var town in _townNamesLongestFirst)
            if (place.Length > town.Length && place.StartsWith(town, StringComparison.Ordinal) && IsVillageName(place[town.Length..]))
                return (town, place[town.Length..]);
        return (null, place);
    }

    /// <summary>
    /// A warning when <paramref name="place"/> is a 村/社区 that <paramref name="district"/>'s list lacks, saying where the
    /// lists have it instead; null when it is there, is no village name, or the district has no list.
    /// </summary>
    public string? Check(string district, string place)
    {
        var (town, village) = SplitTown(place);
        if (town is not null && TownCheck(district, town, village) is { } said) return said;
        place = village;
        if (!IsVillageName(place) || !_byDistrict.TryGetValue(district, out var names) || names.Contains(place)) return null;
        // 大营村 may since have become 大营社区 (or the report says one for the other): the list's form is worth naming.
        var stem = place.EndsWith('村') ? place[..^1] : place[..^2];
        var other = place.EndsWith('村') ? stem + "社区" : stem + "村";
        if (names.Contains(other)) return $"“{place}”不在{district}的村/社区名录中（统计用区划代码，2016），名录有“{other}”：请核对是否为同一村（社区）";
        var elsewhere = Find(place).Select(v => v.District + v.Town).Distinct().Take(3).ToList();
        return $"“{place}”不在{district}的村/社区名录中（统计用区划代码，2016）" +
            (elsewhere.Count > 0 ? $"；名录中{string.Join("、", elsewhere)}有{place}" : "") + "：请核对村名或所属区县";
    }

    // The town a report names must be one of its district's, and hold the village when the list has it there.
    private string? TownCheck(string district, string town, string village)
    {
        if (!_byDistrict.ContainsKey(district)) return null;
        var towns = FindTown(town);
        if (!towns.Any(t => t.District == district))
            return $"“{town}”不是{district}的街道/乡镇（名录中属{string.Join("、", towns.Select(t => t.District).Distinct())}）：请核对所属区县";
        var listed = Find(village).Where(v => v.District == district).ToList();
        if (listed.Count > 0 && !listed.Any(v => v.Town == town))
            return $"名录中{district}的{village}属{string.Join("、", listed.Select(v => v.Town).Distinct())}，不属{town}：请核对";
        return null;
    }
}
