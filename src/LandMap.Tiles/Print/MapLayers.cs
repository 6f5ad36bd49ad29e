namespace LandMap.Tiles.Print;

/// <summary>The overlays of the page a printed map can show, as the page's layers are named.</summary>
[Flags]
public enum MapLayers
{
    /// <summary>Nothing but the frame.</summary>
    None = 0,
    /// <summary>The gazetteer: districts, roads, water, villages, with their names.</summary>
    Basemap = 1,
    /// <summary>The parcels, filled by stage or status, outlined by plan year.</summary>
    Parcels = 2,
    /// <summary>The parcels' "seq 名称" labels.</summary>
    Labels = 4,
    /// <summary>Key-project symbols on the parcels that carry a project stage.</summary>
    Projects = 8,
    /// <summary>What the page shows by default.</summary>
    All = Basemap | Parcels | Labels | Projects,
}

/// <summary>The <c>layers</c> parameter: a comma list of layer names.</summary>
public static class MapLayerNames
{
    /// <summary>The names accepted, in the page's order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["basemap", "parcels", "labels", "projects"];

    /// <summary>
    /// The layers of a comma list (any case, blanks ignored); <see cref="MapLayers.All"/> when the text is empty. An unknown
    /// name gives null and a message listing the names accepted.
    /// </summary>
    public static (MapLayers? Layers, string? Error) Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return (MapLayers.All, null);
        var layers = MapLayers.None;
        foreach (var name in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var index = Names.ToList().FindIndex(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                var shown = name.Length > 40 ? name[..40] + "…" : name;
                return (null, $"layers names '{shown}', which is not a layer; use a comma list of {string.Join(", ", Names)}.");
            }

            layers |= (MapLayers)(1 << index);
        }

        return (layers, null);
    }
}
