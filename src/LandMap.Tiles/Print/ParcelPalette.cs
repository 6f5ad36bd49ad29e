using System.Globalization;
using System.Text.Json;
using SkiaSharp;

namespace LandMap.Tiles.Print;

/// <summary>A fill colour and its legend label (谋划, 已定位（无项目进度）).</summary>
public sealed record PaletteEntry(string Name, SKColor Color);

/// <summary>The outline of one plan year's parcels.</summary>
public sealed record PlanYearOutline(SKColor Stroke, float[] Dash);

/// <summary>
/// The page's parcel colours (the <c>parcels</c> section of tiles/style.json): fill by project stage, else by geocode status;
/// outline by plan year. A printed map read from the store colours parcels the way the page does, so one legend serves both.
/// </summary>
public sealed record ParcelPalette
{
    /// <summary>Fill per project stage key (planning … suspended), in the page's legend order.</summary>
    public required IReadOnlyList<KeyValuePair<string, PaletteEntry>> Stages { get; init; }

    /// <summary>Fill per geocode status (located, approximate) of parcels without a project stage.</summary>
    public required IReadOnlyList<KeyValuePair<string, PaletteEntry>> Statuses { get; init; }

    /// <summary>Outline per plan year ("default" for the others).</summary>
    public required IReadOnlyDictionary<string, PlanYearOutline> PlanYears { get; init; }

    /// <summary>Opacity of parcel fills (0–1).</summary>
    public float FillOpacity { get; init; } = 0.55f;

    /// <summary>
    /// The fill of a parcel without a stage whose status the page's style does not name (reviewed): the page draws it
    /// #bbbbbb without a legend row; the printed legend names it.
    /// </summary>
    public PaletteEntry Other { get; init; } = new("审核员定位（无项目进度）", new SKColor(0xBB, 0xBB, 0xBB));

    private const string StageKey = "stage:", StatusKey = "status:", OtherKey = "other";

    /// <summary>
    /// The fill of a parcel: its stage's colour, else its status's, else <see cref="Other"/>; with its legend key
    /// (stage:started, status:located, other), which groups the parcels of one legend row.
    /// </summary>
    public (string Key, PaletteEntry Entry) FillOf(string? projectStage, string status)
    {
        if (projectStage is not null && Find(Stages, projectStage) is { } stage) return (StageKey + projectStage, stage);
        if (Find(Statuses, status) is { } byStatus) return (StatusKey + status, byStatus);
        return (OtherKey, Other);
    }

    /// <summary>The stage of a legend key from <see cref="FillOf"/>, or null when the fill is not a stage's.</summary>
    public static string? StageOf(string key) => key.StartsWith(StageKey, StringComparison.Ordinal) ? key[StageKey.Length..] : null;

    /// <summary>The legend entry of a key from <see cref="FillOf"/>.</summary>
    public PaletteEntry EntryOf(string key) =>
        StageOf(key) is { } stage ? Find(Stages, stage) ?? Other
        : key.StartsWith(StatusKey, StringComparison.Ordinal) ? Find(Statuses, key[StatusKey.Length..]) ?? Other
        : Other;

    /// <summary>The outline of a plan year's parcels.</summary>
    public PlanYearOutline OutlineOf(int? planYear) =>
        planYear is { } y && PlanYears.TryGetValue(y.ToString(CultureInfo.InvariantCulture), out var o) ? o : PlanYears["default"];

    /// <summary>The colours tiles/style.json holds today (a test keeps the two equal).</summary>
    public static ParcelPalette Default { get; } = new()
    {
        Stages =
        [
            new("planning", new("谋划", SKColor.Parse("#9e9ac8"))), new("signed", new("签约", SKColor.Parse("#6a51a3"))),
            new("started", new("开工", SKColor.Parse("#fd8d3c"))), new("topped-out", new("主体封顶", SKColor.Parse("#e6550d"))),
            new("completed", new("建成", SKColor.Parse("#31a354"))), new("trial", new("试运行", SKColor.Parse("#74c476"))),
            new("operating", new("投产运营", SKColor.Parse("#006d2c"))), new("at-capacity", new("达效", SKColor.Parse("#00441b"))),
            new("suspended", new("停缓建", SKColor.Parse("#969696"))),
        ],
        Statuses =
        [
            new("located", new("已定位（无项目进度）", SKColor.Parse("#3182bd"))),
            new("approximate", new("近似定位（无项目进度）", SKColor.Parse("#9ecae1"))),
        ],
        PlanYears = new Dictionary<string, PlanYearOutline>
        {
            ["2021"] = new(SKColor.Parse("#d62728"), [6, 4]), ["2023"] = new(SKColor.Parse("#1f3b73"), []),
            ["default"] = new(SKColor.Parse("#444444"), [2, 3]),
        },
    };

    /// <summary>Reads the <c>parcels</c> section of the page's style file.</summary>
    /// <exception cref="InvalidDataException">The file has no usable parcels section; the message names the file and the member.</exception>
    public static ParcelPalette Load(string stylePath)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(stylePath));
            var parcels = document.RootElement.GetProperty("parcels");
            var planYears = new Dictionary<string, PlanYearOutline>(StringComparer.Ordinal);
            foreach (var year in parcels.GetProperty("planYears").EnumerateObject())
            {
                planYears[year.Name] = new(Color(year.Value.GetProperty("stroke")),
                    year.Value.GetProperty("dash").EnumerateArray().Select(d => d.GetSingle()).ToArray());
            }

            if (!planYears.ContainsKey("default")) throw new InvalidDataException($"{stylePath}: parcels.planYears has no \"default\".");
            return new ParcelPalette
            {
                Stages = Entries(parcels.GetProperty("stages")), Statuses = Entries(parcels.GetProperty("statuses")), PlanYears = planYears,
                FillOpacity = parcels.TryGetProperty("fillOpacity", out var opacity) ? opacity.GetSingle() : 0.55f,
            };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new InvalidDataException($"{stylePath}: the parcels section of the map style cannot be read ({e.Message}).", e);
        }
    }

    private static List<KeyValuePair<string, PaletteEntry>> Entries(JsonElement section) =>
        section.EnumerateObject()
            .Select(p => new KeyValuePair<string, PaletteEntry>(p.Name, new(p.Value.GetProperty("name").GetString()!, Color(p.Value.GetProperty("color")))))
            .ToList();

    private static SKColor Color(JsonElement value) =>
        SKColor.TryParse(value.GetString(), out var color) ? color : throw new FormatException($"'{value.GetString()}' is not a #rrggbb colour");

    private static PaletteEntry? Find(IReadOnlyList<KeyValuePair<string, PaletteEntry>> entries, string key) =>
        entries.FirstOrDefault(e => e.Key == key).Value;
}
