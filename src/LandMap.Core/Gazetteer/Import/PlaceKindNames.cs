namespace LandMap.Core.Gazetteer.Import;

/// <summary>Reads a <see cref="PlaceKind"/> from an attribute or option: the English name in any case, or a Chinese term.</summary>
public static class PlaceKindNames
{
    // Kind values as Chinese land-bureau layers write them; English names are matched separately.
    private static readonly Dictionary<string, PlaceKind> ChineseKinds = new(StringComparer.Ordinal)
    {
        ["行政区"] = PlaceKind.District, ["区"] = PlaceKind.District, ["区县"] = PlaceKind.District,
        ["道路"] = PlaceKind.Road, ["路"] = PlaceKind.Road, ["街道"] = PlaceKind.Road,
        ["铁路"] = PlaceKind.Railway, ["专用线"] = PlaceKind.Railway,
        ["河流"] = PlaceKind.River, ["河"] = PlaceKind.River,
        ["沟渠"] = PlaceKind.Canal, ["渠"] = PlaceKind.Canal, ["渠道"] = PlaceKind.Canal,
        ["村庄"] = PlaceKind.Village, ["村"] = PlaceKind.Village, ["行政村"] = PlaceKind.Village, ["自然村"] = PlaceKind.Village,
        ["社区"] = PlaceKind.Community, ["居委会"] = PlaceKind.Community,
        ["地标"] = PlaceKind.Landmark, ["单位"] = PlaceKind.Landmark,
        ["园区"] = PlaceKind.Park, ["公园"] = PlaceKind.Park,
        ["界线"] = PlaceKind.Boundary, ["边界"] = PlaceKind.Boundary,
    };

    /// <summary>The kind named by <paramref name="text"/> (road, Road, 道路, 村庄...), or null.</summary>
    public static PlaceKind? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        foreach (var k in Enum.GetValues<PlaceKind>())
        {
            if (string.Equals(k.ToString(), t, StringComparison.OrdinalIgnoreCase))
            {
                return k;
            }
        }

        return ChineseKinds.TryGetValue(t, out var kind) ? kind : null;
    }
}
