using NetTopologySuite.Geometries;

namespace LandMap.Core.Gazetteer.Registry;

/// <summary>A county-level district (区, 县, 县级市) of the registry.</summary>
/// <param name="Code">Its six-digit administrative division code (GB/T 2260, 统计用区划代码): 410403.</param>
/// <param name="Name">Its name as reports print it without prefix: 卫东区.</param>
/// <param name="City">The prefecture-level city it belongs to (平顶山市); empty for districts directly under a province
/// (济源市) and for municipalities' districts, whose city is the province (北京市).</param>
/// <param name="Province">The province or municipality (河南省, 北京市).</param>
public sealed record RegisteredDistrict(int Code, string Name, string City, string Province)
{
    /// <summary>Its outline in WGS 84 lon/lat, when the gazetteer folder has one (a <c>kind: district</c> feature).</summary>
    public Geometry? Boundary { get; init; }

    /// <summary>The forms a title may print it in, longest first: 河南省平顶山市卫东区, 平顶山市卫东区, 河南省卫东区, 卫东区.</summary>
    public IEnumerable<string> TitleForms()
    {
        if (City.Length > 0) yield return Province + City + Name;
        if (City.Length > 0) yield return City + Name;
        yield return Province + Name;
        yield return Name;
    }

    /// <summary>What a location may write before a place of this district: its title forms, and its city and province alone.</summary>
    public IEnumerable<string> AddressForms() =>
        TitleForms().Concat(City.Length > 0 ? [Province + City, City] : []).Append(Province).Distinct();

    /// <inheritdoc/>
    public override string ToString() => $"{Code} {Province}{City}{Name}";
}
