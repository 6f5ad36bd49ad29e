using System.Reflection;
using NetTopologySuite.Geometries;

namespace LandMap.Core.Gazetteer.Registry;

/// <summary>
/// The county-level districts LandMap can take reports of: code, name, city, province and, where the gazetteer folder has
/// one, the outline (WGS 84). Read from data, never from code: a gazetteer folder's <c>registry.csv</c>
/// (<see cref="DistrictRegistryFile"/>), else the shipped one (every county-level district of 河南省, embedded from
/// <c>gis-data/gazetteer/registry.csv</c>). Outlines are the folder's <c>kind: district</c> features of the same name.
/// Immutable, safe for concurrent reads.
/// </summary>
public sealed class DistrictRegistry
{
    private const string ResourceName = "LandMap.Core.Gazetteer.Registry.registry.csv";

    private readonly Dictionary<int, RegisteredDistrict> _byCode;
    private readonly Dictionary<string, List<RegisteredDistrict>> _byName;

    /// <summary>A registry of <paramref name="districts"/> (a later one with the same code replaces an earlier one).</summary>
    public DistrictRegistry(IEnumerable<RegisteredDistrict> districts)
    {
        _byCode = new Dictionary<int, RegisteredDistrict>();
        foreach (var d in districts) _byCode[d.Code] = d;
        All = _byCode.Values.OrderBy(d => d.Code).ToList();
        _byName = All.GroupBy(d => d.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
    }

    /// <summary>The shipped registry: every county-level district of 河南省, without outlines.</summary>
    public static DistrictRegistry Shipped { get; } = LoadShipped();

    /// <summary>Every district, by code.</summary>
    public IReadOnlyList<RegisteredDistrict> All { get; }

    /// <summary>The district of <paramref name="code"/>, or null.</summary>
    public RegisteredDistrict? ByCode(int code) => _byCode.GetValueOrDefault(code);

    /// <summary>The district named <paramref name="name"/> (卫东区), or null when none is, or several are (朝阳区 of 北京 and of 长春).</summary>
    public RegisteredDistrict? ByName(string? name) =>
        name is not null && _byName.TryGetValue(name, out var list) && list.Count == 1 ? list[0] : null;

    /// <summary>The registry of a gazetteer folder: its <c>registry.csv</c>, else <see cref="Shipped"/>; without outlines.</summary>
    /// <exception cref="InvalidDataException">The file is malformed (the message names file, line and field).</exception>
    public static DistrictRegistry ForFolder(string folder)
    {
        var path = Path.Combine(folder, DistrictRegistryFile.FileName);
        return File.Exists(path) ? new DistrictRegistry(DistrictRegistryFile.Read(path)) : Shipped;
    }

    /// <summary>
    /// The registry of a gazetteer folder with the outlines of its district features, or null when the folder does not load
    /// (the caller then has nothing to judge nearness by).
    /// </summary>
    public static DistrictRegistry? ForFolderWithOutlines(string folder)
    {
        try
        {
            var load = GazetteerLoader.LoadDirectory(folder);
            return load.IsSuccess ? ForFolder(folder).WithBoundaries(load.Features) : null;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>This registry with the outlines of the gazetteer's <c>kind: district</c> features of the same name.</summary>
    public DistrictRegistry WithBoundaries(IEnumerable<GazetteerFeature> features)
    {
        var outlines = features.Where(f => f.Kind == PlaceKind.District)
            .GroupBy(f => f.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().Geometry, StringComparer.Ordinal);
        return new DistrictRegistry(All.Select(d => outlines.TryGetValue(d.Name, out var g) && _byName[d.Name].Count == 1 ? d with { Boundary = g } : d));
    }

    /// <summary>
    /// The district <paramref name="text"/> names (a report's title), with the form it printed: the longest form
    /// (河南省平顶山市卫东区 before 平顶山市卫东区 before 卫东区) found, the earliest when two are as long; null when none.
    /// A bare name shared by two districts (朝阳区) counts only with its city or province in front.
    /// </summary>
    public (RegisteredDistrict District, string Form)? FindIn(string text)
    {
        (RegisteredDistrict District, string Form, int At)? best = null;
        foreach (var d in All)
        {
            foreach (var form in d.TitleForms())
            {
                if (form == d.Name && _byName[d.Name].Count > 1) continue;
                var at = text.IndexOf(form, StringComparison.Ordinal);
                if (at < 0) continue;
                if (best is not { } b || form.Length > b.Form.Length || (form.Length == b.Form.Length && at < b.At)) best = (d, form, at);
                break;
            }
        }
        return best is { } found ? (found.District, found.Form) : null;
    }

    /// <summary>The districts with an outline.</summary>
    public IEnumerable<RegisteredDistrict> WithOutline => All.Where(d => d.Boundary is not null);

    /// <summary>
    /// True when the WGS 84 <paramref name="envelope"/> lies within <paramref name="marginDegrees"/> of a district outline;
    /// also true when no district has an outline (nothing to judge by).
    /// </summary>
    public bool IsNearADistrict(Envelope envelope, double marginDegrees = 0.5)
    {
        var outlined = WithOutline.ToList();
        if (outlined.Count == 0) return true;
        return outlined.Any(d =>
        {
            var near = d.Boundary!.EnvelopeInternal.Copy();
            near.ExpandBy(marginDegrees);
            return near.Intersects(envelope);
        });
    }

    /// <summary>The districts with an outline, as the user reads them: "410403 卫东区, 410411 湛河区" (at most five, then …).</summary>
    public string DescribeOutlined()
    {
        var outlined = WithOutline.ToList();
        var shown = string.Join(", ", outlined.Take(5).Select(d => $"{d.Code} {d.Name}"));
        return outlined.Count > 5 ? $"{shown} … ({outlined.Count} districts)" : shown;
    }

    private static DistrictRegistry LoadShipped()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The shipped district registry ({ResourceName}) is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return new DistrictRegistry(DistrictRegistryFile.Read(reader, "registry.csv (shipped)"));
    }
}
